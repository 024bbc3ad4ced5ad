// Resizing a Deployment without a rollout (paused, or replicas changed): the one active ReplicaSet takes the new size,
// or during a rollout every active ReplicaSet grows or shrinks in proportion to its share.
import type { ReplicaSet } from '../../registry/schemas/index.ts';
import { desired, isRollingUpdate, isSaturated, maxSurge, proportion } from './deploy-math.ts';
import { active, annotationInt, byCreation, DESIRED_REPLICAS, replicasOf, sumSpec } from './rs-util.ts';
import { scaleAndRecord, scaleReplicaSet, type Rollout } from './rollout.ts';
import type { Sets } from './new-rs.ts';

/** The only active ReplicaSet, or the newest when none is active; undefined when several are. */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort(byCreation).reverse();
  const live = active([...newestFirst, newRS]);
  if (live.length === 0) return newRS ?? newestFirst[0];
  return live.length === 1 ? live[0] : undefined;
}

/** Larger first; equal sizes put newer first when growing and older first when shrinking. */
function bySize(newerFirst: boolean) {
  return (a: ReplicaSet, b: ReplicaSet) => replicasOf(b) - replicasOf(a) || (newerFirst ? byCreation(b, a) : byCreation(a, b));
}

/** Whether replicas changed since the active ReplicaSets were last sized (their desired-replicas annotation). */
export function isScalingEvent(r: Rollout, sets: Sets): boolean {
  for (const rs of active([...sets.oldRSs, sets.newRS])) {
    const want = annotationInt(rs, DESIRED_REPLICAS);
    if (want !== undefined && want !== desired(r.d)) return true;
  }
  return false;
}

export function scale(r: Rollout, { newRS, oldRSs }: Sets): void {
  const n = desired(r.d);
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (replicasOf(only) !== n) scaleAndRecord(r, only, n);
    return;
  }
  if (isSaturated(r.d, newRS)) {
    for (const old of active(oldRSs)) scaleAndRecord(r, old, 0);
    return;
  }
  if (!isRollingUpdate(r.d)) return;
  const all = active([...oldRSs, newRS]);
  const allowed = n > 0 ? n + maxSurge(r.d) : 0;
  const toAdd = allowed - sumSpec(all);
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : undefined;
  if (toAdd !== 0) all.sort(bySize(toAdd > 0));
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    const p = toAdd !== 0 ? proportion(rs, r.d, toAdd, added) : 0;
    sizes.set(rs.metadata.name!, replicasOf(rs) + p);
    added += p;
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs.metadata.name!)!;
    // Whatever rounding left over goes to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(r, rs, size, operation);
  });
}
