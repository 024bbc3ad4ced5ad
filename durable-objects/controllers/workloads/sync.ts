// One Deployment sync, in upstream's order: claim ReplicaSets, note pause/resume, then scale or roll out.
import type { ReconcileContext, ReconcileResult } from '../types.ts';
import type { Deployment, ReplicaSet } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import { ApiError } from '../../apiserver/errors.ts';
import { fromLabelSelectorSpec, matchesLabels, type LabelSelector } from '../../apiserver/selectors.ts';
import { clone } from '../../util.ts';
import { claim } from './claim.ts';
import { isRollingUpdate, maxSurge, maxUnavailable } from './deploy-math.ts';
import { Halt, event, fresh, refresh, writeStatus, type Rollout } from './rollout.ts';
import { replicaSetsOf } from './new-rs.ts';
import { isScalingEvent, scale } from './scale.ts';
import { checkPausedConditions, syncDeploymentStatus } from './deploy-status.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';
import { rolloutRolling } from './rolling.ts';
import { rolloutRecreate } from './recreate.ts';

interface Problem {
  reason: string;
  message: string;
}

/** What the controller cannot act on (the API refuses most of it; a bad object can still arrive through trusted writes). */
function problemOf(d: Deployment): { problem: Problem } | { selector: LabelSelector } {
  let selector: LabelSelector | undefined;
  try {
    selector = fromLabelSelectorSpec(d.spec?.selector);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { problem: { reason: 'InvalidSelector', message: `Invalid selector: ${e.message}` } };
  }
  if (!selector) return { problem: { reason: 'InvalidSelector', message: 'The Deployment has no selector.' } };
  if (!selector.length) return { problem: { reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' } };
  if (!d.spec?.template) return { problem: { reason: 'InvalidSpec', message: 'The Deployment has no pod template.' } };
  if (!matchesLabels(selector, d.spec.template.metadata?.labels)) return { problem: { reason: 'InvalidSpec', message: 'The selector does not match the template labels.' } };
  try {
    maxSurge(d);
    maxUnavailable(d);
  } catch (e) {
    return { problem: { reason: 'InvalidSpec', message: e instanceof Error ? e.message : String(e) } };
  }
  return { selector };
}

function claimReplicaSets(r: Rollout, selector: LabelSelector): ReplicaSet[] {
  const candidates = r.ctx.store.list('replicasets.apps', r.d.metadata.namespace).map((e) => e.object);
  return claim(r.ctx, r.d as KubeObject, candidates, (rs) => matchesLabels(selector, rs.metadata.labels)) as ReplicaSet[];
}

/** Sizes without rolling out (paused, or replicas changed); a paused Deployment also prunes its history. */
function scaleOnly(r: Rollout, rsList: ReplicaSet[]): void {
  const sets = replicaSetsOf(r, rsList, false);
  scale(r, sets);
  if (r.d.spec?.paused) cleanupOldReplicaSets(r, sets.oldRSs);
  syncDeploymentStatus(r, refresh(r, [...sets.oldRSs, sets.newRS]), fresh(r, sets.newRS));
}

function run(r: Rollout, selector: LabelSelector): number | undefined {
  const rsList = claimReplicaSets(r, selector);
  if (r.d.metadata.deletionTimestamp) {
    const sets = replicaSetsOf(r, rsList, false);
    syncDeploymentStatus(r, refresh(r, [...sets.oldRSs, sets.newRS]), fresh(r, sets.newRS));
    return undefined;
  }
  checkPausedConditions(r);
  if (r.d.spec?.paused || isScalingEvent(r, replicaSetsOf(r, rsList, false))) {
    scaleOnly(r, rsList);
    return undefined;
  }
  return isRollingUpdate(r.d) ? rolloutRolling(r, rsList) : rolloutRecreate(r, rsList);
}

export function syncDeployment(ctx: ReconcileContext, stored: Deployment): ReconcileResult | void {
  const r: Rollout = { ctx, d: clone(stored), now: ctx.clock.now() };
  const checked = problemOf(r.d);
  if ('problem' in checked) {
    event(r, 'Warning', checked.problem.reason, checked.problem.message);
    if ((r.d.status?.observedGeneration ?? 0) < (r.d.metadata.generation ?? 0)) {
      r.d.status = { ...(r.d.status ?? {}), observedGeneration: r.d.metadata.generation };
      writeStatus(r);
    }
    return;
  }
  try {
    const after = run(r, checked.selector);
    return after === undefined ? undefined : { requeueAfterMs: after };
  } catch (e) {
    if (e instanceof Halt) return e.result;
    throw e;
  }
}
