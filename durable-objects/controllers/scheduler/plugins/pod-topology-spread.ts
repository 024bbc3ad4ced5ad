// PodTopologySpread: DoNotSchedule constraints keep the number of matching pods per topology domain within maxSkew of
// the least loaded domain; ScheduleAnyway constraints (and, for pods without constraints of their own, the default
// spreading of a Service's or ReplicaSet's pods over nodes and zones) prefer less loaded domains.
import type { Pod, TopologySpreadConstraint } from '../../../registry/schemas/index.ts';
import { fromLabelSelectorSpec, matchesLabels, type LabelSelector, type LabelSelectorSpec } from '../../../apiserver/selectors.ts';
import { MAX_NODE_SCORE, cycleState, unresolvable, unschedulable, type Cycle, type FilterPlugin, type ScorePlugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import type { PodInfo } from '../pod-info.ts';
import { requiredNodeAffinityMatches } from './node-affinity.ts';
import { DO_NOT_SCHEDULE, untoleratedTaint } from './taint-toleration.ts';
import { defaultSpreadMatcher, selectorMatcher } from './default-spread.ts';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

export const ERR_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_MISSING_LABEL = `${ERR_CONSTRAINTS} (missing required label)`;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  hard: boolean;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
  /** Which pods count (in the pod's namespace, not being deleted), and the cache key of that matcher. */
  key: string;
  match: (p: PodInfo) => boolean;
  selfMatch: boolean;
}

function fromSpec(pod: PodInfo, c: TopologySpreadConstraint): Constraint {
  let sel: LabelSelector | undefined;
  try {
    sel = fromLabelSelectorSpec(c.labelSelector as LabelSelectorSpec | undefined);
  } catch {
    sel = undefined;
  }
  if (sel) for (const k of c.matchLabelKeys ?? []) if (k in pod.labels) sel = [...sel, { key: k, op: 'In', values: [pod.labels[k]!] }];
  const m = selectorMatcher(pod.namespace, sel);
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    hard: c.whenUnsatisfiable === 'DoNotSchedule',
    minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: c.nodeTaintsPolicy === 'Honor',
    key: m.key,
    match: m.match,
    selfMatch: sel !== undefined && matchesLabels(sel, pod.labels),
  };
}

const constraintsState = cycleState<{ list: Constraint[]; systemDefaulted: boolean }>();

function constraints(cycle: Cycle): { list: Constraint[]; systemDefaulted: boolean } {
  const cached = constraintsState.get(cycle);
  if (cached) return cached;
  const own = cycle.pod.pod.spec?.topologySpreadConstraints ?? [];
  if (own.length) return constraintsState.set(cycle, { list: own.map((c) => fromSpec(cycle.pod, c)), systemDefaulted: false });
  const m = defaultSpreadMatcher(cycle);
  if (!m) return constraintsState.set(cycle, { list: [], systemDefaulted: true });
  const soft = (topologyKey: string, maxSkew: number): Constraint => ({ maxSkew, topologyKey, hard: false, minDomains: 1, honorAffinity: true, honorTaints: false, key: m.key, match: m.match, selfMatch: m.match(cycle.pod) });
  return constraintsState.set(cycle, { list: [soft(HOSTNAME, 3), soft(ZONE, 5)], systemDefaulted: true });
}

function hasAllKeys(node: NodeInfo, list: readonly Constraint[]): boolean {
  return list.every((c) => c.topologyKey in node.labels);
}

function included(pod: Pod, node: NodeInfo, c: Constraint): boolean {
  if (c.honorAffinity && !requiredNodeAffinityMatches(pod, node)) return false;
  if (c.honorTaints && untoleratedTaint(node.taints, pod.spec?.tolerations, DO_NOT_SCHEDULE)) return false;
  return true;
}

interface FilterState {
  hard: Constraint[];
  /** Per hard constraint: domain value -> matching pods. */
  domains: Array<Map<string, number>>;
  minMatch: number[];
}

const filterState = cycleState<FilterState>();

export const podTopologySpread = {
  name: 'PodTopologySpread',
  preFilter(cycle) {
    const hard = constraints(cycle).list.filter((c) => c.hard);
    const domains = hard.map(() => new Map<string, number>());
    if (hard.length) {
      const counts = hard.map((c) => cycle.cache.counts(c.key, c.match));
      for (const node of cycle.nodes) {
        if (!hasAllKeys(node, hard)) continue;
        hard.forEach((c, i) => {
          if (!included(cycle.pod.pod, node, c)) return;
          const v = node.labels[c.topologyKey]!;
          domains[i]!.set(v, (domains[i]!.get(v) ?? 0) + (counts[i]!.get(node.name) ?? 0));
        });
      }
    }
    const minMatch = hard.map((c, i) => (domains[i]!.size < c.minDomains ? 0 : Math.min(...domains[i]!.values())));
    filterState.set(cycle, { hard, domains, minMatch });
    return undefined;
  },
  filter(cycle, node) {
    const s = filterState.get(cycle);
    if (!s?.hard.length) return undefined;
    for (let i = 0; i < s.hard.length; i++) {
      const c = s.hard[i]!;
      const v = node.labels[c.topologyKey];
      if (v === undefined) return unresolvable(ERR_MISSING_LABEL);
      const skew = (s.domains[i]!.get(v) ?? 0) + (c.selfMatch ? 1 : 0) - s.minMatch[i]!;
      if (skew > c.maxSkew) return unschedulable(ERR_CONSTRAINTS);
    }
    return undefined;
  },
} satisfies FilterPlugin;

interface ScoreState {
  soft: Constraint[];
  counts: Array<ReadonlyMap<string, number>>;
  /** Per soft constraint (not hostname): domain value -> matching pods. */
  domains: Array<Map<string, number>>;
  weights: number[];
  ignored: Set<string>;
}

const scoreState = cycleState<ScoreState>();

export const podTopologySpreadScore = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(cycle, feasible) {
    const { list, systemDefaulted } = constraints(cycle);
    const soft = list.filter((c) => !c.hard);
    if (!soft.length) return false;
    const requireAll = !systemDefaulted;
    const ignored = new Set<string>();
    const domains = soft.map(() => new Map<string, number>());
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node, soft)) {
        ignored.add(node.name);
        continue;
      }
      soft.forEach((c, i) => {
        const v = node.labels[c.topologyKey];
        if (c.topologyKey !== HOSTNAME && v !== undefined) domains[i]!.set(v, 0);
      });
    }
    // Domains are those of feasible nodes, but their pods are counted on every node of the domain.
    const counts = soft.map((c) => cycle.cache.counts(c.key, c.match));
    for (const node of cycle.nodes) {
      if (requireAll && !hasAllKeys(node, soft)) continue;
      soft.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME || !included(cycle.pod.pod, node, c)) return;
        const v = node.labels[c.topologyKey];
        const d = domains[i]!;
        if (v !== undefined && d.has(v)) d.set(v, d.get(v)! + (counts[i]!.get(node.name) ?? 0));
      });
    }
    const weights = soft.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : domains[i]!.size) + 2));
    scoreState.set(cycle, { soft, counts, domains, weights, ignored });
    return true;
  },
  score(cycle, node) {
    const s = scoreState.get(cycle)!;
    if (s.ignored.has(node.name)) return 0;
    let score = 0;
    s.soft.forEach((c, i) => {
      const v = node.labels[c.topologyKey];
      if (v === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? (s.counts[i]!.get(node.name) ?? 0) : (s.domains[i]!.get(v) ?? 0);
      score += cnt * s.weights[i]! + (c.maxSkew - 1);
    });
    return score;
  },
  normalize(cycle, feasible, scores) {
    const s = scoreState.get(cycle)!;
    let min = Infinity;
    let max = 0;
    feasible.forEach((n, i) => {
      if (s.ignored.has(n.name)) return;
      min = Math.min(min, scores[i]!);
      max = Math.max(max, scores[i]!);
    });
    feasible.forEach((n, i) => {
      if (s.ignored.has(n.name)) scores[i] = 0;
      else scores[i] = max === 0 ? MAX_NODE_SCORE : (MAX_NODE_SCORE * (max + min - scores[i]!)) / max;
    });
  },
} satisfies ScorePlugin;
