// Pod and owner facts the workload controllers share: controller references, active, ready and available pods.
import type { Pod } from '../../registry/schemas/index.ts';
import type { KubeObject, OwnerReference } from '../../types.ts';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The owner reference that says who manages the object (at most one has controller: true). */
export function controllerRef(o: { metadata: { ownerReferences?: OwnerReference[] | undefined } } | undefined): OwnerReference | undefined {
  return o?.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** A controller reference to `owner`, as its controller sets on what it creates or adopts. */
export function ownerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Is this reference to a kind of the apps group (the group moved over the years; the kind decides). */
export function refersTo(ref: OwnerReference | undefined, kind: 'ReplicaSet' | 'Deployment'): ref is OwnerReference {
  return ref !== undefined && ref.kind === kind && (ref.apiVersion === 'apps/v1' || ref.apiVersion.startsWith('apps/') || ref.apiVersion.startsWith('extensions/'));
}

/** Counts toward replicas: not on its way out, not finished. */
export function isActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

function readyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** When the pod last turned Ready (ms), if it is ready. */
export function readySince(p: Pod): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/**
 * The moment a ready pod counts as available: strictly after `minReadySeconds` of readiness, as upstream compares.
 * Undefined when the pod is not ready; -Infinity when no wait applies.
 */
export function availableFrom(p: Pod, minReadySeconds: number): number | undefined {
  if (!isReady(p)) return undefined;
  if (!minReadySeconds) return -Infinity;
  const since = readySince(p);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

export function isAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const at = availableFrom(p, minReadySeconds);
  return at !== undefined && at <= now;
}

export function maxRestarts(p: Pod): number {
  let n = 0;
  for (const c of p.status?.containerStatuses ?? []) n = Math.max(n, c.restartCount ?? 0);
  return n;
}

/** metadata.creationTimestamp in ms (0 when missing, which sorts as oldest). */
export function createdAt(o: KubeObject): number {
  const t = o.metadata.creationTimestamp;
  return t ? Date.parse(t) : 0;
}
