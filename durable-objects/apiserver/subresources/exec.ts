// `pods/exec`: a command in a container of the simulated kubelet, streamed over a WebSocket (v5.channel.k8s.io, as
// kubectl 1.30+ asks). Checked before the upgrade as the API server does (rights, pod, container, node), so kubectl's
// SPDY fallback, which we cannot serve, only ever sees the same Status; failures inside the container arrive on the
// error channel after the upgrade, worded as a real cluster words them.
import { ApiError } from '../errors.ts';
import type { ApiEnv, Caller } from '../handler.ts';
import { getObject } from '../read.ts';
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { KubeObject } from '../../types.ts';
import { runToEnd, type ExecResult } from '../../controllers/kubelet/exec-session.ts';
import { EXEC_PROTOCOLS, pickProtocol, serveExecSocket, type StreamOptions } from './exec-stream.ts';
import type { Subresource } from './types.ts';

export interface ExecOptions extends StreamOptions {
  container: string;
  command: string[];
}

type PodLike = KubeObject & { spec?: { nodeName?: string; containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }> } };

const bool = (q: URLSearchParams, name: string) => q.get(name) === 'true' || q.get(name) === '1';

/** Exec is a write (RBAC `create` on pods/exec, even for the WebSocket's GET): view links may not. */
function authorize(caller: Caller, namespace: string, name: string): void {
  if (caller.canWrite) return;
  throw new ApiError(
    'Forbidden',
    `pods "${name}" is forbidden: User "${caller.name}" cannot create resource "pods/exec" in API group "" in the namespace "${namespace}": this is a view-only link`,
    { name, group: '', kind: 'pods' },
  );
}

/** The options and the container, checked as the API server's streamLocation checks them. */
function execOptions(pod: PodLike, q: URLSearchParams): ExecOptions {
  const name = pod.metadata.name;
  const command = q.getAll('command');
  const o: ExecOptions = { container: q.get('container') ?? '', command, stdin: bool(q, 'stdin'), stdout: bool(q, 'stdout'), stderr: bool(q, 'stderr'), tty: bool(q, 'tty') };
  if (!command.length) throw new ApiError('BadRequest', 'you must specify at least 1 command');
  if (!o.stdin && !o.stdout && !o.stderr) throw new ApiError('BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  const ephemeral = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name);
  if (!o.container) {
    if (containers.length === 1) o.container = containers[0]!;
    else if (!containers.length) throw new ApiError('BadRequest', `a container name must be specified for pod ${name}`);
    else {
      let message = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
      if (init.length) message += ` or one of the init containers: [${init.join(' ')}]`;
      throw new ApiError('BadRequest', message);
    }
  } else if (![...containers, ...init, ...ephemeral].includes(o.container)) throw new ApiError('BadRequest', `container ${o.container} is not valid for pod ${name}`);
  if (!pod.spec?.nodeName) throw new ApiError('BadRequest', `pod ${name} does not have a host assigned`);
  return o;
}

function prepare(env: ApiEnv, caller: Caller, s: ResourceStrategy, namespace: string, name: string, q: URLSearchParams): { pod: KubeObject; o: ExecOptions } {
  authorize(caller, namespace, name);
  const pod = getObject(env, s, namespace, name).object as PodLike;
  const o = execOptions(pod, q);
  if (!env.podExec) throw new ApiError('BadRequest', `exec is not available: no kubelet runs pod "${name}"`);
  return { pod, o };
}

export const exec = {
  name: 'exec',
  serves: (s) => s.resource === 'pods' && s.group === '',
  async handle({ env, req, url, info, strategy, caller }) {
    const { pod, o } = prepare(env, caller, strategy, info.namespace ?? 'default', info.name, url.searchParams);
    const upgrade = req.headers.get('upgrade')?.toLowerCase();
    if (upgrade !== 'websocket') {
      // The HTTP layer drops a non-WebSocket Upgrade header; SPDY clients still say which stream protocol they want.
      const spdy = (upgrade && upgrade !== 'websocket') || req.headers.has('x-stream-protocol-version');
      if (!spdy) throw new ApiError('BadRequest', 'Upgrade request required');
      throw new ApiError('BadRequest', `kube-sandbox streams exec over WebSocket (${EXEC_PROTOCOLS[0]}) only, not SPDY: use kubectl 1.30 or newer, without KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false`);
    }
    if (req.method !== 'GET') throw new ApiError('BadRequest', 'a WebSocket upgrade must be a GET');
    const protocol = pickProtocol(req.headers.get('sec-websocket-protocol'));
    if (protocol === undefined)
      throw new ApiError('BadRequest', `requested protocol(s) are not supported: [${req.headers.get('sec-websocket-protocol')}]; supports [${EXEC_PROTOCOLS.join(' ')}]`);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    // Not the hibernation API: a session is short and interactive, and its process lives in this object's memory.
    server.accept();
    serveExecSocket(server, protocol, o, (sink) => env.podExec!(pod, o, sink));
    const headers = new Headers();
    if (protocol) headers.set('sec-websocket-protocol', protocol);
    return new Response(null, { status: 101, webSocket: client, headers });
  },
} satisfies Subresource;

/** Exec without a stream (the web command box): the same checks, then the command with all of its stdin at once. */
export function runExec(env: ApiEnv, caller: Caller, namespace: string, name: string, q: URLSearchParams, stdin?: string): ExecResult {
  const s = env.registry.lookup('', 'v1', 'pods')!;
  const { pod, o } = prepare(env, caller, s, namespace, name, q);
  const input = o.stdin ? (stdin ?? '') : undefined;
  return runToEnd((sink) => env.podExec!(pod, { ...o, tty: false, stdin: input !== undefined }, sink), input);
}
