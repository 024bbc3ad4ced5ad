// A Deployment's status from its ReplicaSets, and the Progressing/Available conditions `kubectl rollout status` reads.
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../registry/schemas/index.ts';
import { clone, deepEqual } from '../../util.ts';
import { desired, maxUnavailable } from './deploy-math.ts';
import { sumSpec, sumStatus } from './rs-util.ts';
import { getCondition, newCondition, removeCondition, setCondition, REASONS } from './conditions.ts';
import { hasProgressDeadline, writeStatus, type Rollout } from './rollout.ts';

/** Counts and the Available condition; Progressing is carried over for the caller to judge. Zero counts are omitted. */
export function calculateStatus(r: Rollout, all: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = r.d;
  const replicas = sumStatus(all, 'replicas');
  const updated = newRS?.status?.replicas ?? 0;
  const ready = sumStatus(all, 'readyReplicas');
  const available = sumStatus(all, 'availableReplicas');
  const unavailable = Math.max(0, sumSpec(all) - available);
  const s: DeploymentStatus = {};
  if (d.metadata.generation) s.observedGeneration = d.metadata.generation;
  if (replicas) s.replicas = replicas;
  if (updated) s.updatedReplicas = updated;
  if (ready) s.readyReplicas = ready;
  if (available) s.availableReplicas = available;
  if (unavailable) s.unavailableReplicas = unavailable;
  if (d.status?.conditions?.length) s.conditions = clone(d.status.conditions);
  if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount;
  if (available >= desired(d) - maxUnavailable(d)) setCondition(s, newCondition('Available', 'True', REASONS.minAvailable, 'Deployment has minimum availability.', r.now));
  else setCondition(s, newCondition('Available', 'False', REASONS.minUnavailable, 'Deployment does not have minimum availability.', r.now));
  return s;
}

/** Every pod runs the current template and is available, and the controller has seen the latest spec. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const n = desired(d);
  return (s?.updatedReplicas ?? 0) === n && (s?.replicas ?? 0) === n && (s?.availableReplicas ?? 0) === n && (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

function progressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldStale = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newStale = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newStale < oldStale || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** When the Progressing condition's deadline passes (ms), or undefined when no deadline is running. */
function deadline(d: Deployment, s: DeploymentStatus): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const c = getCondition(s, 'Progressing');
  if (!c?.lastUpdateTime || c.reason === REASONS.newRSAvailable || c.reason === REASONS.timedOut) return undefined;
  return Date.parse(c.lastUpdateTime) + d.spec!.progressDeadlineSeconds! * 1000;
}

function replicaFailure(all: ReplicaSet[], newRS: ReplicaSet | undefined) {
  // The new ReplicaSet's failure wins over the old ones'.
  for (const rs of newRS ? [newRS, ...all] : all) {
    const c = rs.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

function write(r: Rollout, s: DeploymentStatus): void {
  if (deepEqual(r.d.status, s)) return;
  r.d.status = s;
  writeStatus(r);
}

/** Status without judging progress (paused Deployments, plain scaling, deletion). */
export function syncDeploymentStatus(r: Rollout, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  write(r, calculateStatus(r, all, newRS));
}

/** Status with progress: complete, progressing, or past its deadline. Returns when to look again for the deadline. */
export function syncRolloutStatus(r: Rollout, all: ReplicaSet[], newRS: ReplicaSet | undefined): number | undefined {
  const d = r.d;
  const s = calculateStatus(r, all, newRS);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const settled = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !settled) {
    const name = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    const due = deadline(d, s);
    if (deploymentComplete(d, s)) {
      setCondition(s, newCondition('Progressing', 'True', REASONS.newRSAvailable, `${name} has successfully progressed.`, r.now));
    } else if (progressing(d, s)) {
      // Progress refreshes lastUpdateTime (the deadline restarts) but keeps lastTransitionTime while it stays True.
      const c = newCondition('Progressing', 'True', REASONS.rsUpdated, `${name} is progressing.`, r.now);
      if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
      removeCondition(s, 'Progressing');
      s.conditions = [...(s.conditions ?? []), c];
    } else if (getCondition(s, 'Progressing')?.reason === REASONS.timedOut || (due !== undefined && due < r.now)) {
      setCondition(s, newCondition('Progressing', 'False', REASONS.timedOut, `${name} has timed out progressing.`, r.now));
    }
  }
  const failure = replicaFailure(all, newRS);
  if (failure) setCondition(s, failure);
  else removeCondition(s, 'ReplicaFailure');
  write(r, s);
  if (deploymentComplete(r.d, s)) return undefined;
  const due = deadline(r.d, s);
  return due === undefined ? undefined : Math.max(0, due + 1 - r.now);
}

/** Marks pausing and resuming on the Progressing condition (Unknown), unless the rollout already timed out. */
export function checkPausedConditions(r: Rollout): void {
  if (!hasProgressDeadline(r.d)) return;
  const c = getCondition(r.d.status, 'Progressing');
  if (c?.reason === REASONS.timedOut) return;
  const pausedNoted = c?.reason === REASONS.paused;
  const paused = !!r.d.spec?.paused;
  if (paused === pausedNoted) return;
  const s = (r.d.status ??= {});
  if (paused) setCondition(s, newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', r.now));
  else setCondition(s, newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', r.now));
  writeStatus(r);
}
