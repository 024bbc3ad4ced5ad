// A Deployment's ReplicaSets as kubectl's deployment util finds them: owned by its controller reference, the new one
// being the oldest whose template equals the Deployment's (ignoring pod-template-hash).
import type { KubeObject } from '../types.ts';
import type { Ctx } from './context.ts';
import { formatSelector } from './describe/containers.ts';

export type Obj = KubeObject & Record<string, any>;

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';

/** Semantic equality: like deepEqual, but empty maps and lists equal absent ones (apiequality.Semantic). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length);
  if (empty(a) && empty(b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => semanticEqual(x, (b as unknown[])[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ao), ...Object.keys(bo)])].every((k) => semanticEqual(ao[k], bo[k]));
}

export function withoutHash(template: Obj | undefined): Obj {
  const t = JSON.parse(JSON.stringify(template ?? {})) as Obj;
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return t;
}

export function templatesEqual(a: Obj | undefined, b: Obj | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

export function revisionOf(o: KubeObject): number {
  const v = o.metadata.annotations?.[REVISION];
  return v === undefined ? 0 : Number(v);
}

export interface DeploymentReplicaSets {
  newRS: Obj | undefined;
  /** Every other owned ReplicaSet, oldest first. */
  oldRSs: Obj[];
}

export async function replicaSetsOf(ctx: Ctx, d: Obj): Promise<DeploymentReplicaSets> {
  const rsKind = ctx.registry.lookup('apps', 'v1', 'replicasets')!;
  const sel = formatSelector(d.spec?.selector);
  const list = await ctx.client.list(rsKind, d.metadata.namespace, { labelSelector: sel === '<none>' ? undefined : sel });
  const owned = (list.items as Obj[]).filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  owned.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? '');
    const tb = Date.parse(b.metadata.creationTimestamp ?? '');
    return ta !== tb ? ta - tb : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
  const newRS = owned.find((rs) => templatesEqual(rs.spec?.template, d.spec?.template));
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}
