// The pod and container lifecycle as data, KWOK-style: each stage says when it applies (a selector over the pod's
// status and what the kubelet remembers), when it is due (a simulated delay from the profile, jittered once when first
// planned, or a time fixed by the process, a probe or a back-off), and the status it leads to (plus events).
// The pod worker applies due stages in time order until none is due, then writes the status once.
import type { Profile } from '../profile.ts';
import type { Probe } from '../../registry/schemas/index.ts';
import { resolveImage } from './images.ts';
import { allocatePodIP, nodeInternalIP } from './pod-ips.ts';
import { probeAt } from './process.ts';
import { ms, type CRef } from './runs.ts';
import { inBackoff, nextBackoff } from './state.ts';
import { mountFailures, waitForMounts } from './volumes.ts';
import { goDuration, isSidecar, podFullName, setCondition, shouldRestart } from './status.ts';
import {
  addImage,
  admit,
  cs,
  event,
  EXIT_REASON,
  fate,
  finishedAt,
  jittered,
  imagePresent,
  isTerminal,
  lastRun,
  needsPull,
  pullPolicy,
  requestPull,
  sandboxReady,
  startContainer,
  terminate,
  waitingToStart,
  type PodWork,
} from './work.ts';

export interface Stage<T> {
  name: string;
  /** Whether the stage applies to the pod (or container) as it is now. */
  match(w: PodWork, t: T): boolean;
  /** The earliest time it may happen (a process exit, the end of a back-off); defaults to when it first matched. */
  at?(w: PodWork, t: T): number;
  /** A simulated duration counted from `at`, drawn (with jitter) once when the stage is first planned. */
  delay?(p: Profile, w: PodWork, t: T): number;
  /** The transition: changes the working status and records events. */
  next(w: PodWork, t: T): void;
  /** Distinguishes repeats of the stage (a restart is a new start). */
  instance?(w: PodWork, t: T): string;
  /** The status after this stage is worth a write of its own even when more is due at once (ErrImagePull, Error). */
  visible?(w: PodWork, t: T): boolean;
}

const deleting = (w: PodWork) => !!w.pod.metadata.deletionTimestamp;
const active = (w: PodWork) => !deleting(w) && !isTerminal(w.st) && sandboxReady(w);
/** Admitted, and the sandbox not yet up: volumes are mounted, then the sandbox is created. */
const preparing = (w: PodWork) => !!w.st.startTime && !sandboxReady(w) && !isTerminal(w.st) && !deleting(w);
const runningRefs = (w: PodWork) => allContainers(w).filter((ref) => !!cs(w, ref).state?.running);

export function allContainers(w: PodWork): CRef[] {
  return [...(w.pod.spec?.initContainers ?? []).map((c) => ({ c, kind: 'init' as const })), ...(w.pod.spec?.containers ?? []).map((c) => ({ c, kind: 'app' as const }))];
}

/** How long stopping takes: a clean exit on SIGTERM, or the grace period for a PID 1 that ignores it, capped by the deadline. */
function stopDelay(w: PodWork): number {
  const grace = (w.pod.metadata.deletionGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const deadline = Math.max(0, (ms(w.pod.metadata.deletionTimestamp) ?? w.now) - w.t);
  let longest = 0;
  for (const ref of runningRefs(w)) longest = Math.max(longest, fate(w, ref, cs(w, ref)).fate.handlesTerm ? jittered(w, w.p.terminationMs) : grace);
  return Math.min(longest, grace, deadline);
}

/** Stages of the pod as a whole, in precedence order. */
export const POD_STAGES: Stage<undefined>[] = [
  {
    name: 'kill',
    match: (w) => deleting(w) && w.memo.killAt === undefined && runningRefs(w).length > 0,
    next(w) {
      for (const ref of runningRefs(w)) event(w, ref, 'Normal', 'Killing', `Stopping container ${ref.c.name}`);
      w.memo.killAt = w.t + stopDelay(w);
    },
  },
  {
    name: 'remove',
    match: (w) => deleting(w) && (w.memo.killAt !== undefined || runningRefs(w).length === 0) && (w.pod.metadata.deletionGracePeriodSeconds ?? 1) !== 0,
    at: (w) => w.memo.killAt ?? w.now,
    next(w) {
      for (const ref of runningRefs(w)) terminate(w, ref, fate(w, ref, cs(w, ref)).fate.handlesTerm ? 0 : 137);
      // The kubelet reports a terminal phase before the pod goes away (so controllers do not count it as running).
      if (!isTerminal(w.st)) w.st.phase = allContainers(w).some((ref) => (cs(w, ref).state?.terminated?.exitCode ?? 0) !== 0) ? 'Failed' : 'Succeeded';
      w.remove = true;
    },
  },
  {
    name: 'admit',
    match: (w) => !w.st.startTime && !deleting(w),
    next: (w) => admit(w),
  },
  {
    // The volume manager mounts every volume before the sandbox is created; a missing ConfigMap or Secret keeps the
    // pod in ContainerCreating, retried with back-off (and at once when the object appears).
    name: 'mount',
    match: (w) => preparing(w) && mountFailures(w.ctx.store, w.pod).length > 0,
    at: (w) => (w.memo.mountBackoff ? w.memo.mountBackoff.lastUpdate + w.memo.mountBackoff.delayMs : w.now),
    instance: (w) => String(w.memo.mountBackoff?.lastUpdate ?? 0),
    next(w) {
      const failures = mountFailures(w.ctx.store, w.pod);
      for (const f of failures) event(w, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${f.volume}" : ${f.error}`);
      w.memo.mountBackoff = nextBackoff(w.memo.mountBackoff, w.t, w.t, w.p.mountBackoffMs, w.p.mountBackoffMaxMs);
      waitForMounts(w.s, w.memo, `${w.pod.metadata.namespace}/${w.pod.metadata.name}`, failures);
    },
  },
  {
    name: 'sandbox',
    match: (w) => preparing(w) && mountFailures(w.ctx.store, w.pod).length === 0,
    at: (w) => Math.max(w.now, w.memo.retryAt.get('') ?? 0),
    delay: (p) => p.sandboxMs,
    instance: (w) => String(w.memo.retryAt.get('') ?? 0),
    next(w) {
      const ip = w.pod.spec?.hostNetwork ? nodeInternalIP(w.node) : allocatePodIP(w.s, w.ctx.store, w.ctx.config, w.node, w.ns);
      if (!ip) {
        const range = w.node.spec?.podCIDR ?? '10.240.1.0/16';
        event(w, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`);
        w.memo.retryAt.set('', w.t + 10_000);
        return;
      }
      w.memo.mountBackoff = undefined;
      w.st.podIP = ip;
      w.st.podIPs = [{ ip }];
      setCondition(w.st, 'PodReadyToStartContainers', 'True', w.t);
    },
  },
  {
    name: 'deadline',
    match: (w) => !!w.pod.spec?.activeDeadlineSeconds && !!w.st.startTime && !isTerminal(w.st) && !deleting(w),
    at: (w) => (ms(w.st.startTime) ?? w.now) + (w.pod.spec?.activeDeadlineSeconds ?? 0) * 1000,
    next(w) {
      for (const ref of runningRefs(w)) {
        event(w, ref, 'Normal', 'Killing', `Stopping container ${ref.c.name}`);
        terminate(w, ref, fate(w, ref, cs(w, ref)).fate.handlesTerm ? 0 : 137);
      }
      w.st.phase = 'Failed';
      w.st.reason = 'DeadlineExceeded';
      w.st.message = 'Pod was active on the node longer than the specified deadline';
      event(w, undefined, 'Warning', 'DeadlineExceeded', w.st.message);
    },
  },
];

/** A probe's schedule: first check after initialDelaySeconds, then every periodSeconds. */
function probeTimes(p: Profile, probe: Probe, startMs: number, from: number, count: number): number[] {
  const first = startMs + (probe.initialDelaySeconds ?? 0) * 1000 + p.probeMs;
  const period = (probe.periodSeconds ?? 10) * 1000;
  const k0 = Math.max(0, Math.ceil((from - first) / period));
  return Array.from({ length: count }, (_, i) => first + (k0 + i) * period);
}

type ProbeKind = 'startupProbe' | 'readinessProbe' | 'livenessProbe';

/**
 * When a probe has seen `threshold` results in a row equal to `want`, checking up to `horizon` probes from `from`.
 * Network probes answer the same for the whole run (a port is bound or not), so one check settles them; exec probes
 * follow the files the process creates and removes, so they are walked (and remembered per run).
 */
function probeStreak(w: PodWork, ref: CRef, kind: ProbeKind, want: boolean, threshold: number, from: number, horizon = 120): number | undefined {
  const probe = ref.c[kind]!;
  const { run, fate: f } = fate(w, ref, cs(w, ref));
  const times = probeTimes(w.p, probe, run.startMs, from, probe.exec ? horizon : 1);
  const period = (probe.periodSeconds ?? 10) * 1000;
  if (!probe.exec) return probeAt(run, f, ref.c, probe, times[0]! - run.startMs).ok === want ? times[0]! + (threshold - 1) * period : undefined;
  const key = `${cs(w, ref).containerID}/${kind}/${want}/${threshold}/${from}/${horizon}`;
  if (w.memo.probeCache.has(key)) return w.memo.probeCache.get(key);
  let streak = 0;
  let found: number | undefined;
  for (const t of times) {
    const ok = probeAt(run, f, ref.c, probe, t - run.startMs).ok;
    streak = ok === want ? streak + 1 : 0;
    if (streak >= threshold) {
      found = t;
      break;
    }
  }
  w.memo.probeCache.set(key, found);
  return found;
}

function readinessProbeOf(ref: CRef): Probe | undefined {
  return ref.c.readinessProbe ?? undefined;
}

const runStart = (w: PodWork, ref: CRef) => fate(w, ref, cs(w, ref)).run.startMs;

const restartPending = (w: PodWork, ref: CRef) => {
  const c = cs(w, ref);
  const t = c.state?.terminated;
  return !!t && (w.memo.replaced.has(ref.c.name) || shouldRestart(w.pod, ref.c, ref.kind, t.exitCode));
};

const crashEntry = (w: PodWork, ref: CRef) => {
  const b = w.memo.crash.get(ref.c.name);
  if (b) return b;
  // Forgotten (a restart of the simulation): rebuild the kubelet's back-off from the restart count.
  const c = cs(w, ref);
  if (!c.restartCount) return undefined;
  const delayMs = Math.min(w.p.crashBackoffMs * 2 ** (c.restartCount - 1), w.p.crashBackoffMaxMs);
  const rebuilt = { delayMs, lastUpdate: ms(c.state?.running?.startedAt ?? lastRun(c)?.startedAt) ?? w.now };
  w.memo.crash.set(ref.c.name, rebuilt);
  return rebuilt;
};

/** Waiting out a crash back-off (a container replaced for a new image does not wait). */
const inCrashBackoff = (w: PodWork, ref: CRef) => !w.memo.replaced.has(ref.c.name) && inBackoff(crashEntry(w, ref), finishedAt(w, cs(w, ref)), w.now, w.p.crashBackoffMaxMs);

const pullBackoffOf = (w: PodWork, ref: CRef) => w.memo.pullBackoff.get(ref.c.image ?? '');

/** When a waiting container may next be pulled or started: after its crash or pull back-off, or a config retry. */
function earliestStart(w: PodWork, ref: CRef): number {
  const c = cs(w, ref);
  let at = Math.max(w.memo.retryAt.get(ref.c.name) ?? 0, w.now);
  const reason = c.state?.waiting?.reason;
  if (reason === 'CrashLoopBackOff') at = Math.max(at, finishedAt(w, c) + (crashEntry(w, ref)?.delayMs ?? 0));
  const pb = pullBackoffOf(w, ref);
  if (reason === 'ImagePullBackOff' && pb) at = Math.max(at, pb.lastUpdate + pb.delayMs);
  return at;
}

/** Which of the pod's containers the kubelet works on now: init containers one by one, then the app containers. */
export function containersInTurn(w: PodWork): CRef[] {
  const out: CRef[] = [];
  for (const c of w.pod.spec?.initContainers ?? []) {
    const ref = { c, kind: 'init' as const };
    const st = cs(w, ref);
    const done = isSidecar(c) ? !!st.started : st.state?.terminated?.exitCode === 0 && !st.state.running;
    if (isSidecar(c) && st.started) {
      out.push(ref); // a started sidecar keeps being looked after
      continue;
    }
    if (!done) return [...out, ref];
  }
  return [...out, ...(w.pod.spec?.containers ?? []).map((c) => ({ c, kind: 'app' as const }))];
}

/** Stages of one container; several may be pending at once (an exit and a readiness change), each with its time. */
export const CONTAINER_STAGES: Stage<CRef>[] = [
  {
    name: 'never-pull',
    match: (w, ref) => active(w) && waitingToStart(cs(w, ref)) && pullPolicy(ref) === 'Never' && !imagePresent(w, ref.c.image ?? '') && cs(w, ref).state?.waiting?.reason !== 'ErrImageNeverPull',
    next(w, ref) {
      const message = `Container image "${ref.c.image}" is not present with pull policy of Never`;
      cs(w, ref).state = { waiting: { reason: 'ErrImageNeverPull', message } };
      event(w, ref, 'Warning', 'ErrImageNeverPull', message);
    },
  },
  {
    name: 'pull',
    match: (w, ref) => {
      const c = cs(w, ref);
      if (!active(w) || w.memo.pulls.has(ref.c.name) || !needsPull(w, ref)) return false;
      if (c.state?.running || c.state?.waiting?.reason === 'ErrImagePull') return false;
      return !c.state?.terminated || (restartPending(w, ref) && !inCrashBackoff(w, ref));
    },
    at: (w, ref) => earliestStart(w, ref),
    instance: (w, ref) => `${cs(w, ref).restartCount}/${pullBackoffOf(w, ref)?.lastUpdate ?? 0}`,
    next(w, ref) {
      event(w, ref, 'Normal', 'Pulling', `Pulling image "${ref.c.image}"`);
      w.memo.pulls.set(ref.c.name, requestPull(w, ref));
    },
  },
  {
    name: 'pulled',
    match: (w, ref) => w.memo.pulls.has(ref.c.name) && !deleting(w),
    at: (w, ref) => w.memo.pulls.get(ref.c.name)!.doneAt,
    visible: (w, ref) => cs(w, ref).state?.waiting?.reason === 'ErrImagePull',
    next(w, ref) {
      const rec = w.memo.pulls.get(ref.c.name)!;
      w.memo.pulls.delete(ref.c.name);
      const key = resolveImage(rec.image).ref.name;
      if ((w.ns.inflight.get(key)?.doneAt ?? Infinity) <= w.t) w.ns.inflight.delete(key);
      if (rec.ok) {
        addImage(w, rec.image);
        w.memo.pulled.add(ref.c.name);
        w.memo.pullBackoff.delete(rec.image);
        event(w, ref, 'Normal', 'Pulled', `Successfully pulled image "${rec.image}" in ${goDuration(rec.doneAt - rec.startAt)} (${goDuration(rec.doneAt - rec.requestedAt)} including waiting). Image size: ${rec.sizeBytes} bytes.`);
        return;
      }
      const err = `rpc error: code = ${rec.code} desc = ${rec.error}`;
      cs(w, ref).state = { waiting: { reason: 'ErrImagePull', message: err } };
      w.memo.pullBackoff.set(rec.image, nextBackoff(pullBackoffOf(w, ref), w.t, w.t, w.p.pullBackoffMs, w.p.pullBackoffMaxMs));
      event(w, ref, 'Warning', 'Failed', `Failed to pull image "${rec.image}": ${err}`);
      event(w, ref, 'Warning', 'Failed', 'Error: ErrImagePull');
    },
  },
  {
    name: 'pull-backoff',
    match: (w, ref) => active(w) && cs(w, ref).state?.waiting?.reason === 'ErrImagePull',
    delay: (p) => p.pullErrorMs,
    instance: (w, ref) => String(pullBackoffOf(w, ref)?.lastUpdate ?? 0),
    next(w, ref) {
      const message = `Back-off pulling image "${ref.c.image}"`;
      cs(w, ref).state = { waiting: { reason: 'ImagePullBackOff', message } };
      event(w, ref, 'Normal', 'BackOff', message);
      event(w, ref, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    },
  },
  {
    name: 'crash-backoff',
    match: (w, ref) => active(w) && restartPending(w, ref) && inCrashBackoff(w, ref),
    next(w, ref) {
      const c = cs(w, ref);
      const b = crashEntry(w, ref)!;
      c.lastState = { terminated: { ...c.state!.terminated! } };
      c.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(b.delayMs)} restarting failed container=${ref.c.name} pod=${podFullName(w.pod)}` } };
      event(w, ref, 'Warning', 'BackOff', `Back-off restarting failed container ${ref.c.name} in pod ${podFullName(w.pod)}`);
    },
  },
  {
    name: 'start',
    match: (w, ref) => {
      if (!active(w) || w.memo.pulls.has(ref.c.name) || needsPull(w, ref)) return false;
      if (pullPolicy(ref) === 'Never' && !imagePresent(w, ref.c.image ?? '')) return false;
      const c = cs(w, ref);
      if (waitingToStart(c)) return true;
      return restartPending(w, ref) && !inCrashBackoff(w, ref);
    },
    at: (w, ref) => earliestStart(w, ref),
    delay: (p) => p.containerStartMs,
    instance: (w, ref) => `${cs(w, ref).restartCount}/${w.memo.retryAt.get(ref.c.name) ?? 0}`,
    next(w, ref) {
      const c = cs(w, ref);
      if (lastRun(c) && !w.memo.replaced.delete(ref.c.name)) w.memo.crash.set(ref.c.name, nextBackoff(crashEntry(w, ref), finishedAt(w, c), w.t, w.p.crashBackoffMs, w.p.crashBackoffMaxMs));
      startContainer(w, ref);
    },
  },
  {
    name: 'startup',
    match: (w, ref) => active(w) && !!cs(w, ref).state?.running && !cs(w, ref).started && !!ref.c.startupProbe,
    at: (w, ref) => probeStreak(w, ref, 'startupProbe', true, 1, runStart(w, ref)) ?? Infinity,
    next(w, ref) {
      const c = cs(w, ref);
      c.started = true;
      if (!ref.c.readinessProbe) c.ready = true;
    },
  },
  {
    name: 'ready',
    match: (w, ref) => active(w) && !!cs(w, ref).state?.running && !!cs(w, ref).started && !cs(w, ref).ready && !!readinessProbeOf(ref),
    at: (w, ref) => probeStreak(w, ref, 'readinessProbe', true, ref.c.readinessProbe!.successThreshold ?? 1, Math.max(runStart(w, ref), w.memo.probeReport.get(ref.c.name) ?? 0)) ?? Infinity,
    next: (w, ref) => {
      cs(w, ref).ready = true;
      w.memo.probeReport.delete(ref.c.name);
    },
  },
  {
    name: 'readiness-failure',
    match: (w, ref) => active(w) && !!cs(w, ref).state?.running && !!cs(w, ref).started && !!readinessProbeOf(ref),
    at(w, ref) {
      const from = Math.max(runStart(w, ref), w.memo.probeReport.get(ref.c.name) ?? 0);
      if (cs(w, ref).ready) return probeStreak(w, ref, 'readinessProbe', false, ref.c.readinessProbe!.failureThreshold ?? 3, from) ?? Infinity;
      return probeStreak(w, ref, 'readinessProbe', false, 1, from, 1) ?? Infinity;
    },
    instance: (w, ref) => String(w.memo.probeReport.get(ref.c.name) ?? 0),
    next(w, ref) {
      const c = cs(w, ref);
      const { run, fate: f } = fate(w, ref, c);
      const probe = readinessProbeOf(ref)!;
      const r = probeAt(run, f, ref.c, probe, w.t - run.startMs);
      if (!r.ok) event(w, ref, 'Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`);
      c.ready = false;
      w.memo.probeReport.set(ref.c.name, w.t + 1);
    },
  },
  {
    name: 'liveness',
    match: (w, ref) => active(w) && !!cs(w, ref).state?.running && !!cs(w, ref).started && !!ref.c.livenessProbe && !w.memo.stopping.has(ref.c.name),
    at: (w, ref) => probeStreak(w, ref, 'livenessProbe', false, ref.c.livenessProbe!.failureThreshold ?? 3, runStart(w, ref)) ?? Infinity,
    next(w, ref) {
      const c = cs(w, ref);
      const { run, fate: f } = fate(w, ref, c);
      const probe = ref.c.livenessProbe!;
      const r = probeAt(run, f, ref.c, probe, w.t - run.startMs);
      for (let i = 0; i < (probe.failureThreshold ?? 3); i++) event(w, ref, 'Warning', 'Unhealthy', `Liveness probe failed: ${r.ok ? '' : r.message}`);
      event(w, ref, 'Normal', 'Killing', `Container ${ref.c.name} failed liveness probe, will be restarted`);
      const grace = (probe.terminationGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      w.memo.stopping.set(ref.c.name, { at: w.t + (f.handlesTerm ? w.p.terminationMs : grace), exitCode: f.handlesTerm ? 0 : 137 });
    },
  },
  {
    name: 'definition-changed',
    match: (w, ref) => active(w) && !!cs(w, ref).state?.running && !w.memo.stopping.has(ref.c.name) && resolveImage(ref.c.image ?? '').ref.name !== cs(w, ref).image,
    next(w, ref) {
      const f = fate(w, ref, cs(w, ref)).fate;
      event(w, ref, 'Normal', 'Killing', `Container ${ref.c.name} definition changed, will be restarted`);
      const grace = (w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      w.memo.stopping.set(ref.c.name, { at: w.t + (f.handlesTerm ? jittered(w, w.p.terminationMs) : grace), exitCode: f.handlesTerm ? 0 : 137 });
      w.memo.replaced.add(ref.c.name);
    },
  },
  {
    name: 'stopped',
    match: (w, ref) => !!cs(w, ref).state?.running && w.memo.stopping.has(ref.c.name) && !deleting(w),
    at: (w, ref) => w.memo.stopping.get(ref.c.name)!.at,
    visible: () => true,
    next(w, ref) {
      const code = w.memo.stopping.get(ref.c.name)!.exitCode;
      terminate(w, ref, code);
    },
  },
  {
    name: 'exit',
    match: (w, ref) => !!cs(w, ref).state?.running && !deleting(w) && !isTerminal(w.st),
    at(w, ref) {
      const { run, fate: f } = fate(w, ref, cs(w, ref));
      return f.exit ? run.startMs + f.exit.afterMs : Infinity;
    },
    visible: () => true,
    next(w, ref) {
      const f = fate(w, ref, cs(w, ref)).fate;
      terminate(w, ref, f.exit!.code, EXIT_REASON(f.exit!.code));
    },
  },
];

