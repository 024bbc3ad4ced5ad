// TaintToleration: a node's NoSchedule and NoExecute taints keep off pods that do not tolerate them; PreferNoSchedule
// taints only lower the node's score.
import type { Taint, Toleration } from '../../../registry/schemas/index.ts';
import { normalizeToMax, unresolvable, type FilterPlugin, type ScorePlugin } from '../framework.ts';

type TaintLike = Pick<Taint, 'key' | 'effect'> & { value?: string | undefined };

/** Upstream's matching: an empty effect matches every effect, an empty key (with Exists) every key. */
export function toleratesTaint(t: Toleration, taint: TaintLike): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first taint (in the node's order) with one of `effects` that no toleration matches. */
export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined, effects: readonly string[]): Taint | undefined {
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

export const DO_NOT_SCHEDULE = ['NoSchedule', 'NoExecute'] as const;

export const taintToleration = {
  name: 'TaintToleration',
  filter(cycle, node) {
    const taint = untoleratedTaint(node.taints, cycle.pod.pod.spec?.tolerations, DO_NOT_SCHEDULE);
    return taint ? unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`) : undefined;
  },
} satisfies FilterPlugin;

export const taintTolerationScore = {
  name: 'TaintToleration',
  weight: 3,
  score(cycle, node) {
    // Only tolerations that could apply to PreferNoSchedule taints count here.
    const tolerations = (cycle.pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    let n = 0;
    for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => toleratesTaint(t, taint))) n++;
    return n;
  },
  normalize: (_cycle, _nodes, scores) => normalizeToMax(scores, true),
} satisfies ScorePlugin;
