// Pod garbage collection (kube-controller-manager's podgc): pods bound to a node that no longer exists are failed and
// deleted for good (so deleting a Node takes its pods with it, and their owners replace them); terminating pods on a
// node tainted out-of-service are force-deleted; finished pods beyond the threshold are removed, oldest first.
import type { Node, Pod } from '../registry/schemas/index.ts';
import { clone } from '../util.ts';
import type { Controller, ReconcileContext, ReconcileResult } from './types.ts';
import { setCondition } from './kubelet/status.ts';

const TERMINATED_KEY = '@terminated';
const NODE_PREFIX = 'node/';
const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

interface GCState {
  /** Finished pods by `namespace/name`, with their creation time (kept from the change stream). */
  terminated: Map<string, number> | undefined;
  /** When a node was first seen missing while pods still named it. */
  missingSince: Map<string, number>;
}

const STATES = new WeakMap<object, GCState>();

function gcState(ctx: Pick<ReconcileContext, 'store'>): GCState {
  let s = STATES.get(ctx.store);
  if (!s) STATES.set(ctx.store, (s = { terminated: undefined, missingSince: new Map() }));
  return s;
}

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function terminatedSet(ctx: ReconcileContext, s: GCState): Map<string, number> {
  if (!s.terminated) {
    s.terminated = new Map();
    for (const e of ctx.store.list('pods')) {
      const p = e.object as Pod;
      if (finished(p)) s.terminated.set(`${p.metadata.namespace}/${p.metadata.name}`, Date.parse(p.metadata.creationTimestamp ?? '') || 0);
    }
  }
  return s.terminated;
}

/** Fails the pod with a DisruptionTarget condition saying why, then deletes it without waiting for a kubelet. */
function forceDelete(ctx: ReconcileContext, pod: Pod, message: string, now: number): void {
  if (!finished(pod) || !pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget')) {
    const status = clone(pod.status ?? {});
    if (!finished(pod)) status.phase = 'Failed';
    setCondition(status, 'DisruptionTarget', 'True', now, 'DeletionByPodGC', message);
    ctx.client.updateStatus({ ...pod, status } as Pod);
  }
  ctx.client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
}

function gcNode(name: string, ctx: ReconcileContext, s: GCState): ReconcileResult | void {
  const node = ctx.store.get('nodes', '', name) as Node | undefined;
  const pods = ctx.index.podsOnNode(name) as Pod[];
  const now = ctx.clock.now();
  if (!node) {
    if (!pods.length) {
      s.missingSince.delete(name);
      return;
    }
    const since = s.missingSince.get(name) ?? now;
    s.missingSince.set(name, since);
    const due = since + ctx.sim.profile().orphanQuarantineMs;
    if (now < due) return { requeueAfterMs: due - now };
    for (const pod of pods) forceDelete(ctx, pod, 'PodGC: node no longer exists', now);
    s.missingSince.delete(name);
    return;
  }
  s.missingSince.delete(name);
  const outOfService = node.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE && t.effect === 'NoExecute');
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (outOfService && !ready) for (const pod of pods) if (pod.metadata.deletionTimestamp) forceDelete(ctx, pod, 'PodGC: node is out of service', now);
}

function gcTerminated(ctx: ReconcileContext, s: GCState): void {
  const set = terminatedSet(ctx, s);
  const threshold = ctx.sim.profile().terminatedPodThreshold;
  if (set.size <= threshold) return;
  const oldest = [...set.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, set.size - threshold);
  for (const [key] of oldest) {
    const i = key.indexOf('/');
    ctx.client.delete('v1', 'Pod', key.slice(0, i), key.slice(i + 1), { gracePeriodSeconds: 0 });
    set.delete(key);
  }
}

export const podGC = {
  name: 'podGC',
  watches: ['pods', 'nodes'],
  keysFor(e, ctx) {
    const s = gcState(ctx);
    if (e.key.resource === 'nodes') return [`${NODE_PREFIX}${e.key.name}`];
    const pod = e.object as Pod;
    const key = `${e.key.namespace}/${e.key.name}`;
    const keys: string[] = [];
    if (s.terminated) {
      if (e.type !== 'DELETED' && finished(pod)) s.terminated.set(key, Date.parse(pod.metadata.creationTimestamp ?? '') || 0);
      else s.terminated.delete(key);
      if (s.terminated.size > ctx.sim.profile().terminatedPodThreshold) keys.push(TERMINATED_KEY);
    } else if (finished(pod)) keys.push(TERMINATED_KEY);
    const nodeName = pod.spec?.nodeName;
    if (nodeName && e.type !== 'DELETED' && !ctx.store.get('nodes', '', nodeName)) keys.push(`${NODE_PREFIX}${nodeName}`);
    return keys;
  },
  resync(ctx) {
    const missing = new Set<string>();
    for (const e of ctx.store.list('pods')) {
      const n = (e.object.spec as { nodeName?: string } | undefined)?.nodeName;
      if (n && !ctx.store.get('nodes', '', n)) missing.add(n);
    }
    return [TERMINATED_KEY, ...[...missing].map((n) => `${NODE_PREFIX}${n}`)];
  },
  reconcile(key, ctx) {
    const s = gcState(ctx);
    if (key === TERMINATED_KEY) return gcTerminated(ctx, s);
    if (key.startsWith(NODE_PREFIX)) return gcNode(key.slice(NODE_PREFIX.length), ctx, s);
  },
} satisfies Controller;
