// A ReplicaSet's hands: create the missing pods from its template, delete the surplus in upstream's order.
import type { ReconcileContext } from '../types.ts';
import type { Pod, ReplicaSet } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { controllerRef, ownerRefTo } from './pods.ts';
import { podsToDelete } from './pod-ranking.ts';

export const RS_COMPONENT = 'replicaset-controller';

export interface Failure {
  reason: 'FailedCreate' | 'FailedDelete';
  message: string;
}

export interface Managed {
  /** Active pods once the creates and deletes are done. */
  active: Pod[];
  failure?: Failure;
}

/** Pods created from the template carry its labels, annotations and finalizers, and name the ReplicaSet as controller. */
function podTemplate(rs: ReplicaSet): () => KubeObject {
  const t = rs.spec!.template!;
  const meta = t.metadata ?? {};
  const spec = JSON.stringify(t.spec ?? {});
  const labels = JSON.stringify(meta.labels ?? {});
  const annotations = meta.annotations && Object.keys(meta.annotations).length ? JSON.stringify(meta.annotations) : undefined;
  const finalizers = meta.finalizers?.length ? [...meta.finalizers] : undefined;
  const owner = ownerRefTo(rs as KubeObject);
  return () => {
    const metadata: KubeObject['metadata'] = { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace, labels: JSON.parse(labels) as Record<string, string> };
    if (annotations) metadata.annotations = JSON.parse(annotations) as Record<string, string>;
    if (finalizers) metadata.finalizers = [...finalizers];
    metadata.ownerReferences = [{ ...owner }];
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec: JSON.parse(spec) as unknown };
  };
}

function create(ctx: ReconcileContext, rs: ReplicaSet, active: Pod[], count: number): Managed {
  if (!rs.spec?.template) return { active, failure: { reason: 'FailedCreate', message: 'the ReplicaSet has no pod template' } };
  const next = podTemplate(rs);
  const out = [...active];
  let failure: Failure | undefined;
  // One transaction: a thousand pods reach the log in one write and their watchers after it.
  ctx.store.transaction(() => {
    for (let i = 0; i < count; i++) {
      try {
        const pod = ctx.client.create(next()) as Pod;
        out.push(pod);
        ctx.events.record(rs as KubeObject, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: RS_COMPONENT });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        failure = { reason: 'FailedCreate', message: e.message };
        ctx.events.record(rs as KubeObject, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, { component: RS_COMPONENT });
        break;
      }
    }
  });
  return { active: out, failure };
}

/** All pods of the workload the ReplicaSet belongs to (its siblings under one Deployment), for spreading deletions. */
function relatedPods(ctx: ReconcileContext, rs: ReplicaSet, own: Pod[]): Pod[] {
  const owner = controllerRef(rs);
  if (!owner) return own;
  const out: Pod[] = [];
  for (const sib of ctx.index.dependentsOf(owner.uid)) {
    if (sib.resource !== 'replicasets.apps') continue;
    for (const p of ctx.index.dependentsOf(sib.object.metadata.uid!)) if (p.resource === 'pods' && controllerRef(p.object)?.uid === sib.object.metadata.uid) out.push(p.object as Pod);
  }
  return out;
}

function remove(ctx: ReconcileContext, rs: ReplicaSet, active: Pod[], count: number): Managed {
  const victims = podsToDelete(active, relatedPods(ctx, rs, active), count, ctx.clock.now());
  const gone = new Set<string>();
  let failure: Failure | undefined;
  ctx.store.transaction(() => {
    for (const p of victims) {
      const name = p.metadata.name!;
      try {
        gone.add(name);
        if (ctx.client.delete('v1', 'Pod', p.metadata.namespace, name)) ctx.events.record(rs as KubeObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, { component: RS_COMPONENT });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        gone.delete(name);
        failure = { reason: 'FailedDelete', message: e.message };
        ctx.events.record(rs as KubeObject, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, { component: RS_COMPONENT });
        break;
      }
    }
  });
  return { active: active.filter((p) => !gone.has(p.metadata.name!)), failure };
}

/** Creates or deletes pods until `spec.replicas` are active (upstream's manageReplicas, without its burst limit). */
export function manageReplicas(ctx: ReconcileContext, rs: ReplicaSet, active: Pod[]): Managed {
  const diff = active.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) return create(ctx, rs, active, -diff);
  if (diff > 0) return remove(ctx, rs, active, diff);
  return { active };
}
