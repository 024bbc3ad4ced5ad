// `kubectl exec` on the simulated kubelet: the container's current run rebuilt as logs and probes rebuild it, and a
// command started in it with that run's environment (plus TERM on a terminal), hostname, files (the image's, the
// volumes', and what the run and earlier execs wrote) and programs. Failures read as the runtime reports them.
import type { Container, Node, Pod } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import type { ReconcileContext } from '../types.ts';
import { containerFiles, listDir, type FileView } from './exec-files.ts';
import { InteractiveShell, OneShot, StdinCopy, drain, runToEnd, type ExecProcess, type ExecResult, type ExecSink, type ExecWorld, type ShellKind } from './exec-session.ts';
import { hex64 } from './hash.ts';
import { nodeDown } from './node-fault.ts';
import { nodeInternalIP } from './pod-ips.ts';
import { filesAt, hasBinary, missingBinary, shellEnv, type ContainerRun } from './process.ts';
import { currentFate, type CRef } from './runs.ts';
import { quote, resolvePath, ShellSession, type Program, type ShellEnv } from './shell.ts';
import { kubeletState } from './state.ts';
import { containerStatus } from './status.ts';

export type { ExecEnd, ExecProcess, ExecResult, ExecSink } from './exec-session.ts';

export interface ExecOptions {
  /** Already checked by the API to name a container of the pod. */
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

/** What execs wrote into a container, by containerID: contents of files, or null for removed ones. */
const WRITES = new WeakMap<Store, Map<string, Map<string, string | null>>>();

function writesOf(store: Store, containerID: string): Map<string, string | null> {
  let all = WRITES.get(store);
  if (!all) WRITES.set(store, (all = new Map()));
  let w = all.get(containerID);
  if (!w) {
    // Containers come and go; keep the overlays of the most recent ones.
    if (all.size > 500) all.delete(all.keys().next().value!);
    all.set(containerID, (w = new Map()));
  }
  return w;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function findContainer(pod: Pod, name: string): CRef | undefined {
  const app = (pod.spec?.containers ?? []).find((c) => c.name === name);
  if (app) return { c: app, kind: 'app' };
  const init = (pod.spec?.initContainers ?? []).find((c) => c.name === name);
  return init ? { c: init, kind: 'init' } : undefined;
}

function runsAsRoot(pod: Pod, c: Container): boolean {
  const uid = c.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
  return uid === undefined || uid === 0;
}

/** The running container an exec enters, or the failure the kubelet and runtime report. */
function enter(ctx: ReconcileContext, pod: Pod, name: string): { run: ContainerRun; ports: number[]; containerID: string; ref: CRef } | { failure: string } {
  const ref = findContainer(pod, name);
  const cs = ref && containerStatus(pod.status ?? {}, ref.kind, name);
  const node = ctx.store.get('nodes', '', pod.spec?.nodeName ?? '') as Node | undefined;
  if (!node || nodeDown(node)) {
    const ip = node ? nodeInternalIP(node) : (pod.spec?.nodeName ?? '');
    return { failure: `error dialing backend: dial tcp ${ip}:10250: connect: no route to host` };
  }
  // The kubelet looks among running containers only: a waiting, crashed or finished one is "not found".
  if (!ref || !cs?.state?.running || !cs.containerID) return { failure: `unable to upgrade connection: container not found ("${name}")` };
  const memo = kubeletState(ctx).pods.get(pod.metadata.uid ?? '');
  const { run, fate } = currentFate({ store: ctx.store, pod, node, memo }, ref, cs);
  return { run, ports: fate.ports, containerID: cs.containerID, ref };
}

/** `ls` over the known files: names one per line (in columns on a terminal), or busybox's complaint. */
function ls(view: FileView, s: ShellSession, args: string[], tty: boolean): Program {
  const cwd = s.vars.PWD ?? '/';
  const extra = [...s.files];
  const paths = args.filter((a) => !a.startsWith('-'));
  const lines: Program['lines'] = [];
  let code = 0;
  const show = (names: string[]) => {
    if (names.length) lines.push({ dt: 1, text: tty ? names.join('  ') : names.join('\n') });
  };
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolvePath(cwd, p);
    if (view.files.has(abs) || extra.includes(abs)) show([p]);
    else {
      const names = listDir(view, extra, abs);
      if (!names) {
        lines.push({ dt: 1, text: `ls: ${p}: No such file or directory`, err: true });
        code = 1;
      } else {
        if (paths.length > 1) lines.push({ dt: 1, text: `${p}:` });
        show(names);
      }
    }
  }
  return { lines, exit: { dt: 2, code } };
}

function ps(run: ContainerRun, shell: string | undefined): Program {
  const rows = [`    1 root      0:00 ${run.argv.join(' ')}`];
  if (shell) rows.push(`    7 root      0:00 ${shell}`);
  rows.push(`   ${shell ? 13 : 7} root      0:00 ps`);
  return { lines: [{ dt: 1, text: `PID   USER     TIME  COMMAND\n${rows.join('\n')}` }], exit: { dt: 2, code: 0 } };
}

/** The container as the exec's processes see it. */
function world(ctx: ReconcileContext, pod: Pod, o: ExecOptions, target: { run: ContainerRun; ports: number[]; containerID: string; ref: CRef }): ExecWorld & { read(path: string): string | undefined } {
  const now = ctx.clock.now();
  const run: ContainerRun = { ...target.run, startMs: now, portsInUse: new Set([...target.run.portsInUse, ...target.ports]) };
  const view = containerFiles(ctx.store, pod, target.ref.c);
  const writes = writesOf(ctx.store, target.containerID);
  const ranFiles = filesAt(target.run, now - target.run.startMs);
  const vars = { ...run.env, ...(o.tty ? { TERM: 'xterm' } : {}) };
  const inherited = shellEnv(run);
  const read = (cwd: string, p: string): string | undefined => {
    const written = writes.get(resolvePath(cwd, p));
    return written === null ? undefined : (written ?? view.files.get(resolvePath(cwd, p)));
  };
  const w = {
    tty: o.tty,
    hostname: run.hostname,
    root: runsAsRoot(pod, target.ref.c),
    elapsed: () => ctx.clock.now() - now,
    read: (p: string) => read('/', p),
    shellKind(name: string): ShellKind | undefined {
      if (hasBinary(run.image, name) === false) return undefined;
      if (name === 'bash') return 'bash';
      // Debian's sh is dash; busybox (and images we cannot tell) answer with ash.
      return hasBinary(run.image, 'bash') ? 'dash' : 'ash';
    },
    shell(kind: ShellKind, start?: Record<string, string>): ShellSession {
      // Paths are relative to this shell's working directory, which `cd` keeps in PWD.
      const cwd = () => session.vars.PWD ?? '/';
      const env: ShellEnv = {
        ...inherited,
        vars: start ?? vars,
        flavor: kind === 'bash' ? 'bash' : 'sh',
        readFile: (p) => read(cwd(), p),
        writeFile: (p, text, append) => {
          const abs = resolvePath(cwd(), p);
          writes.set(abs, append ? (writes.get(abs) ?? '') + text : text);
        },
        external: (argv, t) => {
          const name = base(argv[0] ?? '');
          if (name === 'ls') return ls(view, session, argv.slice(1), o.tty);
          if (name === 'ps') return ps(target.run, SHELLS.has(base(o.command[0] ?? '')) ? o.command.join(' ') : undefined);
          if (name === 'whoami') return { lines: [{ dt: 1, text: w.root ? 'root' : 'whoami: unknown uid' }], exit: { dt: 2, code: w.root ? 0 : 1 } };
          return inherited.external(argv, t);
        },
      };
      const files = new Set([...ranFiles, ...writes.keys()]);
      for (const [f, v] of writes) if (v === null) files.delete(f);
      const session = new ShellSession(env, files);
      return session;
    },
    sync(session: ShellSession): void {
      for (const f of session.files) if (!writes.has(f) && !ranFiles.has(f)) writes.set(f, '');
      for (const f of [...ranFiles, ...writes.keys()]) if (!session.files.has(f) && writes.get(f) !== null) writes.set(f, null);
    },
  };
  return w;
}

/** Starts `o.command` in the pod's container; output and the end go to `sink` (possibly before this returns). */
export function startExec(ctx: ReconcileContext, pod: Pod, o: ExecOptions, sink: ExecSink): ExecProcess {
  const target = enter(ctx, pod, o.container);
  const failed = (failure: string): ExecProcess => {
    sink.end({ failure });
    return { input() {}, closeInput() {}, hangUp() {} };
  };
  if ('failure' in target) return failed(target.failure);
  const [first = '', ...args] = o.command;
  const missing = missingBinary(target.run.image, first);
  if (missing) {
    const id = hex64(`${target.containerID}/exec/${ctx.clock.now()}/${o.command.join(' ')}`);
    // containerd's words, which the kubelet's stream server and then the API server's translator each wrap.
    return failed(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${missing}: unknown`);
  }
  const w = world(ctx, pod, o, target);
  const name = base(first);
  const kind = SHELLS.has(name) ? w.shellKind(name) : undefined;
  if (kind && !args.includes('-c')) {
    const script = args.find((a) => !a.startsWith('-'));
    if (script) {
      // `sh script.sh`: the script's text, if the container has that file.
      return new OneShot(w, sink, (out) => {
        const s = w.shell(kind);
        const text = w.read(script);
        if (text === undefined) {
          out(kind === 'bash' ? `bash: ${script}: No such file or directory\n` : kind === 'dash' ? `sh: 0: cannot open ${script}: No such file\n` : `sh: can't open '${script}': No such file or directory\n`, true);
          return { s: 'done', code: kind === 'bash' ? 127 : 2 };
        }
        const end = drain(s.run(text, 0), out);
        w.sync(s);
        return end.s === 'exit' ? { s: 'done', code: end.code } : end;
      });
    }
    if (!o.stdin) return new OneShot(w, sink, () => ({ s: 'done', code: 0 }));
    return new InteractiveShell(w, sink, kind);
  }
  if (name === 'cat' && o.stdin && !args.some((a) => !a.startsWith('-'))) return new StdinCopy(w, sink);
  return new OneShot(w, sink, (out) => {
    const s = w.shell(w.shellKind('sh') ?? 'ash');
    const end = drain(s.run(`exec ${o.command.map(quote).join(' ')}`, 0), out);
    w.sync(s);
    return end.s === 'exit' ? { s: 'done', code: end.code } : end;
  });
}

/** Runs a command with all of its stdin at once: what it printed and how it ended (tests, the command box). */
export function execOnce(ctx: ReconcileContext, pod: Pod, o: ExecOptions, stdin?: string): ExecResult {
  const input = o.stdin ? stdin : undefined;
  return runToEnd((sink) => startExec(ctx, pod, { ...o, tty: false, stdin: input !== undefined }, sink), input);
}
