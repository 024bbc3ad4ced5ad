// revisionHistoryLimit: old ReplicaSets scaled to zero beyond the limit are deleted, lowest revision first.
import type { ReplicaSet } from '../../registry/schemas/index.ts';
import { byCreation, replicasOf, revisionOf } from './rs-util.ts';
import { refresh, type Rollout } from './rollout.ts';

function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  return ra && rb && ra !== rb ? ra - rb : byCreation(a, b);
}

export function cleanupOldReplicaSets(r: Rollout, oldRSs: ReplicaSet[]): void {
  const limit = r.d.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = refresh(r, oldRSs).filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, excess)) {
    // Only ReplicaSets that are truly empty, and whose emptiness their controller has seen, may go.
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    r.ctx.client.delete('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
  }
}
