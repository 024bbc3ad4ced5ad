// Pod status as the kubelet's status manager computes it from container states: phase, the five standard
// conditions in the order `kubectl describe` shows them, and small formatting helpers.
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../../registry/schemas/index.ts';
import { rfc3339 as formatTime } from '../../apiserver/context.ts';

let lastSecond = NaN;
let lastText = '';
/** metav1.Time (seconds); pod workers format the same second many times in a burst, so the last one is kept. */
export function rfc3339(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s !== lastSecond) {
    lastSecond = s;
    lastText = formatTime(ms);
  }
  return lastText;
}

export type Kind = 'init' | 'app';

const ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

export function getCondition(st: PodStatus, type: string): PodCondition | undefined {
  return st.conditions?.find((c) => c.type === type);
}

/** Sets a condition; its transition time moves only when the status flips. */
export function setCondition(st: PodStatus, type: string, status: 'True' | 'False' | 'Unknown', now: number, reason?: string, message?: string): void {
  const list = (st.conditions ??= []);
  const i = list.findIndex((c) => c.type === type);
  const cur = i >= 0 ? list[i] : undefined;
  const since = cur?.status === status && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(now);
  // lastProbeTime is null on the wire, as the kubelet leaves it.
  const next = { type, status, lastProbeTime: null, lastTransitionTime: since } as unknown as PodCondition;
  if (reason) next.reason = reason;
  if (message) next.message = message;
  if (cur) list[i] = next;
  else list.push(next);
  list.sort((a, b) => rank(a.type) - rank(b.type));
}

function rank(type: string): number {
  const i = ORDER.indexOf(type);
  return i < 0 ? ORDER.length : i;
}

/** `nginx_default(uid)`, as kubelet messages name a pod. */
export function podFullName(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

/** Go's time.Duration formatting for whole milliseconds: 500ms, 2.1s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  ms = Math.round(ms);
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = `${Number(s.toFixed(3))}s`;
  if (h) return `${h}h${m}m${secs}`;
  if (m) return `${m}m${secs}`;
  return secs;
}

export function specContainers(pod: Pod, kind: Kind): Container[] {
  return (kind === 'init' ? pod.spec?.initContainers : pod.spec?.containers) ?? [];
}

export function statusList(st: PodStatus, kind: Kind): ContainerStatus[] {
  return kind === 'init' ? (st.initContainerStatuses ??= []) : (st.containerStatuses ??= []);
}

export function containerStatus(st: PodStatus, kind: Kind, name: string): ContainerStatus | undefined {
  return (kind === 'init' ? st.initContainerStatuses : st.containerStatuses)?.find((c) => c.name === name);
}

/** A sidecar: an init container with restartPolicy Always, which keeps running beside the app containers. */
export const isSidecar = (c: Container) => c.restartPolicy === 'Always';

/** An init container is done once it exited 0, or (a sidecar) once it started. */
export function initDone(c: Container, cs: ContainerStatus | undefined): boolean {
  if (!cs) return false;
  if (isSidecar(c)) return !!cs.started || !!cs.state?.running;
  return cs.state?.terminated?.exitCode === 0;
}

export function isTerminal(st: PodStatus): boolean {
  return st.phase === 'Succeeded' || st.phase === 'Failed';
}

/** Whether the kubelet restarts this container after it exited with `code`. */
export function shouldRestart(pod: Pod, c: Container, kind: Kind, code: number): boolean {
  if (kind === 'init' && isSidecar(c)) return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (kind === 'init') return code !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
}

/** The kubelet's getPhase. */
function phaseOf(pod: Pod, st: PodStatus): NonNullable<PodStatus['phase']> {
  if (isTerminal(st)) return st.phase!;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  specContainers(pod, 'init').forEach((c) => {
    const cs = containerStatus(st, 'init', c.name);
    if (initDone(c, cs)) return;
    pendingInit++;
    const t = cs?.state?.terminated ?? cs?.lastState?.terminated;
    if (t && t.exitCode !== 0 && !isSidecar(c)) failedInit++;
  });
  if (failedInit && policy === 'Never') return 'Failed';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let unknown = 0;
  for (const c of specContainers(pod, 'app')) {
    const cs = containerStatus(st, 'app', c.name);
    if (!cs) unknown++;
    else if (cs.state?.running) running++;
    else if (cs.state?.terminated) {
      stopped++;
      if (cs.state.terminated.exitCode === 0) succeeded++;
    } else if (cs.state?.waiting) {
      if (cs.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (pendingInit > 0 || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Recomputes phase and the standard conditions from the container statuses; other conditions are kept. */
export function derivePodStatus(pod: Pod, st: PodStatus, now: number, sandboxReady: boolean): void {
  st.phase = phaseOf(pod, st);
  const terminal = isTerminal(st);
  setCondition(st, 'PodReadyToStartContainers', sandboxReady && !terminal ? 'True' : 'False', now);
  const incomplete = specContainers(pod, 'init')
    .filter((c) => !initDone(c, containerStatus(st, 'init', c.name)))
    .map((c) => c.name);
  const initialized = getCondition(st, 'Initialized')?.status === 'True' || incomplete.length === 0;
  if (initialized) setCondition(st, 'Initialized', 'True', now);
  else setCondition(st, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
  const readiness: Array<[Container, Kind]> = [...specContainers(pod, 'init').filter(isSidecar).map((c) => [c, 'init'] as [Container, Kind]), ...specContainers(pod, 'app').map((c) => [c, 'app'] as [Container, Kind])];
  const unready = readiness.filter(([c, kind]) => !containerStatus(st, kind, c.name)?.ready).map(([c]) => c.name);
  let reason: string | undefined;
  let message: string | undefined;
  if (st.phase === 'Succeeded') reason = 'PodCompleted';
  else if (unready.length) {
    reason = 'ContainersNotReady';
    message = `containers with unready status: [${unready.join(' ')}]`;
  }
  const containersReady = !unready.length && !terminal;
  setCondition(st, 'ContainersReady', containersReady ? 'True' : 'False', now, containersReady ? undefined : reason, message);
  let ready = containersReady;
  let readyReason = reason;
  let readyMessage = message;
  if (ready) {
    for (const g of pod.spec?.readinessGates ?? []) {
      const c = getCondition(st, g.conditionType);
      if (c?.status === 'True') continue;
      ready = false;
      readyReason = 'ReadinessGatesNotReady';
      readyMessage = c ? `the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}` : `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`;
      break;
    }
  }
  setCondition(st, 'Ready', ready ? 'True' : 'False', now, ready ? undefined : readyReason, readyMessage);
  if (!getCondition(st, 'PodScheduled')) setCondition(st, 'PodScheduled', 'True', now);
}
