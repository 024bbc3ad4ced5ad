// Container logs as the kubelet serves them: the output of one run of a container (the current one, or with
// `previous` the one before), replayed from the simulated process from the run's start, with the kubelet's options
// (tailLines, sinceSeconds, timestamps, limitBytes) and `follow` streaming lines as the clock reaches them.
import { ApiError } from '../../apiserver/errors.ts';
import type { LogOptions } from '../../apiserver/subresources/log.ts';
import type { ContainerStatus, Node, Pod } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import type { ReconcileContext } from '../types.ts';
import { STREAM_HEADERS, type Timers } from '../../apiserver/watch-http.ts';
import { nodeDown } from './node-fault.ts';
import { unitHash } from './hash.ts';
import { nodeInternalIP } from './pod-ips.ts';
import { runEvents } from './process.ts';
import { ms, runOf, type CRef } from './runs.ts';
import type { ShellEvent } from './shell.ts';
import { kubeletState } from './state.ts';
import { containerStatus } from './status.ts';

/** Lines kept per run, like a kubelet whose log file rotates (older lines are gone). */
const MAX_LINES = 50_000;

interface Line {
  /** Nanoseconds since the epoch, as a bigint (containerd timestamps every line). */
  ns: bigint;
  text: string;
}

/** The run whose output a request reads. */
interface RunPick {
  ref: CRef;
  containerID: string;
  startMs: number;
  /** When it ended, or undefined while it runs. */
  endMs: number | undefined;
}

function pickContainer(pod: Pod, wanted: string | undefined): CRef {
  const name = pod.metadata.name;
  const init = (pod.spec?.initContainers ?? []).map((c) => ({ c, kind: 'init' as const }));
  const app = (pod.spec?.containers ?? []).map((c) => ({ c, kind: 'app' as const }));
  if (wanted) {
    const ref = [...app, ...init].find((r) => r.c.name === wanted);
    if (!ref) throw new ApiError('BadRequest', `container ${wanted} is not valid for pod ${name}`);
    return ref;
  }
  if (app.length === 1) return app[0]!;
  if (!app.length) throw new ApiError('BadRequest', `a container name must be specified for pod ${name}`);
  const names = (refs: CRef[]) => refs.map((r) => r.c.name).join(' ');
  let message = `a container name must be specified for pod ${name}, choose one of: [${names(app)}]`;
  if (init.length) message += ` or one of the init containers: [${names(init)}]`;
  throw new ApiError('BadRequest', message);
}

/** The kubelet's validateContainerLogStatus: which run to read, or why there is nothing to read. */
function pickRun(ctx: ReconcileContext, pod: Pod, ref: CRef, cs: ContainerStatus | undefined, previous: boolean): RunPick {
  const c = `container "${ref.c.name}" in pod "${pod.metadata.name}"`;
  const memo = kubeletState(ctx).pods.get(pod.metadata.uid ?? '');
  const run = (t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']> | undefined, running?: { startedAt?: string }, id?: string): RunPick => {
    const containerID = (t?.containerID ?? id)!;
    const remembered = memo?.runs.get(containerID);
    const startMs = remembered?.startMs ?? ms(t?.startedAt ?? running?.startedAt) ?? ctx.clock.now();
    const endMs = t ? (remembered?.finishMs ?? ms(t.finishedAt)) : undefined;
    return { ref, containerID, startMs, endMs };
  };
  const last = cs?.lastState?.terminated;
  if (previous) {
    if (!last?.containerID) throw new ApiError('BadRequest', `previous terminated ${c} not found`);
    return run(last);
  }
  const state = cs?.state;
  if (state?.running && cs?.containerID) return run(undefined, state.running, cs.containerID);
  if (state?.terminated) {
    if (state.terminated.containerID) return run(state.terminated);
    if (last?.containerID) return run(last);
    throw new ApiError('BadRequest', `${c} is terminated`);
  }
  if (last) {
    if (!last.containerID) throw new ApiError('BadRequest', `${c} is terminated`);
    return run(last);
  }
  const reason = state?.waiting?.reason;
  if (reason === 'ErrImagePull') throw new ApiError('BadRequest', `${c} is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw new ApiError('BadRequest', `${c} is waiting to start: trying and failing to pull image`);
  if (reason) throw new ApiError('BadRequest', `${c} is waiting to start: ${reason}`);
  throw new ApiError('BadRequest', `${c} is waiting to start - no logs yet`);
}

/** Go's RFC3339Nano: nanoseconds with trailing zeros trimmed. */
export function rfc3339Nano(ns: bigint): string {
  const msPart = Number(ns / 1_000_000n);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const base = new Date(Math.floor(msPart / 1000) * 1000).toISOString().slice(0, 19);
  return `${base}${frac ? `.${frac}` : ''}Z`;
}

/** Turns process events into timestamped lines; sub-millisecond parts are stable per run and line. */
class LineClock {
  private last = 0n;
  private i = 0;
  constructor(
    private readonly pick: RunPick,
  ) {}
  line(e: Extract<ShellEvent, { kind: 'out' }>): Line {
    const base = BigInt(this.pick.startMs + e.t) * 1_000_000n;
    let ns = base + BigInt(Math.floor(unitHash(`${this.pick.containerID}/${this.i++}`) * 900_000));
    if (ns <= this.last) ns = this.last + 1_000n;
    this.last = ns;
    return { ns, text: e.text };
  }
}

function render(lines: Line[], opts: LogOptions): string {
  return lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l.ns)} ${l.text}\n` : `${l.text}\n`)).join('');
}

const enc = new TextEncoder();

function clip(text: string, limit: number | undefined): Uint8Array {
  const bytes = enc.encode(text);
  return limit !== undefined && bytes.length > limit ? bytes.slice(0, limit) : bytes;
}

export function podLogs(ctx: ReconcileContext, object: KubeObject, opts: LogOptions, timers: Timers): Response {
  const pod = object as Pod;
  const ref = pickContainer(pod, opts.container);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return new Response('', { status: 200, headers: { 'content-type': 'text/plain' } });
  const node = ctx.store.get('nodes', '', nodeName) as Node | undefined;
  if (!node || nodeDown(node)) {
    const ip = node ? nodeInternalIP(node) : nodeName;
    throw new ApiError('InternalError', `Get "https://${ip}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${ref.c.name}": dial tcp ${ip}:10250: connect: no route to host`);
  }
  const cs = containerStatus(pod.status ?? {}, ref.kind, ref.c.name);
  const pick = pickRun(ctx, pod, ref, cs, opts.previous);
  const memo = kubeletState(ctx).pods.get(pod.metadata.uid ?? '');
  const run = runOf({ store: ctx.store, pod, node, memo }, ref, pick.startMs, pick.containerID);
  const events = runEvents(run);
  const clock = new LineClock(pick);
  const now = ctx.clock.now();
  const horizon = (pick.endMs ?? now) - pick.startMs;
  const since = opts.sinceSeconds !== undefined ? BigInt(now - opts.sinceSeconds * 1000) * 1_000_000n : undefined;
  const keep = Math.min(opts.tailLines ?? MAX_LINES, MAX_LINES);
  const lines: Line[] = [];
  let pending: ShellEvent | undefined;
  for (let n = 0; ; n++) {
    const r = events.next();
    if (r.done) break;
    const e = r.value;
    if (e.t > horizon || n > 250_000) {
      pending = e;
      break;
    }
    if (e.kind !== 'out') {
      if (e.kind === 'exit' || e.kind === 'forever') {
        pending = e;
        break;
      }
      continue;
    }
    const l = clock.line(e);
    if (since !== undefined && l.ns < since) continue;
    lines.push(l);
    if (lines.length > keep) lines.shift();
  }
  const body = render(opts.tailLines === 0 ? [] : lines, opts);
  const running = pick.endMs === undefined && !opts.previous;
  if (!opts.follow || !running) return new Response(clip(body, opts.limitBytes), { status: 200, headers: { 'content-type': 'text/plain' } });
  return follow(ctx, pod, ref, pick, { events, pending, clock, first: body }, opts, timers);
}

interface Cursor {
  events: Generator<ShellEvent, unknown>;
  pending: ShellEvent | undefined;
  clock: LineClock;
  first: string;
}

/** Streams the rest of a running container's output until it stops, the pod goes, or the client leaves. */
function follow(ctx: ReconcileContext, pod: Pod, ref: CRef, pick: RunPick, cur: Cursor, opts: LogOptions, timers: Timers): Response {
  const stream = new TransformStream<Uint8Array, Uint8Array>();
  const writer = stream.writable.getWriter();
  let open = true;
  let sent = 0;
  let handle: unknown;
  let unsubscribe: () => void = () => {};
  const close = () => {
    if (!open) return;
    open = false;
    unsubscribe();
    if (handle !== undefined) timers.clearTimeout(handle);
    writer.close().catch(() => {});
  };
  writer.closed.catch(close);
  const send = (text: string) => {
    if (!open || !text) return;
    const limit = opts.limitBytes === undefined ? undefined : opts.limitBytes - sent;
    const bytes = clip(text, limit);
    sent += bytes.length;
    writer.write(bytes).catch(close);
    if (opts.limitBytes !== undefined && sent >= opts.limitBytes) close();
  };
  /** Emits the lines the process printed up to `until` (ms since start); false once the process has no more. */
  const drain = (until: number): boolean => {
    const out: Line[] = [];
    let more = true;
    for (;;) {
      let e = cur.pending;
      if (!e) {
        const r = cur.events.next();
        e = r.done ? undefined : r.value;
      }
      cur.pending = undefined;
      if (!e) {
        more = false;
        break;
      }
      if (e.t > until) {
        cur.pending = e;
        break;
      }
      if (e.kind === 'out') out.push(cur.clock.line(e));
      else if (e.kind === 'exit' || e.kind === 'forever') {
        cur.pending = e;
        more = false;
        break;
      }
    }
    send(render(out, opts));
    return more;
  };
  const stopped = (): boolean => {
    const p = ctx.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '') as Pod | undefined;
    if (!p || p.metadata.uid !== pod.metadata.uid) return true;
    const cs = containerStatus(p.status ?? {}, ref.kind, ref.c.name);
    return !cs?.state?.running || cs.containerID !== pick.containerID;
  };
  const tick = () => {
    handle = undefined;
    if (!open) return;
    const elapsed = ctx.clock.now() - pick.startMs;
    const more = drain(elapsed);
    if (stopped()) return close();
    const next = cur.pending;
    if (!more || !next || next.kind !== 'out') return; // nothing more to print: wait for the container to stop
    handle = timers.setTimeout(tick, Math.max(0, pick.startMs + next.t - ctx.clock.now()));
  };
  const offChanges = ctx.store.subscribe((e) => {
    if (e.key.resource !== 'pods' || e.key.namespace !== pod.metadata.namespace || e.key.name !== pod.metadata.name) return;
    if (!open || !stopped()) return;
    // Flush what the run printed before it stopped (statuses keep seconds; the kubelet remembers better).
    const finished = kubeletState(ctx).pods.get(pod.metadata.uid ?? '')?.runs.get(pick.containerID)?.finishMs;
    drain((finished ?? ctx.clock.now()) - pick.startMs);
    close();
  });
  const offDestroy = ctx.store.onDestroy(close);
  unsubscribe = () => {
    offChanges();
    offDestroy();
  };
  send(cur.first);
  tick();
  return new Response(stream.readable, { status: 200, headers: { 'content-type': 'text/plain', ...STREAM_HEADERS } });
}

