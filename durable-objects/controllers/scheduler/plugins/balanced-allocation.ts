// NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar proportions after
// placing the pod. Pods without requests (BestEffort) are not scored, as upstream does since 1.33.
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework.ts';

export const balancedAllocation = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore: (cycle) => (cycle.pod.requests.get('cpu') ?? 0) > 0 || (cycle.pod.requests.get('memory') ?? 0) > 0,
  score(cycle, node) {
    const fractions: number[] = [];
    for (const r of ['cpu', 'memory']) {
      const alloc = node.allocatable.get(r) ?? 0;
      if (alloc <= 0) continue;
      fractions.push(Math.min(1, ((node.requested.get(r) ?? 0) + (cycle.pod.requests.get(r) ?? 0)) / alloc));
    }
    const std = fractions.length === 2 ? Math.abs(fractions[0]! - fractions[1]!) / 2 : 0;
    return (1 - std) * MAX_NODE_SCORE;
  },
} satisfies ScorePlugin;
