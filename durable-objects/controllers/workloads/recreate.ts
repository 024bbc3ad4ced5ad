// Recreate: scale every old ReplicaSet to zero, wait until none of their pods runs, then bring the new one up at once.
import type { ReplicaSet } from '../../registry/schemas/index.ts';
import type { Pod } from '../../registry/schemas/index.ts';
import { desired } from './deploy-math.ts';
import { active, sumStatus } from './rs-util.ts';
import { controllerRef } from './pods.ts';
import { fresh, refresh, scaleAndRecord, type Rollout } from './rollout.ts';
import { replicaSetsOf } from './new-rs.ts';
import { deploymentComplete, syncRolloutStatus } from './deploy-status.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';

/** Any pod of an old ReplicaSet that has not finished, terminating ones included, blocks the new pods. */
function oldPodsRunning(r: Rollout, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const rs of oldRSs) {
    if (rs.metadata.uid === newRS?.metadata.uid) continue;
    for (const dep of r.ctx.index.dependentsOf(rs.metadata.uid!)) {
      if (dep.resource !== 'pods' || controllerRef(dep.object)?.uid !== rs.metadata.uid) continue;
      const phase = (dep.object as Pod).status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

export function rolloutRecreate(r: Rollout, rsList: ReplicaSet[]): number | undefined {
  let { newRS, oldRSs } = replicaSetsOf(r, rsList, false);
  const status = () => syncRolloutStatus(r, refresh(r, [...oldRSs, newRS]), fresh(r, newRS));
  let scaledDown = false;
  for (const rs of active(oldRSs)) scaledDown = scaleAndRecord(r, rs, 0).scaled || scaledDown;
  if (scaledDown) return status();
  if (oldPodsRunning(r, newRS, refresh(r, oldRSs))) return status();
  if (!newRS) ({ newRS, oldRSs } = replicaSetsOf(r, rsList, true));
  if (!newRS) return undefined;
  scaleAndRecord(r, newRS, desired(r.d));
  if (deploymentComplete(r.d, r.d.status)) cleanupOldReplicaSets(r, oldRSs);
  return status();
}
