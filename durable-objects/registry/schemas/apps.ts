// apps/v1 workloads: Deployment (rollouts) and ReplicaSet (a fixed number of identical pods).
import { z } from 'zod';
import { enumOf, int32, int64, intOrString, mergeList, named, opt, req, rules, str, valueStruct, type Rules } from './dsl.ts';
import { conditionStatus } from './core-common.ts';
import type { Path } from './field-errors.ts';
import { LabelSelectorSchema, TimeSchema, type LabelSelectorShape } from './meta.ts';
import { specMatches } from '../../apiserver/selectors.ts';
import { isValidPercent, NEGATIVE_ERROR } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';
import { PodTemplateSpecSchema, type PodTemplateSpec } from './pod.ts';

const KNOWN_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function nonNegative(r: Rules, spec: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    const v = spec[k];
    if (typeof v === 'number' && v < 0) r.invalid([k], v, NEGATIVE_ERROR);
  }
}

/** apps ValidateReplicaSetSpec / ValidateDeploymentSpec selector rules (the message names deployments for both). */
function checkSelector(r: Rules, selector: LabelSelectorShape): void {
  if (!selector.matchLabels || Object.keys(selector.matchLabels).length === 0) {
    if (!selector.matchExpressions?.length) r.invalid(['selector'], selector, 'empty selector is invalid for deployment');
  }
}

/** ValidatePodTemplateSpecForReplicaSet: the template must carry the selected labels and restart forever. */
function checkTemplate(r: Rules, selector: LabelSelectorShape, template: PodTemplateSpec): void {
  const empty = !Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length;
  const parseable = (selector.matchExpressions ?? []).every((e) => KNOWN_OPERATORS.has(e.operator));
  const labels = template.metadata?.labels ?? {};
  if (!empty && parseable && !specMatches(selector, labels)) {
    r.invalid(['template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`');
  }
  const spec = template.spec;
  if (!spec) return r.required(['template', 'spec', 'containers']);
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') r.notSupported(['template', 'spec', 'restartPolicy'], spec.restartPolicy, ['Always']);
  if (spec.activeDeadlineSeconds !== undefined) r.forbidden(['template', 'spec', 'activeDeadlineSeconds'], 'activeDeadlineSeconds in ReplicaSet is not Supported');
}

/** IntOrString that must be a non-negative count or a percentage; returns the number (percent value for strings). */
function checkIntOrPercent(r: Rules, path: Path, v: number | string): number | undefined {
  if (typeof v === 'number') {
    if (v < 0) r.invalid(path, v, NEGATIVE_ERROR);
    return v;
  }
  const errs = isValidPercent(v);
  r.invalidEach(path, v, errs);
  return errs.length ? undefined : Number(v.slice(0, -1));
}

export const RollingUpdateDeploymentSchema = named(
  'io.k8s.api.apps.v1.RollingUpdateDeployment',
  'How fast a rolling update goes: how many pods may be missing and how many extra may exist meanwhile.',
  rules(
    z.object({
      maxUnavailable: opt(intOrString(), 'Pods (or percent of replicas, rounded down) that may be unavailable during the update. Defaults to 25%.'),
      maxSurge: opt(intOrString(), 'Pods (or percent of replicas, rounded up) that may exist above the desired count during the update. Defaults to 25%.'),
    }),
    (ru, r) => {
      const unavailable = ru.maxUnavailable === undefined ? undefined : checkIntOrPercent(r, ['maxUnavailable'], ru.maxUnavailable);
      const surge = ru.maxSurge === undefined ? undefined : checkIntOrPercent(r, ['maxSurge'], ru.maxSurge);
      if (unavailable === 0 && surge === 0) r.invalid(['maxUnavailable'], ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0');
      if (typeof ru.maxUnavailable === 'string' && unavailable !== undefined && unavailable > 100) r.invalid(['maxUnavailable'], ru.maxUnavailable, 'must not be greater than 100%');
    },
  ),
);

export const DeploymentStrategySchema = named(
  'io.k8s.api.apps.v1.DeploymentStrategy',
  'How old pods are replaced by new ones when the template changes.',
  rules(
    z.object({
      type: opt(enumOf(['Recreate', 'RollingUpdate']), 'RollingUpdate (gradually, the default) or Recreate (delete all old pods first).'),
      rollingUpdate: opt(RollingUpdateDeploymentSchema, 'Pace of a RollingUpdate; only with type RollingUpdate.'),
    }),
    (s, r) => {
      if (s.type === 'Recreate' && s.rollingUpdate !== undefined) r.forbidden(['rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
    },
  ),
);

export const DeploymentSpecSchema = named(
  'io.k8s.api.apps.v1.DeploymentSpec',
  'The desired state of a Deployment: how many pods, from which template, and how to roll out changes.',
  rules(
    z.object({
      replicas: opt(int32(), 'Number of pods wanted. Defaults to 1.'),
      selector: req(LabelSelectorSchema, 'Which pods belong to the Deployment; must match the template labels. Cannot change.'),
      template: req(PodTemplateSpecSchema, 'Pods are created from this; changing it starts a rollout.', valueStruct),
      strategy: opt(DeploymentStrategySchema, 'How old pods are replaced by new ones.', { ...valueStruct, 'x-kubernetes-patch-strategy': 'retainKeys' }),
      minReadySeconds: opt(int32(), 'Seconds a new pod must be ready, without crashing, to count as available. Defaults to 0.'),
      revisionHistoryLimit: opt(int32(), 'Old ReplicaSets to keep for rollbacks. Defaults to 10.'),
      paused: opt(z.boolean(), 'If true, template changes do not start a rollout (kubectl rollout pause).'),
      progressDeadlineSeconds: opt(int32(), 'Seconds without progress after which the rollout is reported as failed (ProgressDeadlineExceeded). Defaults to 600.'),
    }),
    (spec, r) => {
      nonNegative(r, spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']);
      checkSelector(r, spec.selector);
      checkTemplate(r, spec.selector, spec.template);
      if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
        r.invalid(['progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than minReadySeconds');
      }
    },
  ),
);

export const DeploymentConditionSchema = named(
  'io.k8s.api.apps.v1.DeploymentCondition',
  'One aspect of a Deployment\'s state: Available, Progressing or ReplicaFailure.',
  z.object({
    type: req(str(), 'Available, Progressing or ReplicaFailure.'),
    status: req(conditionStatus(), 'True, False or Unknown.'),
    lastUpdateTime: opt(TimeSchema, 'When the condition was last updated.'),
    lastTransitionTime: opt(TimeSchema, 'When status last changed.'),
    reason: opt(str(), 'CamelCase reason, e.g. NewReplicaSetAvailable or ProgressDeadlineExceeded.'),
    message: opt(str(), 'Human-readable details.'),
  }),
);

export const DeploymentStatusSchema = named(
  'io.k8s.api.apps.v1.DeploymentStatus',
  'The observed state of a Deployment, kept by the deployment controller.',
  z.object({
    observedGeneration: opt(int64(), 'metadata.generation the controller last acted on; behind it means a change is not processed yet.'),
    replicas: opt(int32(), 'Pods of all its ReplicaSets (old and new).'),
    updatedReplicas: opt(int32(), 'Pods created from the current template.'),
    readyReplicas: opt(int32(), 'Pods that are ready.'),
    availableReplicas: opt(int32(), 'Pods that have been ready for at least minReadySeconds.'),
    unavailableReplicas: opt(int32(), 'Pods still needed for the Deployment to be fully available.'),
    conditions: opt(z.array(DeploymentConditionSchema), 'Current conditions.', mergeList('type')),
    collisionCount: opt(int32(), 'Counter that changes the ReplicaSet name hash when two templates hash alike.'),
  }),
);

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', definition: 'io.k8s.api.apps.v1.Deployment' } as const;

export const DeploymentSchema = kindSchema(
  { ...DEPLOYMENT, description: 'Keeps a number of identical pods running from a template, and rolls out template changes gradually through ReplicaSets.', name: 'subdomain', namespaced: true },
  {
    spec: opt(DeploymentSpecSchema, 'Desired pods and rollout behaviour.', valueStruct),
    status: opt(DeploymentStatusSchema, 'Rollout progress, maintained by the controller.', valueStruct),
  },
  (d, r) => {
    if (!d.spec) r.required(['spec', 'selector']);
  },
);
export const DeploymentListSchema = listSchema(DEPLOYMENT, DeploymentSchema);

export const ReplicaSetSpecSchema = named(
  'io.k8s.api.apps.v1.ReplicaSetSpec',
  'The desired state of a ReplicaSet: how many pods, selected how, created from what.',
  rules(
    z.object({
      replicas: opt(int32(), 'Number of pods wanted. Defaults to 1.'),
      minReadySeconds: opt(int32(), 'Seconds a new pod must be ready to count as available. Defaults to 0.'),
      selector: req(LabelSelectorSchema, 'Which pods belong to the ReplicaSet; must match the template labels.'),
      template: opt(PodTemplateSpecSchema, 'Pods are created from this when there are too few.', valueStruct),
    }),
    (spec, r) => {
      nonNegative(r, spec, ['replicas', 'minReadySeconds']);
      checkSelector(r, spec.selector);
      if (spec.template) checkTemplate(r, spec.selector, spec.template);
    },
  ),
);

export const ReplicaSetConditionSchema = named(
  'io.k8s.api.apps.v1.ReplicaSetCondition',
  'One aspect of a ReplicaSet\'s state, e.g. ReplicaFailure.',
  z.object({
    type: req(str(), 'Condition type, e.g. ReplicaFailure.'),
    status: req(conditionStatus(), 'True, False or Unknown.'),
    lastTransitionTime: opt(TimeSchema, 'When status last changed.'),
    reason: opt(str(), 'CamelCase reason, e.g. FailedCreate.'),
    message: opt(str(), 'Human-readable details.'),
  }),
);

export const ReplicaSetStatusSchema = named(
  'io.k8s.api.apps.v1.ReplicaSetStatus',
  'The observed state of a ReplicaSet, kept by the replicaset controller.',
  z.object({
    replicas: req(int32(), 'Pods currently owned.'),
    fullyLabeledReplicas: opt(int32(), 'Pods whose labels match the template labels.'),
    readyReplicas: opt(int32(), 'Pods that are ready.'),
    availableReplicas: opt(int32(), 'Pods ready for at least minReadySeconds.'),
    observedGeneration: opt(int64(), 'metadata.generation the controller last acted on.'),
    conditions: opt(z.array(ReplicaSetConditionSchema), 'Current conditions.', mergeList('type')),
  }),
);

const REPLICASET = { apiVersion: 'apps/v1', kind: 'ReplicaSet', definition: 'io.k8s.api.apps.v1.ReplicaSet' } as const;

export const ReplicaSetSchema = kindSchema(
  { ...REPLICASET, description: 'Keeps a fixed number of pods matching its selector running; usually managed by a Deployment.', name: 'subdomain', namespaced: true },
  {
    spec: opt(ReplicaSetSpecSchema, 'Desired pods.', valueStruct),
    status: opt(ReplicaSetStatusSchema, 'Observed pods, maintained by the controller.', valueStruct),
  },
  (rs, r) => {
    if (!rs.spec) r.required(['spec', 'selector']);
  },
);
export const ReplicaSetListSchema = listSchema(REPLICASET, ReplicaSetSchema);

export type RollingUpdateDeployment = z.infer<typeof RollingUpdateDeploymentSchema>;
export type DeploymentStrategy = z.infer<typeof DeploymentStrategySchema>;
export type DeploymentSpec = z.infer<typeof DeploymentSpecSchema>;
export type DeploymentStatus = z.infer<typeof DeploymentStatusSchema>;
export type DeploymentCondition = z.infer<typeof DeploymentConditionSchema>;
export type Deployment = z.infer<typeof DeploymentSchema>;
export type ReplicaSetSpec = z.infer<typeof ReplicaSetSpecSchema>;
export type ReplicaSetStatus = z.infer<typeof ReplicaSetStatusSchema>;
export type ReplicaSetCondition = z.infer<typeof ReplicaSetConditionSchema>;
export type ReplicaSet = z.infer<typeof ReplicaSetSchema>;
