// A container's process: its argv (command/args over the image's ENTRYPOINT/CMD), environment, and fate: what it
// prints and when, whether it exits (code, time) or runs until stopped, the ports it binds in the pod's shared network
// namespace, whether it stops on SIGTERM, and how its probes answer.
import type { Container, Pod, Probe } from '../../registry/schemas/index.ts';
import { lookupImage, parseImage, resolveImage, versionOf, type CatalogImage } from './images.ts';
import { entrypointLines, genericProgram, PROGRAMS, type ProgramContext } from './programs.ts';
import { quote, runOnce, runShell, type Program, type ShellEnv, type ShellEvent } from './shell.ts';
import { fnv32 } from './hash.ts';
import { podFieldValue } from '../../registry/downward-api.ts';

/** Everything that decides one run of a container. */
export interface ContainerRun {
  image: string;
  argv: string[];
  env: Record<string, string>;
  hostname: string;
  podIP: string;
  /** Wall-clock start of this run. */
  startMs: number;
  seed: number;
  stdin: boolean;
  /** Ports other containers of the pod held when this run started. */
  portsInUse: ReadonlySet<number>;
  declaredPorts: number[];
  cpus: number;
}

export interface RunFate {
  /** When the process exits by itself (ms after start), or undefined when it runs until stopped. */
  exit: { afterMs: number; code: number } | undefined;
  /** Whether it stops on SIGTERM; PID 1 without a handler ignores it and waits for SIGKILL. */
  handlesTerm: boolean;
  ports: number[];
}

// ---------------------------------------------------------------- what exists in an image

const SHELL_TOOLS = 'sh echo sleep cat ls env printenv date hostname true false touch rm mkdir tail head seq expr test [ printf yes watch top ps kill grep sed awk sort uniq wc tee tr cut find xargs id whoami uname dd df du free mount stat timeout nohup readlink basename dirname chmod chown cp mv ln pwd which';
const BUSYBOX = new Set(`${SHELL_TOOLS} ash wget nc nslookup ping vi ip ifconfig netstat traceroute telnet httpd`.split(' '));
const DEBIAN = new Set(`${SHELL_TOOLS} bash dash perl apt apt-get dpkg`.split(' '));
/** Images built FROM scratch or distroless: only their own program is there (no shell). */
const MINIMAL = new Set([
  'docker.io/library/hello-world',
  'registry.k8s.io/pause',
  'k8s.gcr.io/pause',
  'registry.k8s.io/coredns/coredns',
  'k8s.gcr.io/coredns/coredns',
  'docker.io/coredns/coredns',
  'registry.k8s.io/etcd',
  'k8s.gcr.io/etcd',
  'registry.k8s.io/kube-apiserver',
  'registry.k8s.io/kube-controller-manager',
  'registry.k8s.io/kube-scheduler',
  'gcr.io/google-samples/hello-app',
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
  'docker.io/hashicorp/http-echo',
  'docker.io/traefik/whoami',
  'docker.io/containous/whoami',
]);
const EXTRA_BINARIES: Record<string, string[]> = {
  'docker.io/library/nginx': ['nginx', 'nginx-debug', 'docker-entrypoint.sh', 'curl'],
  'docker.io/library/httpd': ['httpd', 'httpd-foreground', 'apachectl'],
  'docker.io/library/redis': ['redis-server', 'redis-cli', 'docker-entrypoint.sh'],
  'docker.io/library/postgres': ['postgres', 'psql', 'pg_ctl', 'pg_isready', 'docker-entrypoint.sh'],
  'docker.io/library/mysql': ['mysqld', 'mysql', 'mysqladmin', 'docker-entrypoint.sh'],
  'docker.io/library/node': ['node', 'npm', 'npx', 'yarn', 'docker-entrypoint.sh'],
  'docker.io/library/python': ['python', 'python3', 'pip', 'pip3'],
  'docker.io/library/mongo': ['mongod', 'mongosh', 'docker-entrypoint.sh'],
  'docker.io/library/memcached': ['memcached', 'docker-entrypoint.sh'],
  'docker.io/library/rabbitmq': ['rabbitmq-server', 'rabbitmqctl', 'docker-entrypoint.sh'],
  'k8s.gcr.io/echoserver': ['run.sh', 'nginx'],
  'registry.k8s.io/echoserver': ['run.sh', 'nginx'],
  'registry.k8s.io/e2e-test-images/agnhost': ['agnhost'],
  'docker.io/curlimages/curl': ['curl', 'entrypoint.sh'],
  'docker.io/nginxdemos/hello': ['nginx', 'docker-entrypoint.sh'],
};

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Whether an executable is in the image (undefined: we cannot tell, e.g. an image nobody catalogued). */
export function hasBinary(image: string, name: string): boolean | undefined {
  const ref = parseImage(image);
  const cat = lookupImage(ref.repo);
  if (!cat) return undefined;
  const b = base(name);
  const own = [...(EXTRA_BINARIES[ref.repo] ?? []), ...cat.entrypoint.map(base), ...cat.cmd.slice(0, 1).map(base)];
  if (own.includes(b)) return true;
  if (MINIMAL.has(ref.repo)) return false;
  const alpine = ref.repo.endsWith('/busybox') || ref.repo.endsWith('/alpine') || ref.repo.includes('curlimages') || !!ref.tag?.includes('alpine');
  if (alpine) return BUSYBOX.has(b);
  return DEBIAN.has(b) || b in PROGRAMS;
}

/** Why runc cannot start `first` in the image (`exec: "sh": executable file not found in $PATH`), if it cannot. */
export function missingBinary(image: string, first: string | undefined): string | undefined {
  if (first === undefined || hasBinary(image, first) !== false) return undefined;
  return first.includes('/') ? `exec: "${first}": stat ${first}: no such file or directory` : `exec: "${first}": executable file not found in $PATH`;
}

/** The runtime's message when the first word of argv is not in the image (StartError). */
export function startProblem(run: ContainerRun): string | undefined {
  const cause = missingBinary(run.image, run.argv[0]);
  if (!cause) return undefined;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${cause}: unknown`;
}

// ---------------------------------------------------------------- argv and environment

/** Kubernetes expands $(VAR) in command, args and env values; $$(VAR) escapes it. */
export function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m));
}

export function catalogFor(image: string): CatalogImage | undefined {
  const r = resolveImage(image);
  return r.ok ? r.image : undefined;
}

/** ENTRYPOINT + CMD unless the container overrides them (command replaces both; args replaces CMD). */
export function resolveArgv(c: Container, env: Record<string, string>): string[] {
  const img = catalogFor(c.image ?? '');
  const entry = c.command ?? img?.entrypoint ?? [];
  const cmd = c.args ?? (c.command ? [] : (img?.cmd ?? []));
  return [...entry, ...cmd].map((a) => expandRefs(a, env));
}

/** Looks up the ConfigMaps and Secrets env vars refer to. */
export type DataLookup = (kind: 'ConfigMap' | 'Secret', name: string) => Record<string, string> | undefined;

/** The container's environment, or the message of CreateContainerConfigError when a reference is missing. */
export function containerEnv(pod: Pod, c: Container, lookup: DataLookup): { env: Record<string, string> } | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: pod.spec?.hostname ?? pod.metadata.name ?? '',
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    HOME: '/root',
  };
  const version = versionOf(c.image ?? '');
  const repo = parseImage(c.image ?? '').repo;
  if (repo.endsWith('/nginx')) env.NGINX_VERSION = version;
  if (repo.endsWith('/redis')) env.REDIS_VERSION = version;
  if (repo.endsWith('/postgres')) env.PG_VERSION = version;
  if (repo.endsWith('/node')) env.NODE_VERSION = version;
  if (repo.endsWith('/python')) env.PYTHON_VERSION = version;
  for (const src of c.envFrom ?? []) {
    const kind = src.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = src.configMapRef ?? src.secretRef;
    if (!ref) continue;
    const data = lookup(kind, ref.name ?? '');
    if (!data) {
      if (ref.optional) continue;
      return { error: `${kind.toLowerCase()} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(data)) env[`${src.prefix ?? ''}${k}`] = v;
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom) {
      const v = valueFrom(pod, c, e.valueFrom, lookup, ns);
      if (typeof v === 'object') {
        if (v.optional) continue;
        return { error: v.error };
      }
      env[e.name] = v;
    } else env[e.name] = expandRefs(e.value ?? '', env);
  }
  return { env };
}

type EnvSource = NonNullable<NonNullable<Container['env']>[number]['valueFrom']>;

function valueFrom(pod: Pod, c: Container, src: EnvSource, lookup: DataLookup, ns: string): string | { error: string; optional: boolean } {
  if (src.fieldRef) return podFieldValue(pod, src.fieldRef.fieldPath);
  if (src.resourceFieldRef) {
    const [kind, res] = src.resourceFieldRef.resource.split('.') as ['limits' | 'requests', string];
    const v = c.resources?.[kind]?.[res];
    return v === undefined ? (res === 'cpu' ? '4' : '8589934592') : String(v);
  }
  const ref = src.configMapKeyRef ?? src.secretKeyRef;
  if (!ref) return '';
  const kind = src.configMapKeyRef ? 'ConfigMap' : 'Secret';
  const data = lookup(kind, ref.name ?? '');
  if (!data) return { error: `${kind.toLowerCase()} "${ref.name}" not found`, optional: !!ref.optional };
  const v = data[ref.key];
  if (v === undefined) return { error: `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`, optional: !!ref.optional };
  return v;
}

// ---------------------------------------------------------------- running

function programContext(run: ContainerRun, t: number): ProgramContext {
  return {
    image: run.image,
    version: versionOf(run.image),
    env: run.env,
    hostname: run.hostname,
    podIP: run.podIP,
    startMs: run.startMs + t,
    portsInUse: run.portsInUse,
    declaredPorts: run.declaredPorts,
    cpus: run.cpus,
  };
}

const ENTRYPOINTS = new Set(['docker-entrypoint.sh', 'entrypoint.sh', 'docker-php-entrypoint', 'tini']);

/** Programs outside the shell, as the shell of this run finds them. */
function external(run: ContainerRun, argv: string[], t: number): Program | undefined {
  const name = base(argv[0] ?? '');
  const ctx = programContext(run, t);
  if (ENTRYPOINTS.has(name)) {
    let args = argv.slice(1);
    if (name === 'tini' && args[0] === '--') args = args.slice(1);
    const img = catalogFor(run.image);
    // Official entrypoints treat `-flag ...` as arguments of the image's program.
    if (args[0]?.startsWith('-') && img?.cmd[0]) args = [img.cmd[0], ...args];
    if (!args.length) return { lines: [], exit: { dt: 1, code: 0 } };
    const before = entrypointLines(name, base(args[0]!), ctx);
    const shift = before.length ? before[before.length - 1]!.dt + 1 : 0;
    const next = external(run, args, t + shift) ?? shellFallback(run, args, t + shift);
    if (!next) return undefined;
    return {
      ...next,
      lines: [...before, ...next.lines.map((l) => ({ ...l, dt: l.dt + shift }))],
      exit: next.exit && { dt: next.exit.dt + shift, code: next.exit.code },
    };
  }
  const make = PROGRAMS[name];
  if (make) return make(argv.slice(1), ctx);
  const known = hasBinary(run.image, name);
  if (known === undefined) return genericProgram(ctx);
  // A tool the image has but we do not model: it does its job quietly.
  if (known) return { lines: [], exit: { dt: 5, code: 0 } };
  return undefined;
}

/** An entrypoint's `exec "$@"` into a shell builtin (`docker-entrypoint.sh sleep 10`). */
function shellFallback(run: ContainerRun, argv: string[], t: number): Program | undefined {
  const lines: Program['lines'] = [];
  let exit: Program['exit'];
  let n = 0;
  for (const e of runShell(`exec ${argv.map(quote).join(' ')}`, shellEnv({ ...run, startMs: run.startMs + t }))) {
    if (e.kind === 'out') lines.push({ dt: e.t, text: e.text, err: e.err });
    else if (e.kind === 'exit') exit = { dt: e.t, code: e.code };
    else if (e.kind === 'forever') return { lines, ports: e.ports, handlesTerm: e.term };
    if (++n > 10_000) break;
  }
  return { lines, exit };
}

export function shellEnv(run: ContainerRun): ShellEnv {
  const flavor = hasBinary(run.image, 'bash') ? 'bash' : 'sh';
  return {
    vars: run.env,
    startMs: run.startMs,
    hostname: run.hostname,
    seed: run.seed,
    flavor,
    external: (argv, t) => external(run, argv, t),
    has: (name) => hasBinary(run.image, name) !== false,
    readFile: (p) => (p === '/etc/hostname' ? `${run.hostname}\n` : undefined),
  };
}

/**
 * The run as a stream of events in time order (offsets from its start): output lines, file changes, and finally
 * `exit` or `forever`. Lazy: a loop that prints forever is read only as far as needed.
 */
export function runEvents(run: ContainerRun): Generator<ShellEvent, unknown> {
  if (!run.argv.length) {
    const p = genericProgram(programContext(run, 0));
    return programEvents(p);
  }
  const first = base(run.argv[0]!);
  // An interactive shell (kubectl run -it) waits on its open stdin.
  if ((first === 'sh' || first === 'bash' || first === 'ash') && run.argv.length === 1 && run.stdin) return programEvents({ lines: [], handlesTerm: false });
  return runShell(`exec ${run.argv.map(quote).join(' ')}`, shellEnv(run));
}

function* programEvents(p: Program): Generator<ShellEvent, void> {
  for (const l of p.lines) yield { kind: 'out', t: l.dt, text: l.text, err: !!l.err };
  if (p.exit) yield { kind: 'exit', t: p.exit.dt, code: p.exit.code };
  else yield { kind: 'forever', t: p.lines.at(-1)?.dt ?? 0, term: !!p.handlesTerm, ports: p.ports ?? [] };
}

const FATES = new Map<string, RunFate>();

/** How a run ends, read from its events (cached: the same spec always ends the same way). */
export function fateOf(run: ContainerRun): RunFate {
  // The pod's own name (HOSTNAME) changes what a run prints, not how it ends: pods of one template share a fate.
  const { HOSTNAME: _host, ...env } = run.env;
  const key = JSON.stringify([run.image, run.argv, env, run.stdin, [...run.portsInUse].sort(), run.declaredPorts]);
  const hit = FATES.get(key);
  if (hit) return hit;
  let fate: RunFate = { exit: undefined, handlesTerm: false, ports: [] };
  let n = 0;
  for (const e of runEvents(run)) {
    if (e.kind === 'exit') {
      fate = { exit: { afterMs: Math.max(1, e.t), code: e.code }, handlesTerm: false, ports: [] };
      break;
    }
    if (e.kind === 'forever') {
      fate = { exit: undefined, handlesTerm: e.term, ports: e.ports };
      break;
    }
    if (e.kind === 'endless') {
      fate = { exit: undefined, handlesTerm: e.term, ports: [] };
      break;
    }
    if (++n > 50_000) break;
  }
  if (FATES.size > 2000) FATES.clear();
  FATES.set(key, fate);
  return fate;
}

/** Files the run has created by `t` (ms after start), for exec probes such as `cat /tmp/healthy`. */
export function filesAt(run: ContainerRun, t: number): Set<string> {
  const files = new Set<string>();
  let n = 0;
  for (const e of runEvents(run)) {
    if (e.t > t || e.kind === 'exit' || e.kind === 'forever' || ++n > 20_000) break;
    if (e.kind === 'file') {
      if (e.exists) files.add(e.path);
      else files.delete(e.path);
    }
  }
  return files;
}

/** Ports an app answers HTTP on, and the paths it serves (others answer 404); undefined paths: every path. */
function httpPaths(image: string, port: number): string[] | undefined {
  const repo = parseImage(image).repo;
  if (repo.endsWith('/nginx') || repo.endsWith('/httpd')) return ['/', '/index.html'];
  if (repo.includes('coredns')) return port === 8080 ? ['/health'] : port === 8181 ? ['/ready'] : ['/metrics'];
  if (repo.endsWith('/python')) return ['/'];
  return undefined;
}

export type ProbeResult = { ok: true } | { ok: false; message: string };

/** What a probe sees `t` ms after the run started. */
export function probeAt(run: ContainerRun, fate: RunFate, c: Container, probe: Probe, t: number): ProbeResult {
  const portOf = (p: number | string) => (typeof p === 'number' ? p : (c.ports?.find((x) => x.name === p)?.containerPort ?? Number(p)));
  const listening = (port: number) => fate.ports.includes(port);
  const ip = run.podIP;
  if (probe.httpGet) {
    const port = portOf(probe.httpGet.port);
    const path = probe.httpGet.path || '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    if (!listening(port)) return { ok: false, message: `Get "${scheme}://${probe.httpGet.host ?? ip}:${port}${path}": dial tcp ${probe.httpGet.host ?? ip}:${port}: connect: connection refused` };
    const paths = httpPaths(run.image, port);
    if (paths && !paths.includes(path.split('?')[0]!)) return { ok: false, message: 'HTTP probe failed with statuscode: 404' };
    return { ok: true };
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port);
    return listening(port) ? { ok: true } : { ok: false, message: `dial tcp ${probe.tcpSocket.host ?? ip}:${port}: connect: connection refused` };
  }
  if (probe.grpc) return listening(probe.grpc.port) ? { ok: true } : { ok: false, message: `timeout: failed to connect service ":${probe.grpc.port}" within 1s` };
  if (probe.exec?.command?.length) {
    const argv = probe.exec.command;
    if (hasBinary(run.image, argv[0]!) === false) {
      return { ok: false, message: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown` };
    }
    const env = shellEnv(run);
    const quiet: ShellEnv = { ...env, startMs: run.startMs + t, external: (a, at) => external(run, a, t + at) ?? { lines: [], exit: { dt: 1, code: 0 } } };
    const r = runOnce(argv, quiet, filesAt(run, t));
    return r.code === 0 ? { ok: true } : { ok: false, message: r.output };
  }
  return { ok: true };
}

/** A stable seed for a run's $RANDOM. */
export function runSeed(uid: string, container: string, startMs: number): number {
  return fnv32(`${uid}/${container}/${startMs}`);
}
