// NodeAffinity: spec.nodeSelector and required node affinity decide which nodes a pod may use; preferred terms add
// their weight to the nodes they match.
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../registry/schemas/index.ts';
import { normalizeToMax, unresolvable, type FilterPlugin, type ScorePlugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';

const INT = /^[+-]?\d+$/;

function requirementMatches(r: NodeSelectorRequirement, has: boolean, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !INT.test(value!) || values.length !== 1 || !INT.test(values[0]!)) return false;
      const a = Number(value);
      const b = Number(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions (on labels) and fields (metadata.name) hold; an empty term matches nothing. */
export function termMatchesNode(t: NodeSelectorTerm, node: NodeInfo): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  for (const r of exprs) if (!requirementMatches(r, Object.prototype.hasOwnProperty.call(node.labels, r.key), node.labels[r.key])) return false;
  for (const f of fields) if (f.key !== 'metadata.name' || !requirementMatches(f, true, node.name)) return false;
  return true;
}

/** nodeSelector and required node affinity (any of its terms), as PodTopologySpread also applies them. */
export function requiredNodeAffinityMatches(pod: Pod, node: NodeInfo): boolean {
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (node.labels[k] !== v) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms === undefined || terms.some((t) => termMatchesNode(t, node));
}

export const nodeAffinity = {
  name: 'NodeAffinity',
  preFilter(cycle) {
    // Terms that all pin metadata.name narrow the search to those nodes before any filter runs.
    const terms = cycle.pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    if (!terms.length) return undefined;
    const names = new Set<string>();
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const f of t.matchFields ?? []) {
        if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
        const s = new Set(f.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      if (!termNames) return undefined;
      for (const n of termNames) names.add(n);
    }
    if (!names.size) return { status: unresolvable('pod affinity terms conflict') };
    return { nodeNames: names };
  },
  filter(cycle, node) {
    return requiredNodeAffinityMatches(cycle.pod.pod, node) ? undefined : unresolvable("node(s) didn't match Pod's node affinity/selector");
  },
} satisfies FilterPlugin;

export const nodeAffinityScore = {
  name: 'NodeAffinity',
  weight: 2,
  preScore: (cycle) => !!cycle.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length,
  score(cycle, node) {
    let s = 0;
    for (const p of cycle.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (termMatchesNode(p.preference, node)) s += p.weight;
    return s;
  },
  normalize: (_cycle, _nodes, scores) => normalizeToMax(scores, false),
} satisfies ScorePlugin;
