// NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves after its pods' requests, and
// the node must have a pod slot left. Its score (LeastAllocated) prefers the emptiest nodes, counting pods without
// requests at upstream's default 100m cpu / 200Mi memory so they spread too.
import { MAX_NODE_SCORE, unresolvable, unschedulable, type FilterPlugin, type ScorePlugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import type { PodInfo } from '../pod-info.ts';

export interface Insufficient {
  reason: string;
  /** The pod asks for more than the node has at all: preemption cannot help. */
  unresolvable: boolean;
}

const FIRST = ['cpu', 'memory', 'ephemeral-storage'];

export function insufficientResources(pod: PodInfo, node: NodeInfo): Insufficient[] {
  const out: Insufficient[] = [];
  if (node.pods.size + 1 > node.allowedPods) out.push({ reason: 'Too many pods', unresolvable: false });
  if (!pod.requests.size) return out;
  const names = [...FIRST.filter((r) => pod.requests.has(r)), ...[...pod.requests.keys()].filter((r) => !FIRST.includes(r))];
  for (const r of names) {
    const want = pod.requests.get(r)!;
    const alloc = node.allocatable.get(r) ?? 0;
    if (want > alloc - (node.requested.get(r) ?? 0)) out.push({ reason: `Insufficient ${r}`, unresolvable: want > alloc });
  }
  return out;
}

export const nodeResourcesFit = {
  name: 'NodeResourcesFit',
  filter(cycle, node) {
    const missing = insufficientResources(cycle.pod, node);
    if (!missing.length) return undefined;
    const reasons = missing.map((m) => m.reason);
    return missing.some((m) => m.unresolvable) ? unresolvable(...reasons) : unschedulable(...reasons);
  },
} satisfies FilterPlugin;

function leastRequested(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * MAX_NODE_SCORE) / capacity;
}

export const leastAllocated = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(cycle, node) {
    const cpu = node.allocatable.get('cpu') ?? 0;
    const mem = node.allocatable.get('memory') ?? 0;
    let total = 0;
    let n = 0;
    if (cpu > 0) {
      total += leastRequested(node.nonZeroCPU + cycle.pod.nonZeroCPU, cpu);
      n++;
    }
    if (mem > 0) {
      total += leastRequested(node.nonZeroMemory + cycle.pod.nonZeroMemory, mem);
      n++;
    }
    return n ? total / n : 0;
  },
} satisfies ScorePlugin;
