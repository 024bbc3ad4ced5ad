// ReplicaSet controller: keeps `spec.replicas` active pods matching the selector, adopting orphans and releasing strays.
import type { Controller, ReconcileContext } from './types.ts';
import { splitKey } from './types.ts';
import type { Pod, ReplicaSet } from '../registry/schemas/index.ts';
import type { KubeObject } from '../types.ts';
import type { ChangeEvent } from '../store/types.ts';
import { ApiError } from '../apiserver/errors.ts';
import { fromLabelSelectorSpec, matchesLabels, type LabelSelector } from '../apiserver/selectors.ts';
import { deepEqual, clone } from '../util.ts';
import { claim } from './workloads/claim.ts';
import { orphanPods } from './workloads/orphans.ts';
import { controllerRef, isActive, refersTo } from './workloads/pods.ts';
import { manageReplicas, RS_COMPONENT, type Failure } from './workloads/rs-pods.ts';
import { replicaSetStatus } from './workloads/rs-status.ts';

const RESOURCE = 'replicasets.apps';
const FAILURE_RETRY_MIN_MS = 1_000;
const FAILURE_RETRY_MAX_MS = 60_000;

function selectorOf(rs: ReplicaSet): LabelSelector | undefined {
  try {
    return fromLabelSelectorSpec(rs.spec?.selector);
  } catch (e) {
    if (e instanceof ApiError) return undefined;
    throw e;
  }
}

/** ReplicaSets of the namespace that would adopt an orphan pod with these labels. */
function selecting(ctx: ReconcileContext, namespace: string, labels: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const { object } of ctx.store.list(RESOURCE, namespace)) {
    const sel = selectorOf(object as ReplicaSet);
    if (sel?.length && matchesLabels(sel, labels)) out.push(`${namespace}/${object.metadata.name}`);
  }
  return out;
}

/** Which ReplicaSets a pod change concerns: its controller (old and new), or for an orphan every one selecting it. */
function keysForPod(e: ChangeEvent, ctx: ReconcileContext): string[] {
  const ns = e.key.namespace;
  const cur = controllerRef(e.object);
  const curKey = refersTo(cur, 'ReplicaSet') ? `${ns}/${cur.name}` : undefined;
  if (e.type === 'DELETED') return curKey ? [curKey] : [];
  const prev = e.prev ? controllerRef(e.prev) : undefined;
  const keys: string[] = [];
  if (refersTo(prev, 'ReplicaSet') && prev.uid !== cur?.uid) keys.push(`${ns}/${prev.name}`);
  if (curKey) keys.push(curKey);
  else if (!cur && (e.type === 'ADDED' || prev || !deepEqual(e.prev?.metadata.labels, e.object.metadata.labels))) keys.push(...selecting(ctx, ns, e.object.metadata.labels));
  return keys;
}

/** Retry a failing create or delete with a delay that doubles with the age of the failure. */
function failureRetry(rs: ReplicaSet, now: number): number {
  const since = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure')?.lastTransitionTime;
  const age = since ? now - Date.parse(since) : 0;
  return Math.min(FAILURE_RETRY_MAX_MS, Math.max(FAILURE_RETRY_MIN_MS, age));
}

export const replicaSet = {
  name: 'replicaSet',
  watches: [RESOURCE, 'pods'],
  keysFor: (e, ctx) => (e.key.resource === 'pods' ? keysForPod(e, ctx) : [`${e.key.namespace}/${e.key.name}`]),
  resync: (ctx) => ctx.store.list(RESOURCE).map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const rs = ctx.store.get(RESOURCE, ns, name) as ReplicaSet | undefined;
    if (!rs) return;
    const sel = selectorOf(rs);
    if (!sel?.length) {
      ctx.events.record(rs as KubeObject, 'Warning', 'InvalidSelector', 'The ReplicaSet has an empty or invalid selector; it manages no pods.', { component: RS_COMPONENT });
      return;
    }
    if (rs.spec?.template && !matchesLabels(sel, rs.spec.template.metadata?.labels)) {
      // Pods from this template would never be counted: creating them would never end.
      ctx.events.record(rs as KubeObject, 'Warning', 'InvalidSpec', 'The selector does not match the template labels.', { component: RS_COMPONENT });
      return;
    }
    const uid = rs.metadata.uid!;
    const candidates: KubeObject[] = [];
    for (const d of ctx.index.dependentsOf(uid)) if (d.resource === 'pods') candidates.push(d.object);
    candidates.push(...orphanPods(ctx.store, ns));
    const pods = claim(ctx, rs as KubeObject, candidates, (p) => matchesLabels(sel, p.metadata.labels)) as Pod[];
    let active = pods.filter(isActive);
    let failure: Failure | undefined;
    if (!rs.metadata.deletionTimestamp) ({ active, failure } = manageReplicas(ctx, rs, active));

    const now = ctx.clock.now();
    const { status, nextAvailableAt } = replicaSetStatus(rs, active, failure, now);
    if (!deepEqual(rs.status, status)) {
      const copy = clone(rs);
      copy.status = status;
      ctx.client.updateStatus(copy as KubeObject);
    }
    if (failure) return { requeueAfterMs: failureRetry(rs, now) };
    if (nextAvailableAt !== undefined) return { requeueAfterMs: nextAvailableAt - now };
  },
} satisfies Controller;
