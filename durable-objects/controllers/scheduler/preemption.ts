// DefaultPreemption (the PostFilter step): when no node fits, would evicting lower-priority pods make room? Nodes that
// failed for a reason eviction cannot fix are "not helpful"; the others are tried without their lower-priority pods,
// keeping back (reprieving) as many as still leave room. The answer is either a node with victims to evict, or the
// "preemption: ..." part of the FailedScheduling message.
import { unresolvable, type Cycle, type Status } from './framework.ts';
import { fitErrorMessage } from './fit-error.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';
import { runFilters } from './plugins/index.ts';

export interface PreemptionPlan {
  node: string;
  victims: PodInfo[];
}

export type PreemptionResult =
  | { type: 'Preempt'; plan: PreemptionPlan }
  /** `keepNomination`: the pod waits for earlier victims, so its nominated node stays; otherwise it is cleared. */
  | { type: 'NotHelpful'; message: string; keepNomination?: boolean };

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** Higher priority first; between equals, the one running longer. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const ta = a.pod.status?.startTime ?? a.pod.metadata.creationTimestamp ?? '';
  const tb = b.pod.status?.startTime ?? b.pod.metadata.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function evictedByScheduler(p: PodInfo): boolean {
  return !!p.pod.metadata.deletionTimestamp && !!p.pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

function selectVictims(cycle: Cycle, node: NodeInfo): { victims: PodInfo[] } | { status: Status } {
  const lower = [...node.pods.values()].filter((p) => p.priority < cycle.pod.priority).sort(moreImportant);
  if (!lower.length) return { status: unresolvable(NO_VICTIMS) };
  const trial = node.without(lower);
  const st = runFilters(cycle, trial);
  if (st) return { status: st };
  const victims: PodInfo[] = [];
  for (const p of lower) {
    trial.addPod(p);
    if (runFilters(cycle, trial)) {
      trial.removePod(p);
      victims.push(p);
    }
  }
  // Everything fits back: the failure was not about these pods (an approximation missed it), so no plan here.
  return victims.length ? { victims } : { status: unresolvable(NO_VICTIMS) };
}

/** Upstream's tie-breakers, minus PodDisruptionBudgets (none here): lowest top victim, lowest sum, fewest victims. */
function better(a: PreemptionPlan, b: PreemptionPlan): boolean {
  const top = (p: PreemptionPlan) => Math.max(...p.victims.map((v) => v.priority));
  const sum = (p: PreemptionPlan) => p.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0);
  if (top(a) !== top(b)) return top(a) < top(b);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  return a.victims.length < b.victims.length;
}

export function preempt(cycle: Cycle, statuses: ReadonlyMap<string, Status>): PreemptionResult {
  const spec = cycle.pod.pod.spec;
  if (spec?.preemptionPolicy === 'Never') return { type: 'NotHelpful', message: 'preemption: not eligible due to preemptionPolicy=Never.', keepNomination: true };
  const nominated = cycle.pod.pod.status?.nominatedNodeName;
  const nominatedNode = nominated ? cycle.cache.node(nominated) : undefined;
  if (nominatedNode && statuses.get(nominated!)?.code !== 'UnschedulableAndUnresolvable') {
    for (const p of nominatedNode.pods.values()) {
      if (p.priority < cycle.pod.priority && evictedByScheduler(p)) return { type: 'NotHelpful', message: 'preemption: not eligible due to a terminating pod on the nominated node.', keepNomination: true };
    }
  }
  const results = new Map<string, Status>();
  let best: PreemptionPlan | undefined;
  for (const node of cycle.nodes) {
    if (statuses.get(node.name)?.code !== 'Unschedulable') continue;
    const r = selectVictims(cycle, node);
    if ('status' in r) results.set(node.name, r.status);
    else {
      const plan = { node: node.name, victims: r.victims };
      if (!best || better(plan, best)) best = plan;
    }
  }
  if (best) return { type: 'Preempt', plan: best };
  const all = cycle.nodes.map((n) => results.get(n.name) ?? unresolvable(PREEMPTION_NOT_HELPFUL));
  return { type: 'NotHelpful', message: `preemption: ${fitErrorMessage(cycle.nodes.length, all)}` };
}
