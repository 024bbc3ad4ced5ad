// RollingUpdate: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable, unhealthy ones first.
import type { ReplicaSet } from '../../registry/schemas/index.ts';
import { desired, maxUnavailable, newRSReplicas } from './deploy-math.ts';
import { active, byCreation, replicasOf, sumSpec, sumStatus } from './rs-util.ts';
import { fresh, refresh, scaleAndRecord, type Rollout } from './rollout.ts';
import { replicaSetsOf } from './new-rs.ts';
import { deploymentComplete, syncRolloutStatus } from './deploy-status.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';

function reconcileNew(r: Rollout, all: ReplicaSet[], newRS: ReplicaSet): boolean {
  const n = desired(r.d);
  if (replicasOf(newRS) === n) return false;
  if (replicasOf(newRS) > n) return scaleAndRecord(r, newRS, n).scaled;
  return scaleAndRecord(r, newRS, newRSReplicas(r.d, all, newRS)).scaled;
}

/** Old ReplicaSets whose pods are not available go first: shrinking them costs no availability. */
function cleanupUnhealthy(r: Rollout, olds: ReplicaSet[], budget: number): { olds: ReplicaSet[]; count: number } {
  const sorted = [...olds].sort(byCreation);
  let count = 0;
  for (let i = 0; i < sorted.length && count < budget; i++) {
    const rs = sorted[i]!;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const by = Math.min(budget - count, unhealthy);
    sorted[i] = scaleAndRecord(r, rs, replicasOf(rs) - by).rs;
    count += by;
  }
  return { olds: sorted, count };
}

/** Scales old ReplicaSets down as far as available pods above the minimum allow, oldest first. */
function scaleDownOld(r: Rollout, all: ReplicaSet[], olds: ReplicaSet[]): number {
  const minAvailable = desired(r.d) - maxUnavailable(r.d);
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let done = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (done >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const by = Math.min(replicasOf(rs), budget - done);
    scaleAndRecord(r, rs, replicasOf(rs) - by);
    done += by;
  }
  return done;
}

function reconcileOld(r: Rollout, all: ReplicaSet[], olds: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpec(olds) === 0) return false;
  const minAvailable = desired(r.d) - maxUnavailable(r.d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const budget = sumSpec(all) - minAvailable - newUnavailable;
  if (budget <= 0) return false;
  const cleaned = cleanupUnhealthy(r, olds, budget);
  const scaled = scaleDownOld(r, [...cleaned.olds, newRS], cleaned.olds);
  return cleaned.count + scaled > 0;
}

/** The ReplicaSet controller has acted on this size: its status counts are about the current spec. */
function caughtUp(rs: ReplicaSet): boolean {
  return (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0);
}

export function rolloutRolling(r: Rollout, rsList: ReplicaSet[]): number | undefined {
  const { newRS, oldRSs } = replicaSetsOf(r, rsList, true);
  if (!newRS) return undefined;
  const status = () => syncRolloutStatus(r, refresh(r, [...oldRSs, newRS]), fresh(r, newRS));
  // Each step waits until the ReplicaSets have carried out the previous one (their status write wakes us). Upstream
  // races here; in one object the wait is free, and pods then never exceed maxSurge nor drop below maxUnavailable.
  if (!refresh(r, [...oldRSs, newRS]).every(caughtUp)) return status();
  if (reconcileNew(r, [...oldRSs, newRS], newRS)) return status();
  const cur = fresh(r, newRS)!;
  if (reconcileOld(r, [...refresh(r, oldRSs), cur], active(refresh(r, oldRSs)), cur)) return status();
  if (deploymentComplete(r.d, r.d.status)) cleanupOldReplicaSets(r, oldRSs);
  return status();
}
