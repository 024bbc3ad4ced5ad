// Health checks and lifecycle hooks of a container: exec, HTTP, TCP, gRPC and sleep actions.
import { z } from 'zod';
import { atomicList, enumOf, int32, int64, intOrString, named, opt, req, rules, str, strings, type Rules } from './dsl.ts';
import type { Path } from './field-errors.ts';
import { isHTTPHeaderName, isValidPortName, isValidPortNum, NEGATIVE_ERROR } from './names.ts';

export const ExecActionSchema = named(
  'io.k8s.api.core.v1.ExecAction',
  'Runs a command inside the container; exit status 0 means success.',
  z.object({
    command: opt(strings(), 'Command and arguments, run directly (not in a shell unless you call one).', atomicList),
  }),
);

export const HTTPHeaderSchema = named(
  'io.k8s.api.core.v1.HTTPHeader',
  'One HTTP header sent with a probe request.',
  z.object({
    name: req(str(), 'Header name.'),
    value: req(str(), 'Header value.'),
  }),
);

/** apiserver's ValidatePortNumOrName: numbers must be ports, strings must be IANA port names. */
export function checkPortNumOrName(r: Rules, path: Path, port: number | string): void {
  if (typeof port === 'number') r.invalidEach(path, port, isValidPortNum(port));
  else r.invalidEach(path, port, isValidPortName(port));
}

export const HTTPGetActionSchema = named(
  'io.k8s.api.core.v1.HTTPGetAction',
  'Sends an HTTP GET; a status from 200 to 399 means success.',
  rules(
    z.object({
      path: opt(str(), 'Path to request, e.g. /healthz.'),
      port: req(intOrString(), 'Port number or named container port to connect to.'),
      host: opt(str(), 'Host to connect to; defaults to the pod IP.'),
      scheme: opt(enumOf(['HTTP', 'HTTPS']), 'HTTP or HTTPS (certificates are not verified). Defaults to HTTP.'),
      httpHeaders: opt(z.array(HTTPHeaderSchema), 'Extra request headers.', atomicList),
    }),
    (h, r) => {
      checkPortNumOrName(r, ['port'], h.port);
      for (const header of h.httpHeaders ?? []) r.invalidEach(['httpHeaders'], header.name, isHTTPHeaderName(header.name));
    },
  ),
);

export const TCPSocketActionSchema = named(
  'io.k8s.api.core.v1.TCPSocketAction',
  'Opens a TCP connection; success if it connects.',
  rules(
    z.object({
      port: req(intOrString(), 'Port number or named container port to connect to.'),
      host: opt(str(), 'Host to connect to; defaults to the pod IP.'),
    }),
    (t, r) => checkPortNumOrName(r, ['port'], t.port),
  ),
);

export const GRPCActionSchema = named(
  'io.k8s.api.core.v1.GRPCAction',
  'Calls the standard gRPC health checking service.',
  rules(
    z.object({
      port: req(int32(), 'Port number of the gRPC service (1-65535).'),
      service: opt(str(), 'Service name passed in the health check request; empty means the server as a whole.', { default: '' }),
    }),
    (g, r) => r.invalidEach(['port'], g.port, isValidPortNum(g.port)),
  ),
);

export const SleepActionSchema = named(
  'io.k8s.api.core.v1.SleepAction',
  'Waits a number of seconds.',
  z.object({
    seconds: req(int64(), 'How long to sleep.'),
  }),
);

type Handler = { exec?: unknown; httpGet?: unknown; tcpSocket?: unknown; grpc?: unknown; sleep?: unknown };

/** Exactly one action per handler; later ones are reported as Forbidden, as apiserver does. */
function checkOneHandler(r: Rules, h: Handler, kinds: ReadonlyArray<keyof Handler>): void {
  let n = 0;
  for (const k of kinds) {
    if (h[k] === undefined) continue;
    if (n > 0) r.forbidden([k], 'may not specify more than 1 handler type');
    n++;
  }
  if (n === 0) r.required([], 'must specify a handler type');
  const exec = h.exec as { command?: string[] } | undefined;
  if (exec && !exec.command?.length) r.required(['exec', 'command']);
}

export const ProbeSchema = named(
  'io.k8s.api.core.v1.Probe',
  'A periodic health check of a container; failing it restarts the container (liveness) or removes it from service endpoints (readiness).',
  rules(
    z.object({
      exec: opt(ExecActionSchema, 'Check by running a command.'),
      httpGet: opt(HTTPGetActionSchema, 'Check with an HTTP GET request.'),
      tcpSocket: opt(TCPSocketActionSchema, 'Check by opening a TCP connection.'),
      grpc: opt(GRPCActionSchema, 'Check with a gRPC health request.'),
      initialDelaySeconds: opt(int32(), 'Seconds after the container starts before the first check.'),
      timeoutSeconds: opt(int32(), 'Seconds before a check times out. Defaults to 1.'),
      periodSeconds: opt(int32(), 'Seconds between checks. Defaults to 10.'),
      successThreshold: opt(int32(), 'Consecutive successes to count as healthy after a failure. Must be 1 for liveness and startup. Defaults to 1.'),
      failureThreshold: opt(int32(), 'Consecutive failures to count as unhealthy. Defaults to 3.'),
      terminationGracePeriodSeconds: opt(int64(), 'Overrides the pod grace period when this probe fails and the container is killed.'),
    }),
    (p, r) => {
      checkOneHandler(r, p, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
      for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
        const v = p[k];
        if (v !== undefined && v < 0) r.invalid([k], v, NEGATIVE_ERROR);
      }
      if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
        r.invalid(['terminationGracePeriodSeconds'], p.terminationGracePeriodSeconds, 'must be greater than 0');
      }
    },
  ),
);

export const LifecycleHandlerSchema = named(
  'io.k8s.api.core.v1.LifecycleHandler',
  'An action run at a point in the container lifecycle; exactly one of exec, httpGet, tcpSocket or sleep.',
  rules(
    z.object({
      exec: opt(ExecActionSchema, 'Run a command in the container.'),
      httpGet: opt(HTTPGetActionSchema, 'Send an HTTP GET request.'),
      tcpSocket: opt(TCPSocketActionSchema, 'Deprecated; accepted for compatibility but not run.'),
      sleep: opt(SleepActionSchema, 'Wait a number of seconds.'),
    }),
    (h, r) => {
      checkOneHandler(r, h, ['exec', 'httpGet', 'tcpSocket', 'sleep']);
      if (h.sleep && h.sleep.seconds <= 0) r.invalid(['sleep', 'seconds'], h.sleep.seconds, 'must be greater than 0 and less than terminationGracePeriodSeconds (30)');
    },
  ),
);

export const LifecycleSchema = named(
  'io.k8s.api.core.v1.Lifecycle',
  'Hooks the kubelet runs right after a container starts and right before it is stopped.',
  z.object({
    postStart: opt(LifecycleHandlerSchema, 'Runs right after the container is created; if it fails, the container is restarted.'),
    preStop: opt(LifecycleHandlerSchema, 'Runs before the container is terminated (deletion, failed liveness probe, preemption).'),
  }),
);

export type ExecAction = z.infer<typeof ExecActionSchema>;
export type HTTPGetAction = z.infer<typeof HTTPGetActionSchema>;
export type TCPSocketAction = z.infer<typeof TCPSocketActionSchema>;
export type GRPCAction = z.infer<typeof GRPCActionSchema>;
export type Probe = z.infer<typeof ProbeSchema>;
export type Lifecycle = z.infer<typeof LifecycleSchema>;
export type LifecycleHandler = z.infer<typeof LifecycleHandlerSchema>;
