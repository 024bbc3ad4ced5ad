// The plugin contract, after kube-scheduler's framework: a scheduling cycle for one pod runs PreFilter and Filter on
// every node, then PreScore, Score and NormalizeScore on the feasible ones. Plugins keep per-cycle state in a WeakMap
// keyed by the cycle, so it is typed and dies with the cycle.
import type { Store } from '../../store/store.ts';
import type { SchedulerCache } from './cache.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';

/** Unschedulable: preemption might help. UnschedulableAndUnresolvable: removing pods from the node cannot help. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: Code;
  /** Reasons as kube-scheduler words them; each is counted once per node in the FailedScheduling message. */
  reasons: string[];
  plugin?: string;
}

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export interface Cycle {
  pod: PodInfo;
  /** Every node that exists, sorted by name. */
  nodes: readonly NodeInfo[];
  cache: SchedulerCache;
  store: Store;
  /** Labels of a namespace (memoised for the cycle). */
  nsLabels(ns: string): Record<string, string> | undefined;
}

export interface PreFilterResult {
  /** Only these nodes can pass (NodeAffinity's matchFields on metadata.name). */
  nodeNames?: ReadonlySet<string>;
  /** The pod cannot be scheduled anywhere. */
  status?: Status;
}

export interface FilterPlugin {
  name: string;
  preFilter?(cycle: Cycle): PreFilterResult | undefined;
  /** undefined: the node passes. */
  filter(cycle: Cycle, node: NodeInfo): Status | undefined;
}

export interface ScorePlugin {
  name: string;
  /** Multiplies the plugin's 0..100 score in the total (the default profile's weights). */
  weight: number;
  /** Prepares the cycle; false means the plugin has nothing to say about this pod (every node scores 0). */
  preScore?(cycle: Cycle, feasible: readonly NodeInfo[]): boolean;
  score(cycle: Cycle, node: NodeInfo): number;
  /** Rescales raw scores to 0..100 in place. */
  normalize?(cycle: Cycle, feasible: readonly NodeInfo[], scores: number[]): void;
}

export const MAX_NODE_SCORE = 100;

/** Scales scores so the highest is 100 (or, reversed, so the lowest is 100), as upstream's default normaliser does. */
export function normalizeToMax(scores: number[], reverse: boolean): void {
  const max = Math.max(0, ...scores);
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const s = (MAX_NODE_SCORE * scores[i]!) / max;
      scores[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}

/** Per-cycle state for a plugin. */
export function cycleState<T>(): { get(c: Cycle): T | undefined; set(c: Cycle, v: T): T } {
  const m = new WeakMap<Cycle, T>();
  return { get: (c) => m.get(c), set: (c, v) => (m.set(c, v), v) };
}
