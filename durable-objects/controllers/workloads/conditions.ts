// Deployment conditions, with upstream's rule: same status and reason leave a condition alone; a change of reason
// under the same status keeps lastTransitionTime; the replaced condition moves to the end of the list.
import { rfc3339 } from '../../apiserver/context.ts';
import type { DeploymentCondition, DeploymentStatus } from '../../registry/schemas/index.ts';

export type ConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export function newCondition(type: ConditionType, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(s: DeploymentStatus | undefined, type: ConditionType): DeploymentCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type as ConditionType);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: ConditionType): void {
  if (!s.conditions) return;
  s.conditions = s.conditions.filter((x) => x.type !== type);
  if (!s.conditions.length) delete s.conditions;
}

export const REASONS = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  failedRSCreate: 'ReplicaSetCreateError',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minAvailable: 'MinimumReplicasAvailable',
  minUnavailable: 'MinimumReplicasUnavailable',
} as const;
