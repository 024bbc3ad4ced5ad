// Reading a Deployment's ReplicaSets: revisions, the new one (same template), sums of replicas, upstream's sort orders.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../registry/schemas/index.ts';
import { deepEqual } from '../../util.ts';
import { createdAt, POD_TEMPLATE_HASH } from './pods.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** Deployment annotations that are not copied to its ReplicaSets (they are the controller's own or apply's). */
export const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

export function replicasOf(rs: ReplicaSet | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

export function revisionOf(rs: ReplicaSet): number {
  const v = rs.metadata.annotations?.[REVISION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs));
  return max;
}

/** A template compared without the hash label; empty label and annotation maps and empty lists count as absent. */
function normalized(t: PodTemplateSpec | undefined): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length ? v.map(strip) : undefined;
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const s = strip(x);
        if (s !== undefined) out[k] = s;
      }
      return out;
    }
    return v ?? undefined;
  };
  const copy = strip(t ?? {}) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  const m = copy.metadata;
  if (m) {
    if (m.labels) {
      delete m.labels[POD_TEMPLATE_HASH];
      if (!Object.keys(m.labels).length) delete m.labels;
    }
    if (m.annotations && !Object.keys(m.annotations).length) delete m.annotations;
    if (!Object.keys(m).length) delete copy.metadata;
  }
  return copy;
}

export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(normalized(a), normalized(b));
}

/** Oldest first; the name breaks ties. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return createdAt(a) - createdAt(b) || (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);
}

/** The ReplicaSet running the Deployment's current template: the oldest one if several do. */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function active(rss: ReadonlyArray<ReplicaSet | undefined>): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

export function sumSpec(rss: ReadonlyArray<ReplicaSet | undefined>): number {
  let n = 0;
  for (const rs of rss) n += replicasOf(rs);
  return n;
}

export function sumStatus(rss: ReadonlyArray<ReplicaSet | undefined>, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  let n = 0;
  for (const rs of rss) n += rs?.status?.[field] ?? 0;
  return n;
}

export function annotationInt(rs: ReplicaSet | undefined, key: string): number | undefined {
  const v = rs?.metadata.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}
