// The scheduler's default spreading (PodTopologySpread's system default constraints apply to pods without constraints
// of their own): which pods a pod is spread with. Upstream groups a pod with the pods selected by the Services that
// select it and by its controller; a controller not (yet) in the store still groups its own pods, by owner uid.
import type { ReplicaSet, Service } from '../../../registry/schemas/index.ts';
import { fromLabelSelectorSpec, matchesLabels, type LabelSelector, type LabelSelectorSpec } from '../../../apiserver/selectors.ts';
import type { Cycle } from '../framework.ts';
import type { PodInfo } from '../pod-info.ts';

/** Which existing pods count, and a key naming exactly that choice (for the cache's counters). */
export interface Matcher {
  key: string;
  match: (p: PodInfo) => boolean;
}

/** Pods of `ns`, not being deleted, matching `sel` (an absent selector matches none). */
export function selectorMatcher(ns: string, sel: LabelSelector | undefined): Matcher {
  return {
    key: `sel|${ns}|${JSON.stringify(sel ?? null)}`,
    match: (p) => sel !== undefined && p.namespace === ns && !p.terminating && matchesLabels(sel, p.labels),
  };
}

/** The union of the selectors of the Services selecting the pod and of its ReplicaSet, StatefulSet or ReplicationController. */
export function defaultSpreadMatcher(cycle: Cycle): Matcher | undefined {
  const pod = cycle.pod;
  const ns = pod.namespace;
  const merged: Record<string, string> = {};
  for (const e of cycle.store.list('services', ns)) {
    const sel = (e.object as Service).spec?.selector;
    if (sel && Object.keys(sel).length && Object.entries(sel).every(([k, v]) => pod.labels[k] === v)) Object.assign(merged, sel);
  }
  const reqs: LabelSelector = Object.entries(merged)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, v]) => ({ key, op: 'Equals', values: [v] }));
  const owner = pod.pod.metadata.ownerReferences?.find((r) => r.controller);
  const group = owner?.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
  let orphanOwner = false;
  if (owner && group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const o = cycle.store.get(owner.kind === 'ReplicaSet' ? 'replicasets.apps' : 'statefulsets.apps', ns, owner.name) as ReplicaSet | undefined;
    let sel: LabelSelector | undefined;
    try {
      sel = fromLabelSelectorSpec(o?.spec?.selector as LabelSelectorSpec | undefined);
    } catch {
      sel = undefined;
    }
    if (sel) reqs.push(...sel);
    else orphanOwner = !o;
  } else if (owner && group === '' && owner.kind === 'ReplicationController') {
    const rc = cycle.store.get('replicationcontrollers', ns, owner.name) as { spec?: { selector?: Record<string, string> } } | undefined;
    for (const [key, v] of Object.entries(rc?.spec?.selector ?? {})) reqs.push({ key, op: 'Equals', values: [v] });
    orphanOwner = !rc;
  }
  if (reqs.length) return selectorMatcher(ns, reqs);
  if (orphanOwner && owner) return { key: `owner|${owner.uid}`, match: (p) => p.controllerUid === owner.uid && p.namespace === ns && !p.terminating };
  return undefined;
}
