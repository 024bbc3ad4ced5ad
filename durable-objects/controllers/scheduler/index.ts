// kube-scheduler: binds each pending pod (no nodeName, schedulerName default-scheduler) to the best node that fits,
// or explains in its PodScheduled condition and a FailedScheduling event why none does, and tries again when the
// cluster changes in a way that could help.
import type { Node, Pod, PodCondition } from '../../registry/schemas/index.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { rfc3339 } from '../../apiserver/context.ts';
import type { Store } from '../../store/store.ts';
import type { Controller, ReconcileContext, ReconcileResult } from '../types.ts';
import { splitKey } from '../types.ts';
import { SchedulerCache } from './cache.ts';
import type { PreemptionPlan } from './preemption.ts';
import { FLUSH_MS, UnschedulableQueue } from './queue.ts';
import { newCycle, schedulePod } from './schedule.ts';

export const SCHEDULER_NAME = 'default-scheduler';
const SOURCE = { component: SCHEDULER_NAME };
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

interface SchedulerState {
  cache: SchedulerCache;
  queue: UnschedulableQueue;
}

/** One state per cluster: the controller object is shared by every cluster in the isolate. */
const states = new WeakMap<Store, SchedulerState>();

export function schedulerState(ctx: Pick<ReconcileContext, 'store'>): SchedulerState {
  let s = states.get(ctx.store);
  if (!s) states.set(ctx.store, (s = { cache: new SchedulerCache(ctx.store), queue: new UnschedulableQueue() }));
  return s;
}

/** Waiting for this scheduler: unbound, ours, not being deleted, not finished. */
export function isPending(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return (
    !pod.spec?.nodeName &&
    (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !pod.metadata.deletionTimestamp &&
    phase !== 'Succeeded' &&
    phase !== 'Failed'
  );
}

/** Spec or labels changed: worth a new attempt. Our own status writes change neither, so they do not loop. */
function worthRetry(prev: Pod, pod: Pod): boolean {
  return JSON.stringify(prev.spec) !== JSON.stringify(pod.spec) || JSON.stringify(prev.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
}

/**
 * Sets PodScheduled (and nominatedNodeName: '' clears it) unless they already say this: no write, hence no watch
 * event, when nothing changed.
 */
function setScheduledCondition(ctx: ReconcileContext, pod: Pod, reason: string, message: string, nominated?: string): void {
  const cur = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const sameNomination = nominated === undefined || (pod.status?.nominatedNodeName ?? '') === nominated;
  if (cur && cur.status === 'False' && cur.reason === reason && cur.message === message && sameNomination) return;
  const next = ctx.store.getMutable('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '') as Pod | undefined;
  if (!next) return;
  const status = (next.status ??= {});
  // lastProbeTime is null on the wire (as bind.ts writes it too); the typed schema has no null.
  const cond = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: cur?.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(ctx.clock.now()),
    reason,
    message,
  } as unknown as PodCondition;
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  if (i >= 0) conditions[i] = cond;
  else conditions.push(cond);
  status.conditions = conditions;
  if (nominated) status.nominatedNodeName = nominated;
  else if (nominated === '') delete status.nominatedNodeName;
  ctx.client.updateStatus(next);
}

/** Evicts the victims the way kube-scheduler does: a DisruptionTarget condition, a graceful delete, an event. */
function evict(ctx: ReconcileContext, preemptor: Pod, plan: PreemptionPlan): void {
  for (const v of plan.victims) {
    const victim = ctx.store.getMutable('pods', v.namespace, v.name) as Pod | undefined;
    if (!victim || victim.metadata.deletionTimestamp) continue;
    const status = (victim.status ??= {});
    status.conditions = [
      ...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`, lastTransitionTime: rfc3339(ctx.clock.now()) },
    ];
    const updated = ctx.client.updateStatus(victim);
    ctx.client.delete('v1', 'Pod', v.namespace, v.name);
    ctx.events.normal(updated, 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${plan.node}`, SOURCE);
  }
}

function bind(ctx: ReconcileContext, pod: Pod, node: string): void {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  let bound;
  try {
    bound = ctx.client.bind(ns, name, node);
  } catch (e) {
    // Deleted, or bound by someone else, since we read it: nothing left to do.
    if (e instanceof ApiError && (e.reason === 'NotFound' || e.reason === 'Conflict')) return;
    throw e;
  }
  ctx.events.normal(bound, 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`, SOURCE);
}

interface Failure {
  reason: 'Unschedulable' | 'SchedulerError';
  message: string;
  plugins: ReadonlySet<string>;
  nominated?: string;
}

/** Parks the pod until a helpful change (or the periodic flush), and tells why in an event and its condition. */
function fail(ctx: ReconcileContext, st: SchedulerState, pod: Pod, f: Failure): ReconcileResult {
  const now = ctx.clock.now();
  const parked = st.queue.park(`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.uid ?? '', f.plugins, now);
  ctx.events.warning(pod, 'FailedScheduling', f.message, SOURCE); // the recorder's spam filter keeps retries quiet
  setScheduledCondition(ctx, pod, f.reason, f.message, f.nominated);
  return { requeueAfterMs: FLUSH_MS };
}

export const scheduler = {
  name: 'scheduler',
  watches: ['pods', 'nodes'],
  keysFor(e, ctx) {
    const st = schedulerState(ctx);
    if (e.key.resource === 'nodes') return st.cache.applyNode(e.key.name, e.type === 'DELETED' ? undefined : (e.object as Node)) ? st.queue.wake('NodeChanged') : [];
    const key = `${e.key.namespace}/${e.key.name}`;
    const pod = e.type === 'DELETED' ? undefined : (e.object as Pod);
    const delta = st.cache.applyPod(key, pod);
    const keys = new Set<string>();
    if (!pod) st.queue.forget(key);
    else if (isPending(pod)) {
      const prev = e.prev as Pod | undefined;
      if (!prev || !isPending(prev) || worthRetry(prev, pod)) keys.add(key);
    }
    if (st.queue.size) {
      if (delta.removed) for (const k of st.queue.wake('PodRemoved')) keys.add(k);
      if (delta.added) for (const k of st.queue.wake('PodAdded')) keys.add(k);
    }
    return [...keys];
  },
  resync(ctx) {
    schedulerState(ctx);
    return ctx.store
      .list('pods')
      .filter((e) => isPending(e.object as Pod))
      .map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`);
  },
  reconcile(key, ctx) {
    const st = schedulerState(ctx);
    const [ns, name] = splitKey(key);
    const pod = ctx.store.get('pods', ns, name) as Pod | undefined;
    if (!pod || !isPending(pod)) {
      st.queue.forget(key);
      return;
    }
    if (pod.spec?.schedulingGates?.length) {
      st.queue.forget(key);
      setScheduledCondition(ctx, pod, 'SchedulingGated', SCHEDULING_GATED_MESSAGE);
      return;
    }
    const now = ctx.clock.now();
    const parked = st.queue.get(key, pod.metadata.uid);
    if (parked && now < parked.retryAt) return { requeueAfterMs: parked.retryAt - now };

    const result = schedulePod(newCycle(st.cache, ctx.store, pod), ctx.random);
    switch (result.type) {
      case 'Scheduled':
        st.queue.forget(key);
        bind(ctx, pod, result.node);
        return;
      case 'Unschedulable':
        if (result.preemption) evict(ctx, pod, result.preemption);
        return fail(ctx, st, pod, { reason: 'Unschedulable', message: result.message, plugins: result.plugins, nominated: result.nominated });
      case 'NoNodes':
        return fail(ctx, st, pod, { reason: 'SchedulerError', message: result.message, plugins: new Set() });
      default: {
        const never: never = result;
        return never;
      }
    }
  },
} satisfies Controller;
