// One Deployment sync in progress: the working copy, and the writes every strategy shares (status, scaling a ReplicaSet).
import type { ReconcileContext, ReconcileResult } from '../types.ts';
import type { Deployment, ReplicaSet } from '../../registry/schemas/index.ts';
import type { EventType } from '../events.ts';
import type { KubeObject } from '../../types.ts';
import { clone } from '../../util.ts';
import { desired, maxSurge } from './deploy-math.ts';
import { DESIRED_REPLICAS, MAX_REPLICAS, replicasOf } from './rs-util.ts';

export const DEPLOY_COMPONENT = 'deployment-controller';
const RS_RESOURCE = 'replicasets.apps';
const NO_DEADLINE = 2147483647;

export interface Rollout {
  ctx: ReconcileContext;
  /** Private copy of the Deployment; status and revision edits collect here until `writeStatus`. */
  d: Deployment;
  now: number;
}

/** Ends the sync early (a hash collision was recorded; the status write brings the Deployment back). */
export class Halt {
  constructor(readonly result?: ReconcileResult) {}
}

export function event(r: Rollout, type: EventType, reason: string, message: string): void {
  r.ctx.events.record(r.d as KubeObject, type, reason, message, { component: DEPLOY_COMPONENT });
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== NO_DEADLINE;
}

/** Writes status (and the revision annotation, which travels with it) and keeps the working copy current. */
export function writeStatus(r: Rollout): void {
  r.d = clone(r.ctx.client.updateStatus(clone(r.d) as KubeObject)) as Deployment;
}

/** The current stored version of a ReplicaSet (after this sync's own writes), or undefined once it is gone. */
export function fresh(r: Rollout, rs: ReplicaSet | undefined): ReplicaSet | undefined {
  if (!rs) return undefined;
  const cur = r.ctx.store.get(RS_RESOURCE, rs.metadata.namespace ?? '', rs.metadata.name!) as ReplicaSet | undefined;
  return cur && cur.metadata.uid === rs.metadata.uid ? cur : undefined;
}

export function refresh(r: Rollout, rss: ReadonlyArray<ReplicaSet | undefined>): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const rs of rss) {
    const cur = fresh(r, rs);
    if (cur) out.push(cur);
  }
  return out;
}

/** Reads the ReplicaSet afresh, edits and writes it; returns the stored result. */
export function updateReplicaSet(r: Rollout, rs: ReplicaSet, edit: (copy: ReplicaSet) => void): ReplicaSet {
  const copy = r.ctx.client.read<KubeObject>('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!) as ReplicaSet | undefined;
  if (!copy || copy.metadata.uid !== rs.metadata.uid) throw new Error(`replicaset ${rs.metadata.name} changed identity during a sync`);
  edit(copy);
  return r.ctx.client.update(copy as KubeObject) as ReplicaSet;
}

function replicaAnnotations(r: Rollout): [string, string] {
  return [String(desired(r.d)), String(desired(r.d) + maxSurge(r.d))];
}

/** Stamps desired/max replicas annotations (proportional scaling reads them); true when they changed. */
export function setReplicaAnnotations(r: Rollout, rs: ReplicaSet): boolean {
  const [want, max] = replicaAnnotations(r);
  const a = (rs.metadata.annotations ??= {});
  if (a[DESIRED_REPLICAS] === want && a[MAX_REPLICAS] === max) return false;
  a[DESIRED_REPLICAS] = want;
  a[MAX_REPLICAS] = max;
  return true;
}

export interface Scaled {
  scaled: boolean;
  rs: ReplicaSet;
}

/** Sets a ReplicaSet's size (and the replica annotations), recording ScalingReplicaSet when the size moved. */
export function scaleReplicaSet(r: Rollout, rs: ReplicaSet, size: number, operation: 'up' | 'down' | undefined): Scaled {
  const from = replicasOf(rs);
  const [want, max] = replicaAnnotations(r);
  const a = rs.metadata.annotations ?? {};
  if (from === size && a[DESIRED_REPLICAS] === want && a[MAX_REPLICAS] === max) return { scaled: false, rs };
  const out = updateReplicaSet(r, rs, (c) => {
    c.spec!.replicas = size;
    setReplicaAnnotations(r, c);
  });
  if (from === size) return { scaled: false, rs: out };
  const verb = operation === 'up' ? 'Scaled up' : operation === 'down' ? 'Scaled down' : 'Scaled';
  event(r, 'Normal', 'ScalingReplicaSet', `${verb} replica set ${rs.metadata.name} from ${from} to ${size}`);
  return { scaled: true, rs: out };
}

/** Scales only when the size differs, choosing the event's direction from the change. */
export function scaleAndRecord(r: Rollout, rs: ReplicaSet, size: number): Scaled {
  if (replicasOf(rs) === size) return { scaled: false, rs };
  return scaleReplicaSet(r, rs, size, replicasOf(rs) < size ? 'up' : 'down');
}
