// Rollout arithmetic: maxSurge and maxUnavailable resolved against replicas, and how big the new ReplicaSet may grow.
import type { Deployment, ReplicaSet } from '../../registry/schemas/index.ts';
import { annotationInt, DESIRED_REPLICAS, MAX_REPLICAS, replicasOf, sumSpec } from './rs-util.ts';

/** An int-or-percent against a total: percentages round up (surge) or down (unavailable). Throws on a malformed value. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: ${JSON.stringify(v)} is not a percentage`);
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function desired(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** [surge, unavailable]; both zero would deadlock a rollout, so unavailable becomes 1 (validation refuses it anyway). */
function fenceposts(d: Deployment): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  const n = desired(d);
  const surge = scaledValue(ru?.maxSurge ?? '25%', n, true);
  const unavailable = scaledValue(ru?.maxUnavailable ?? '25%', n, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

export function maxUnavailable(d: Deployment): number {
  const n = desired(d);
  if (!isRollingUpdate(d) || n === 0) return 0;
  return Math.min(fenceposts(d)[1], n);
}

/** Replicas the new ReplicaSet may have now: up to replicas + maxSurge pods in all (Recreate: all at once). */
export function newRSReplicas(d: Deployment, all: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return desired(d);
  const current = sumSpec(all);
  const maxTotal = desired(d) + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, desired(d) - replicasOf(newRS));
}

/** The new ReplicaSet has taken over completely: scaled to the desired count, annotated so, and all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const n = desired(d);
  return replicasOf(rs) === n && annotationInt(rs, DESIRED_REPLICAS) === n && (rs.status?.availableReplicas ?? 0) === n;
}

/** Go's math.Round: halves away from zero. */
function round(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** This ReplicaSet's share of a resize, in proportion to the size it had when the Deployment was last sized. */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (desired(d) === 0) fraction = -replicasOf(rs);
  else {
    const annotated = annotationInt(rs, MAX_REPLICAS) ?? d.status?.replicas ?? 0;
    fraction = annotated ? round((replicasOf(rs) * (desired(d) + maxSurge(d))) / annotated) - replicasOf(rs) : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
