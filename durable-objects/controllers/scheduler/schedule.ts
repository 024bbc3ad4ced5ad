// One scheduling cycle (kube-scheduler's schedulePod): PreFilter, Filter on every node, then Score the feasible nodes
// and pick the best, breaking ties at random. A pod that fits nowhere gets the FitError message, plus preemption's.
import type { Random } from '../../apiserver/context.ts';
import type { Pod } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import type { SchedulerCache } from './cache.ts';
import { podInfo } from './pod-info.ts';
import type { Cycle, Status } from './framework.ts';
import { fitErrorMessage, NO_NODES } from './fit-error.ts';
import type { NodeInfo } from './node-info.ts';
import { FILTERS, SCORES, runFilters } from './plugins/index.ts';
import { preempt, type PreemptionPlan } from './preemption.ts';

export type ScheduleResult =
  | { type: 'Scheduled'; node: string }
  | {
      type: 'Unschedulable';
      message: string;
      /** Plugins that rejected the pod somewhere: which cluster changes are worth a retry. */
      plugins: ReadonlySet<string>;
      /** Victims to evict so the pod fits on `node` later. */
      preemption?: PreemptionPlan;
      /** The pod's nominated node from now on: '' clears it, undefined leaves it. */
      nominated?: string;
    }
  | { type: 'NoNodes'; message: string };

/** A cycle for one attempt at `pod`: the cache's current nodes, namespace labels looked up once. */
export function newCycle(cache: SchedulerCache, store: Store, pod: Pod): Cycle {
  const ns = new Map<string, Record<string, string> | undefined>();
  return {
    pod: podInfo(pod),
    nodes: cache.nodeList(),
    cache,
    store,
    nsLabels(name) {
      if (!ns.has(name)) ns.set(name, store.get('namespaces', '', name)?.metadata.labels);
      return ns.get(name);
    },
  };
}

function unschedulableResult(cycle: Cycle, statuses: Map<string, Status>, plugins: Set<string>, preFilterMsg?: string): ScheduleResult {
  const p = preempt(cycle, statuses);
  const message = fitErrorMessage(cycle.nodes.length, statuses.values(), { preFilterMsg, postFilterMsg: p.type === 'NotHelpful' ? p.message : undefined });
  if (p.type === 'Preempt') return { type: 'Unschedulable', message, plugins, preemption: p.plan, nominated: p.plan.node };
  return { type: 'Unschedulable', message, plugins, ...(p.keepNomination ? {} : { nominated: '' }) };
}

export function schedulePod(cycle: Cycle, random: Random): ScheduleResult {
  const nodes = cycle.nodes;
  if (!nodes.length) return { type: 'NoNodes', message: NO_NODES };
  const statuses = new Map<string, Status>();
  const plugins = new Set<string>();

  let allowed: ReadonlySet<string> | undefined;
  const narrowedBy: string[] = [];
  for (const p of FILTERS) {
    const r = p.preFilter?.(cycle);
    if (r?.status) {
      plugins.add(p.name);
      for (const n of nodes) statuses.set(n.name, r.status);
      return unschedulableResult(cycle, statuses, plugins, r.status.reasons.join(', '));
    }
    if (r?.nodeNames) {
      allowed = allowed ? new Set([...allowed].filter((n) => r.nodeNames!.has(n))) : r.nodeNames;
      narrowedBy.push(p.name);
    }
  }
  // Nodes a PreFilter ruled out are reported as such, and no filter runs on them.
  const outside: Status = { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${narrowedBy.sort().join(' ')}]`] };
  const feasible: NodeInfo[] = [];
  for (const node of nodes) {
    const s = allowed && !allowed.has(node.name) ? outside : runFilters(cycle, node);
    if (!s) feasible.push(node);
    else {
      statuses.set(node.name, s);
      if (s === outside) for (const n of narrowedBy) plugins.add(n);
      else plugins.add(s.plugin!);
    }
  }
  if (!feasible.length) return unschedulableResult(cycle, statuses, plugins);
  if (feasible.length === 1) return { type: 'Scheduled', node: feasible[0]!.name };

  const totals = new Array<number>(feasible.length).fill(0);
  for (const p of SCORES) {
    if (p.preScore && !p.preScore(cycle, feasible)) continue;
    const scores = feasible.map((n) => p.score(cycle, n));
    p.normalize?.(cycle, feasible, scores);
    for (let i = 0; i < scores.length; i++) totals[i]! += scores[i]! * p.weight;
  }
  // Highest total wins; equal totals share the win, one picked at random (reservoir sampling, as upstream).
  let best = 0;
  let ties = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i]! > totals[best]! + 1e-9) {
      best = i;
      ties = 1;
    } else if (Math.abs(totals[i]! - totals[best]!) <= 1e-9) {
      ties++;
      if (random.float() * ties < 1) best = i;
    }
  }
  return { type: 'Scheduled', node: feasible[best]!.name };
}
