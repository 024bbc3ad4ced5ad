// The pod worker's scratch space for one reconcile: the stored pod, a working copy of its status, the node, what the
// kubelet remembers, and the actions stages take (record an event, start or stop a container, pull an image).
import type { ContainerStatus, Node, Pod, PodStatus } from '../../registry/schemas/index.ts';
import type { ReconcileContext } from '../types.ts';
import type { Profile } from '../profile.ts';
import { imageID, nodeImageNames, resolveImage } from './images.ts';
import { containerEnv, fateOf, startProblem } from './process.ts';
import { currentFate, dataLookup, fieldPath, ms, portsHeldNow, runOf, type CRef, type RunInputs } from './runs.ts';
import type { KubeletState, NodeState, PodMemo, PullRecord } from './state.ts';
import { containerStatus, isTerminal, rfc3339, statusList } from './status.ts';
import { nodeInternalIP } from './pod-ips.ts';

export interface PendingEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath?: string;
}

export interface PodWork {
  ctx: ReconcileContext;
  s: KubeletState;
  pod: Pod;
  st: PodStatus;
  node: Node;
  ns: NodeState;
  memo: PodMemo;
  p: Profile;
  /** Wall clock now. */
  now: number;
  /** When the transition being applied happened (its due time, at most now). */
  t: number;
  events: PendingEvent[];
  /** Delete the pod for good after writing (its containers stopped after a deletion). */
  remove: boolean;
}

export const EXIT_REASON = (code: number) => (code === 0 ? 'Completed' : 'Error');

export function runInputs(w: PodWork): RunInputs {
  return { store: w.ctx.store, pod: { ...w.pod, status: w.st }, node: w.node, memo: w.memo };
}

export function event(w: PodWork, ref: CRef | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
  w.events.push({ type, reason, message, fieldPath: ref ? fieldPath(ref) : undefined });
}

export function cs(w: PodWork, ref: CRef): ContainerStatus {
  const found = containerStatus(w.st, ref.kind, ref.c.name);
  if (found) return found;
  const created: ContainerStatus = { name: ref.c.name, image: ref.c.image ?? '', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} };
  const list = statusList(w.st, ref.kind);
  list.push(created);
  if (ref.kind === 'app') list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return created;
}

export function jittered(w: PodWork, delayMs: number): number {
  if (!delayMs || !w.p.jitter) return delayMs;
  return Math.round(delayMs * (1 + (w.ctx.random.float() * 2 - 1) * w.p.jitter));
}

function hex(w: PodWork, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(w.ctx.random.float() * 2 ** 32).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

/** The sandbox is up once the pod has its IP (the network is the last thing set up). */
export const sandboxReady = (w: PodWork) => !!w.st.podIP;

/** Whether a container waits to (re)start: never run, or between runs. */
export function waitingToStart(c: ContainerStatus): boolean {
  return !!c.state?.waiting || (!c.state?.running && !c.state?.terminated);
}

export function lastRun(c: ContainerStatus) {
  return c.state?.terminated ?? c.lastState?.terminated;
}

/** Finish time of the container's last run, precise when remembered. */
export function finishedAt(w: PodWork, c: ContainerStatus): number {
  const t = lastRun(c);
  const id = t?.containerID;
  return (id ? w.memo.runs.get(id)?.finishMs : undefined) ?? ms(t?.finishedAt) ?? w.now;
}

// ---------------------------------------------------------------- images

export function imagePresent(w: PodWork, image: string): boolean {
  const r = resolveImage(image);
  return r.ok && w.ns.images.has(r.ref.tag ? `${r.ref.repo}:${r.ref.tag}` : `${r.ref.repo}@${r.digest}`);
}

export function pullPolicy(ref: CRef): 'Always' | 'IfNotPresent' | 'Never' {
  return ref.c.imagePullPolicy ?? 'IfNotPresent';
}

/** Whether the image must be fetched before this container can start. */
export function needsPull(w: PodWork, ref: CRef): boolean {
  if (w.memo.pulled.has(ref.c.name)) return false;
  const policy = pullPolicy(ref);
  if (policy === 'Never') return false;
  if (policy === 'Always') return true;
  return !imagePresent(w, ref.c.image ?? '');
}

/** Asks the node's (serial) puller for the image; a pull of the same image under way is joined. */
export function requestPull(w: PodWork, ref: CRef): PullRecord {
  const image = ref.c.image ?? '';
  const r = resolveImage(image);
  const key = r.ref.name;
  const present = imagePresent(w, image);
  // Pulls are serial: a second request for an image being pulled waits for it, then finds the layers there.
  const inflight = w.ns.inflight.get(key);
  const joining = !!inflight && inflight.doneAt > w.t && inflight.ok;
  const scale = r.ok ? Math.min(4, Math.max(0.3, r.sizeBytes / 50_000_000)) : 0.4;
  const duration = jittered(w, present || joining ? w.p.imageResolveMs : Math.round(w.p.imagePullMs * scale));
  const startAt = Math.max(w.t, w.ns.pullQueueEnd);
  const rec: PullRecord = r.ok
    ? { image, requestedAt: w.t, startAt, doneAt: startAt + duration, ok: true, sizeBytes: r.sizeBytes }
    : { image, requestedAt: w.t, startAt, doneAt: startAt + duration, ok: false, error: r.message, code: r.code, sizeBytes: 0 };
  w.ns.pullQueueEnd = rec.doneAt;
  if (!joining) w.ns.inflight.set(key, rec);
  return rec;
}

export function addImage(w: PodWork, image: string): void {
  const r = resolveImage(image);
  if (!r.ok) return;
  const entry = { names: nodeImageNames(r), sizeBytes: r.sizeBytes };
  const existing = w.ns.images.get(entry.names[1] ?? entry.names[0]!);
  if (existing) return;
  for (const n of entry.names) w.ns.images.set(n, entry);
  w.ns.imagesDirty = true;
}

// ---------------------------------------------------------------- containers

/** Stops a running container: its run becomes `terminated` and, for restarts, the previous state. */
export function terminate(w: PodWork, ref: CRef, exitCode: number, reason = EXIT_REASON(exitCode), message?: string): void {
  const c = cs(w, ref);
  const running = c.state?.running;
  if (!running) return;
  const term: NonNullable<NonNullable<ContainerStatus['state']>['terminated']> = { exitCode, reason, startedAt: running.startedAt, finishedAt: rfc3339(w.t), containerID: c.containerID };
  if (message) term.message = message;
  c.state = { terminated: term };
  c.ready = false;
  c.started = false;
  const id = c.containerID;
  const run = id ? w.memo.runs.get(id) : undefined;
  if (run) run.finishMs = w.t;
  w.memo.stopping.delete(ref.c.name);
  w.memo.probeReport.delete(ref.c.name);
  for (const k of w.memo.probeCache.keys()) if (k.startsWith(`${id}/`)) w.memo.probeCache.delete(k);
}

/** Starts (or restarts) a container: environment, then the runtime, then the process. */
export function startContainer(w: PodWork, ref: CRef): void {
  const c = cs(w, ref);
  const image = ref.c.image ?? '';
  const env = containerEnv(w.pod, ref.c, dataLookup(w.ctx.store, w.pod.metadata.namespace ?? 'default'));
  if ('error' in env) {
    c.state = { waiting: { reason: 'CreateContainerConfigError', message: env.error } };
    event(w, ref, 'Warning', 'Failed', `Error: ${env.error}`);
    w.memo.retryAt.set(ref.c.name, w.t + 10_000);
    return;
  }
  w.memo.retryAt.delete(ref.c.name);
  const previous = lastRun(c);
  if (!w.memo.pulled.has(ref.c.name)) event(w, ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
  w.memo.pulled.delete(ref.c.name);
  const r = resolveImage(image);
  const id = hex(w, 64);
  const ports = portsHeldNow(runInputs(w), (k, n) => containerStatus(w.st, k, n), ref);
  const run = runOf(runInputs(w), ref, w.t, undefined, ports);
  const problem = startProblem(run);
  if (previous) {
    c.restartCount = (c.restartCount ?? 0) + 1;
    c.lastState = { terminated: { ...previous } };
  }
  c.image = r.ok ? r.ref.name : image;
  c.imageID = r.ok ? imageID(r) : '';
  c.containerID = `containerd://${id}`;
  if (problem) {
    // The runtime could not exec the command: the container never ran.
    c.state = { terminated: { exitCode: 128, reason: 'StartError', message: problem, startedAt: '1970-01-01T00:00:00Z', finishedAt: rfc3339(w.t), containerID: c.containerID } };
    c.ready = false;
    c.started = false;
    w.memo.runs.set(c.containerID, { startMs: w.t, finishMs: w.t, portsInUse: ports });
    event(w, ref, 'Normal', 'Created', `Created container: ${ref.c.name}`);
    event(w, ref, 'Warning', 'Failed', `Error: ${problem}`);
    return;
  }
  w.memo.runs.set(c.containerID, { startMs: w.t, portsInUse: ports });
  forgetOldRuns(w);
  c.state = { running: { startedAt: rfc3339(w.t) } };
  c.started = !ref.c.startupProbe;
  c.ready = !ref.c.readinessProbe && !ref.c.startupProbe && (ref.kind === 'app' || ref.c.restartPolicy === 'Always');
  event(w, ref, 'Normal', 'Created', `Created container: ${ref.c.name}`);
  event(w, ref, 'Normal', 'Started', `Started container ${ref.c.name}`);
  void fateOf(run);
}

/** Only the runs statuses still show (current and previous) are worth remembering. */
function forgetOldRuns(w: PodWork): void {
  const keep = new Set<string>();
  for (const c of [...(w.st.initContainerStatuses ?? []), ...(w.st.containerStatuses ?? [])]) {
    if (c.containerID) keep.add(c.containerID);
    const last = c.lastState?.terminated?.containerID;
    if (last) keep.add(last);
  }
  for (const id of w.memo.runs.keys()) if (!keep.has(id)) w.memo.runs.delete(id);
}

/** The fate of a running container's current run (cached per run). */
export function fate(w: PodWork, ref: CRef, c: ContainerStatus) {
  return currentFate(runInputs(w), ref, c);
}

/** Fills what the kubelet reports once it admits a pod: start time, host IPs, a status per container. */
export function admit(w: PodWork): void {
  w.st.startTime = rfc3339(w.t);
  const hostIP = nodeInternalIP(w.node);
  if (hostIP) {
    w.st.hostIP = hostIP;
    w.st.hostIPs = [{ ip: hostIP }];
  }
  const hasInit = !!w.pod.spec?.initContainers?.length;
  for (const c of w.pod.spec?.initContainers ?? []) cs(w, { c, kind: 'init' }).state = { waiting: { reason: 'PodInitializing' } };
  for (const c of w.pod.spec?.containers ?? []) cs(w, { c, kind: 'app' }).state = { waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' } };
}

export { isTerminal };
