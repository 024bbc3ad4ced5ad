// Node lifecycle controller and taint manager: a node whose kubelet stopped renewing its Lease for longer than the
// grace period gets Unknown conditions, unreachable taints and its pods marked not ready; pods that do not tolerate a
// NoExecute taint are deleted (at once, or after their tolerationSeconds). Cordoned nodes carry the unschedulable
// taint. Recovery (the kubelet posting Ready again) lifts the taints.
import type { Node, Pod, Taint, Toleration } from '../registry/schemas/index.ts';
import { rfc3339 } from '../apiserver/context.ts';
import { clone, deepEqual } from '../util.ts';
import type { Controller, ReconcileContext, ReconcileResult } from './types.ts';
import { nodeDown } from './kubelet/node-fault.ts';
import { LEASE_NAMESPACE, LEASES } from './kubelet/node-agent.ts';
import { setCondition } from './kubelet/status.ts';

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const NODE_SOURCE = { component: 'node-controller' };
const TAINT_SOURCE = { component: 'taint-eviction-controller' };

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/**
 * When the taint manager deletes a pod from a node with these NoExecute taints: now (untolerated), never (tolerated
 * without limit), or after the shortest tolerationSeconds counted from when the taint appeared.
 */
export function evictionTime(pod: Pod, taints: Taint[], now: number): number | undefined {
  let at: number | undefined;
  for (const taint of taints) {
    const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (!matching.length) return now;
    const secs = matching.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
    if (!secs.length) continue; // tolerated without limit
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
    const due = added + Math.max(0, Math.min(...secs)) * 1000;
    at = at === undefined ? due : Math.min(at, due);
  }
  return at;
}

function withTaints(spec: NonNullable<Node['spec']>, key: string, effects: Array<'NoSchedule' | 'NoExecute'>, want: boolean, now: number): void {
  const others = (spec.taints ?? []).filter((t) => t.key !== key || !effects.includes(t.effect as 'NoSchedule' | 'NoExecute'));
  const kept = (spec.taints ?? []).filter((t) => t.key === key && effects.includes(t.effect as 'NoSchedule' | 'NoExecute'));
  const next = want ? effects.map((effect) => kept.find((t) => t.effect === effect) ?? { key, effect, timeAdded: rfc3339(now) }) : [];
  spec.taints = [...others, ...next];
  if (!spec.taints.length) delete spec.taints;
}

/** Ready and the other kubelet conditions become Unknown, as when a kubelet stops posting status. */
function markUnknown(status: NonNullable<Node['status']>, now: number): boolean {
  let readyChanged = false;
  for (const c of status.conditions ?? []) {
    if (c.status === 'Unknown') continue;
    c.status = 'Unknown';
    c.reason = 'NodeStatusUnknown';
    c.message = 'Kubelet stopped posting node status.';
    c.lastTransitionTime = rfc3339(now);
    if (c.type === 'Ready') readyChanged = true;
  }
  return readyChanged;
}

function markPodsNotReady(ctx: ReconcileContext, pods: Pod[], now: number): void {
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const status = clone(pod.status ?? {});
    setCondition(status, 'Ready', 'False', now, ready.reason, ready.message);
    const written = ctx.client.updateStatus({ ...pod, status } as Pod);
    ctx.events.warning(written, 'NodeNotReady', 'Node is not ready', NODE_SOURCE);
  }
}

/** The taint manager's pass over a node's pods; returns when to look again. */
function evictPods(ctx: ReconcileContext, node: Node, now: number): number | undefined {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (!taints.length) return undefined;
  let next: number | undefined;
  for (const pod of ctx.index.podsOnNode(node.metadata.name ?? '') as Pod[]) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = evictionTime(pod, taints, now);
    if (at === undefined) continue;
    if (at > now) {
      next = next === undefined ? at : Math.min(next, at);
      continue;
    }
    const status = clone(pod.status ?? {});
    setCondition(status, 'DisruptionTarget', 'True', now, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint');
    const written = ctx.client.updateStatus({ ...pod, status } as Pod);
    ctx.events.normal(written, 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, TAINT_SOURCE);
    ctx.client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
  }
  return next;
}

function reconcileNode(name: string, ctx: ReconcileContext): ReconcileResult | void {
  const node = ctx.store.get('nodes', '', name) as Node | undefined;
  if (!node) return;
  const now = ctx.clock.now();
  const p = ctx.sim.profile();
  const lease = ctx.store.get(LEASES, LEASE_NAMESPACE, name) as { spec?: { renewTime?: string } } | undefined;
  const renewed = lease?.spec?.renewTime ? Date.parse(lease.spec.renewTime) : Date.parse(node.metadata.creationTimestamp ?? '') || now;
  // The simulated kubelet is the only one that could renew the Lease: silence means it is down.
  const silentAt = renewed + p.nodeMonitorGraceMs;
  const silent = nodeDown(node) && now >= silentAt;
  let next: number | undefined = nodeDown(node) && !silent ? silentAt : undefined;

  const status = clone(node.status ?? {});
  const spec = clone(node.spec ?? {});
  let becameUnknown = false;
  if (silent) {
    becameUnknown = markUnknown(status, now);
    withTaints(spec, UNREACHABLE, ['NoSchedule', 'NoExecute'], true, now);
    withTaints(spec, NOT_READY, ['NoSchedule', 'NoExecute'], false, now);
  } else {
    const ready = status.conditions?.find((c) => c.type === 'Ready')?.status;
    withTaints(spec, UNREACHABLE, ['NoSchedule', 'NoExecute'], ready === 'Unknown', now);
    withTaints(spec, NOT_READY, ['NoSchedule', 'NoExecute'], ready === 'False', now);
  }
  withTaints(spec, UNSCHEDULABLE, ['NoSchedule'], !!spec.unschedulable, now);

  let written: Node = node;
  if (!deepEqual(status, node.status ?? {})) written = ctx.client.updateStatus({ ...node, status } as Node);
  if (!deepEqual(spec, node.spec ?? {})) written = ctx.client.update({ ...written, spec } as Node);
  if (becameUnknown) {
    ctx.events.normal(written, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, NODE_SOURCE);
    markPodsNotReady(ctx, ctx.index.podsOnNode(name) as Pod[], now);
  }
  const eviction = evictPods(ctx, written, now);
  if (eviction !== undefined) next = next === undefined ? eviction : Math.min(next, eviction);
  if (next !== undefined) return { requeueAfterMs: Math.max(0, next - now) };
}

export const nodeLifecycle = {
  name: 'nodeLifecycle',
  watches: ['nodes', LEASES, 'pods'],
  keysFor(e, ctx) {
    if (e.key.resource === 'nodes') return [e.key.name];
    if (e.key.resource === LEASES) return e.key.namespace === LEASE_NAMESPACE ? [e.key.name] : [];
    // A pod arriving on (or changing its tolerations on) a node with NoExecute taints.
    const nodeName = (e.object.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName || e.type === 'DELETED' || e.object.metadata.deletionTimestamp) return [];
    const node = ctx.store.get('nodes', '', nodeName) as Node | undefined;
    return node?.spec?.taints?.some((t) => t.effect === 'NoExecute') ? [nodeName] : [];
  },
  resync: (ctx) => ctx.store.list('nodes').map((e) => e.object.metadata.name ?? ''),
  reconcile: (key, ctx) => reconcileNode(key, ctx),
} satisfies Controller;
