// The kubelet's pod worker: looks at one pod bound to a live node, applies the due lifecycle stages in time order,
// writes the status once (or at a boundary worth seeing), records the events, and says when to look again.
import type { Node, Pod } from '../../registry/schemas/index.ts';
import type { ReconcileContext, ReconcileResult } from '../types.ts';
import { splitKey } from '../types.ts';
import { clone, deepEqual } from '../../util.ts';
import { nodeDown } from './node-fault.ts';
import type { CRef } from './runs.ts';
import { CONTAINER_STAGES, POD_STAGES, containersInTurn, type Stage } from './stages.ts';
import { kubeletState, nodeState, podMemo } from './state.ts';
import { derivePodStatus, isTerminal } from './status.ts';
import { forgetMountWaits } from './volumes.ts';
import { jittered, type PodWork } from './work.ts';

/** Enough for any pod's burst of due stages (start, exit, restart...) without looping forever on a bug. */
const MAX_STEPS = 64;
/**
 * The kubelet learns of container exits when it relists the runtime (PLEG, every second): a process that ends within
 * that second of now is seen as already ended, so a command that fails at once shows Error, never a blink of Running.
 */
const RELIST_MS = 1000;

const dueNow = (w: PodWork, c: Candidate) => c.due <= w.now || (c.stage.name === 'exit' && c.due <= w.now + RELIST_MS);

interface Candidate {
  stage: Stage<CRef | undefined>;
  target: CRef | undefined;
  key: string;
  due: number;
  order: number;
}

function candidates(w: PodWork): Candidate[] {
  const out: Candidate[] = [];
  let order = 0;
  const consider = (stage: Stage<CRef | undefined>, target: CRef | undefined) => {
    order++;
    if (!stage.match(w, target)) return;
    const key = `${stage.name}/${target?.c.name ?? ''}/${target?.kind ?? ''}/${stage.instance?.(w, target) ?? ''}`;
    let due = w.memo.plans.get(key);
    if (due === undefined) {
      const at = stage.at ? stage.at(w, target) : w.now;
      if (!Number.isFinite(at)) return;
      due = at;
      if (stage.delay) {
        due = Math.max(at, w.now) + jittered(w, stage.delay(w.p, w, target));
        w.memo.plans.set(key, due);
      }
    }
    out.push({ stage, target, key, due, order });
  };
  for (const st of POD_STAGES) consider(st as Stage<CRef | undefined>, undefined);
  // Pod-level work (admission, sandbox, deletion) comes before any container moves.
  if (out.some((c) => c.due <= w.now)) return out;
  if (w.st.startTime && !w.remove) for (const ref of containersInTurn(w)) for (const st of CONTAINER_STAGES) consider(st as Stage<CRef | undefined>, ref);
  return out;
}

/** The worker's view of a pod on a live node, or undefined when the kubelet has nothing to do with it. */
export function makeWork(ctx: ReconcileContext, pod: Pod): PodWork | undefined {
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return undefined;
  const node = ctx.store.get('nodes', '', nodeName) as Node | undefined;
  // No node: pod GC's business. A failed node: its kubelet does nothing until it is back.
  if (!node || nodeDown(node)) return undefined;
  const s = kubeletState(ctx);
  return {
    ctx,
    s,
    pod,
    st: clone(pod.status ?? {}),
    node,
    ns: nodeState(s, nodeName, node.status?.images),
    memo: podMemo(s, pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`),
    p: ctx.sim.profile(),
    now: ctx.clock.now(),
    t: -Infinity,
    events: [],
    remove: false,
  };
}

/** Writes the working status (when it changed) and records the events against the written pod. */
export function commit(w: PodWork, key: string): Pod {
  let written: Pod = w.pod;
  if (!deepEqual(w.st, w.pod.status ?? {})) {
    w.s.writing = key;
    try {
      written = w.ctx.client.updateStatus({ ...w.pod, status: w.st } as Pod);
    } finally {
      w.s.writing = undefined;
    }
  }
  const source = { component: 'kubelet', host: w.node.metadata.name };
  for (const e of w.events) w.ctx.events.record(written, e.type, e.reason, e.message, source, e.fieldPath);
  w.events = [];
  return written;
}

export function reconcilePod(key: string, ctx: ReconcileContext): ReconcileResult | void {
  const [namespace, name] = splitKey(key);
  const pod = ctx.store.get('pods', namespace, name) as Pod | undefined;
  if (!pod || (isTerminal(pod.status ?? {}) && !pod.metadata.deletionTimestamp)) return;
  const w = makeWork(ctx, pod);
  if (!w) return;
  if (w.st.startTime) derivePodStatus(pod, w.st, w.now, !!w.st.podIP);
  let next: number | undefined;
  let killStartedNow = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const list = candidates(w);
    const due = list.filter((c) => dueNow(w, c)).sort((a, b) => a.due - b.due || a.order - b.order);
    const pick = due[0];
    if (!pick) {
      next = list.reduce<number | undefined>((m, c) => (m === undefined || c.due < m ? c.due : m), undefined);
      for (const k of w.memo.plans.keys()) if (!list.some((c) => c.key === k)) w.memo.plans.delete(k);
      break;
    }
    w.t = Math.max(w.t, pick.due);
    pick.stage.next(w, pick.target);
    if (pick.stage.name === 'kill') killStartedNow = true;
    w.memo.plans.delete(pick.key);
    derivePodStatus(pod, w.st, w.t, !!w.st.podIP && !w.remove);
    if (w.remove) break;
    if (pick.stage.visible?.(w, pick.target)) {
      next = w.now;
      break;
    }
  }
  // A pod whose containers stop at once goes away without a last status nobody would see.
  if (w.remove && killStartedNow) w.st = clone(pod.status ?? {});
  commit(w, key);
  if (w.remove) {
    forgetMountWaits(w.s, w.memo, key);
    w.s.pods.delete(pod.metadata.uid ?? key);
    ctx.client.delete('v1', 'Pod', namespace, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    return;
  }
  if (next !== undefined) return { requeueAfterMs: Math.max(0, next - w.now) };
}
