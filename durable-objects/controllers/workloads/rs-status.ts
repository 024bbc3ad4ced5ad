// What a ReplicaSet reports: counts of its active pods, the generation it acted on, and a ReplicaFailure condition.
import { rfc3339 } from '../../apiserver/context.ts';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../../registry/schemas/index.ts';
import { availableFrom, isReady } from './pods.ts';
import type { Failure } from './rs-pods.ts';

export interface StatusResult {
  status: ReplicaSetStatus;
  /** When the next ready pod turns available (minReadySeconds), if one is waiting. */
  nextAvailableAt?: number;
}

function fullyLabeled(p: Pod, want: Record<string, string>): boolean {
  const have = p.metadata.labels ?? {};
  for (const k in want) if (have[k] !== want[k]) return false;
  return true;
}

/** Zero counts are omitted, as the API's omitempty fields are. */
export function replicaSetStatus(rs: ReplicaSet, active: Pod[], failure: Failure | undefined, now: number): StatusResult {
  const want = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let labeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailableAt: number | undefined;
  for (const p of active) {
    if (fullyLabeled(p, want)) labeled++;
    if (!isReady(p)) continue;
    ready++;
    const at = availableFrom(p, minReady);
    if (at === undefined) continue;
    if (at <= now) available++;
    else if (nextAvailableAt === undefined || at < nextAvailableAt) nextAvailableAt = at;
  }
  const status: ReplicaSetStatus = { replicas: active.length };
  if (labeled) status.fullyLabeledReplicas = labeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const prior = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  // A failure that goes on keeps its first condition; upstream does not rewrite the message on every retry.
  if (failure) conditions.push(prior ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason: failure.reason, message: failure.message });
  if (conditions.length) status.conditions = conditions;
  return { status, nextAvailableAt };
}
