// The default profile: filters in the order kube-scheduler runs them (the first failing one names the reason a node
// was rejected) and score plugins with their default weights.
import type { Cycle, FilterPlugin, ScorePlugin, Status } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import { balancedAllocation } from './balanced-allocation.ts';
import { imageLocality } from './image-locality.ts';
import { interPodAffinity, interPodAffinityScore } from './inter-pod-affinity.ts';
import { nodeAffinity, nodeAffinityScore } from './node-affinity.ts';
import { nodeName } from './node-name.ts';
import { nodePorts } from './node-ports.ts';
import { leastAllocated, nodeResourcesFit } from './node-resources-fit.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';
import { podTopologySpread, podTopologySpreadScore } from './pod-topology-spread.ts';
import { taintToleration, taintTolerationScore } from './taint-toleration.ts';

export const FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, podTopologySpread, interPodAffinity];

export const SCORES: readonly ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, podTopologySpreadScore, interPodAffinityScore, leastAllocated, balancedAllocation, imageLocality];

/** The first filter that rejects the node, in profile order; undefined when the node fits. */
export function runFilters(cycle: Cycle, node: NodeInfo): Status | undefined {
  for (const p of FILTERS) {
    const s = p.filter(cycle, node);
    if (s) return { ...s, plugin: p.name };
  }
  return undefined;
}
