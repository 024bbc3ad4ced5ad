// InterPodAffinity: required pod affinity puts a pod in a topology domain (node, zone...) that already runs matching
// pods; required anti-affinity, the pod's own or an existing pod's, keeps it out of domains that do. Preferred terms
// (and existing pods' terms towards this pod) add or subtract their weight per domain.
import { matchesLabels } from '../../../apiserver/selectors.ts';
import { MAX_NODE_SCORE, cycleState, unresolvable, unschedulable, type Cycle, type FilterPlugin, type ScorePlugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import { termMatches, type AffinityTerm, type PodInfo } from '../pod-info.ts';

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** A namespaceSelector turned into the namespaces it selects now, so matching depends on the pod alone. */
function resolve(cycle: Cycle, t: AffinityTerm): AffinityTerm {
  if (!t.namespaceSelector) return t;
  const namespaces = new Set(t.namespaces);
  for (const e of cycle.store.list('namespaces')) if (matchesLabels(t.namespaceSelector, e.object.metadata.labels ?? {})) namespaces.add(e.object.metadata.name!);
  return { ...t, namespaces, namespaceSelector: undefined };
}

function termsKey(terms: readonly AffinityTerm[]): string {
  return `aff|${JSON.stringify(terms.map((t) => [t.selector ?? null, [...t.namespaces].sort()]))}`;
}

const noNsLabels = () => undefined;

/** Existing pods matching all of `terms`, per node. */
function countsFor(cycle: Cycle, terms: readonly AffinityTerm[]): ReadonlyMap<string, number> {
  return cycle.cache.counts(termsKey(terms), (p: PodInfo) => terms.every((t) => termMatches(t, p, noNsLabels)));
}

interface FilterState {
  affinity: AffinityTerm[];
  /** Domains with pods matching all required affinity terms. */
  affinityCounts: Map<string, number>;
  antiAffinity: AffinityTerm[];
  antiAffinityCounts: Map<string, number>;
  /** Domains where an existing pod's required anti-affinity selects this pod. */
  existingAntiCounts: Map<string, number>;
}

const filterState = cycleState<FilterState>();

function addTo(m: Map<string, number>, k: string, n: number): void {
  if (n > 0) m.set(k, (m.get(k) ?? 0) + n);
}

export const interPodAffinity = {
  name: 'InterPodAffinity',
  preFilter(cycle) {
    const pod = cycle.pod;
    const s: FilterState = {
      affinity: pod.requiredAffinity.map((t) => resolve(cycle, t)),
      affinityCounts: new Map(),
      antiAffinity: pod.requiredAntiAffinity.map((t) => resolve(cycle, t)),
      antiAffinityCounts: new Map(),
      existingAntiCounts: new Map(),
    };
    for (const [p, n] of cycle.cache.podsWithAffinity()) {
      for (const t of p.requiredAntiAffinity) {
        const v = n.labels[t.topologyKey];
        if (v !== undefined && termMatches(t, pod, (ns) => cycle.nsLabels(ns))) addTo(s.existingAntiCounts, pair(t.topologyKey, v), 1);
      }
    }
    if (s.affinity.length) {
      const counts = countsFor(cycle, s.affinity);
      for (const node of cycle.nodes) {
        const c = counts.get(node.name) ?? 0;
        for (const t of s.affinity) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined) addTo(s.affinityCounts, pair(t.topologyKey, v), c);
        }
      }
    }
    for (const t of s.antiAffinity) {
      const counts = countsFor(cycle, [t]);
      for (const node of cycle.nodes) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined) addTo(s.antiAffinityCounts, pair(t.topologyKey, v), counts.get(node.name) ?? 0);
      }
    }
    filterState.set(cycle, s);
    return undefined;
  },
  filter(cycle, node) {
    const s = filterState.get(cycle)!;
    if (s.affinity.length) {
      let podsExist = true;
      for (const t of s.affinity) {
        const v = node.labels[t.topologyKey];
        if (v === undefined) return unresolvable(ERR_AFFINITY);
        if (!s.affinityCounts.has(pair(t.topologyKey, v))) podsExist = false;
      }
      // The first pod of a group with affinity to itself may go anywhere the topology exists, or it would wait forever.
      const selfStart = !s.affinityCounts.size && s.affinity.every((t) => termMatches(t, cycle.pod, noNsLabels));
      if (!podsExist && !selfStart) return unresolvable(ERR_AFFINITY);
    }
    for (const t of s.antiAffinity) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined && s.antiAffinityCounts.has(pair(t.topologyKey, v))) return unschedulable(ERR_ANTI_AFFINITY);
    }
    if (s.existingAntiCounts.size) {
      for (const [k, v] of Object.entries(node.labels)) if (s.existingAntiCounts.has(pair(k, v))) return unschedulable(ERR_EXISTING_ANTI_AFFINITY);
    }
    return undefined;
  },
} satisfies FilterPlugin;

/** Weight given to an existing pod's required affinity towards the incoming pod (upstream's hardPodAffinityWeight). */
const HARD_POD_AFFINITY_WEIGHT = 1;

const scoreState = cycleState<Map<string, Map<string, number>>>();

function bump(scores: Map<string, Map<string, number>>, key: string, value: string, w: number): void {
  let m = scores.get(key);
  if (!m) scores.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + w);
}

export const interPodAffinityScore = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(cycle) {
    const pod = cycle.pod;
    const scores = new Map<string, Map<string, number>>();
    const preferred: Array<[AffinityTerm, number]> = [
      ...pod.preferredAffinity.map((t): [AffinityTerm, number] => [resolve(cycle, t), t.weight]),
      ...pod.preferredAntiAffinity.map((t): [AffinityTerm, number] => [resolve(cycle, t), -t.weight]),
    ];
    for (const [t, w] of preferred) {
      const counts = countsFor(cycle, [t]);
      for (const node of cycle.nodes) {
        const v = node.labels[t.topologyKey];
        const c = counts.get(node.name) ?? 0;
        if (v !== undefined && c) bump(scores, t.topologyKey, v, w * c);
      }
    }
    let any = preferred.length > 0;
    const nsLabels = (ns: string) => cycle.nsLabels(ns);
    const apply = (n: NodeInfo, t: AffinityTerm, w: number) => {
      const v = n.labels[t.topologyKey];
      if (v !== undefined && termMatches(t, pod, nsLabels)) bump(scores, t.topologyKey, v, w);
    };
    for (const [p, n] of cycle.cache.podsWithAffinity()) {
      any = true;
      for (const t of p.requiredAffinity) apply(n, t, HARD_POD_AFFINITY_WEIGHT);
      for (const t of p.preferredAffinity) apply(n, t, t.weight);
      for (const t of p.preferredAntiAffinity) apply(n, t, -t.weight);
    }
    scoreState.set(cycle, scores);
    return any;
  },
  score(cycle, node) {
    let s = 0;
    for (const [k, m] of scoreState.get(cycle)!) {
      const v = node.labels[k];
      if (v !== undefined) s += m.get(v) ?? 0;
    }
    return s;
  },
  normalize(_cycle, _feasible, scores) {
    const min = Math.min(...scores);
    const diff = Math.max(...scores) - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? (MAX_NODE_SCORE * (scores[i]! - min)) / diff : 0;
  },
} satisfies ScorePlugin;
