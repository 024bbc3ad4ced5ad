// apps/v1 Deployment (k8s.io/api/apps/v1/generated.proto).
import { bool, i32, i64, intOrString, KEEP, message, msg, str } from '../descriptor.ts';
import { LabelSelector, ObjectMeta } from './meta.ts';
import { PodTemplateSpec } from './pod.ts';

export const RollingUpdateDeployment = message('RollingUpdateDeployment', [intOrString(1, 'maxUnavailable'), intOrString(2, 'maxSurge')]);

export const DeploymentStrategy = message('DeploymentStrategy', [str(1, 'type'), msg(2, 'rollingUpdate', RollingUpdateDeployment)]);

export const DeploymentSpec = message('DeploymentSpec', [
  i32(1, 'replicas', KEEP),
  msg(2, 'selector', LabelSelector),
  msg(3, 'template', PodTemplateSpec),
  msg(4, 'strategy', DeploymentStrategy),
  i32(5, 'minReadySeconds'),
  i32(6, 'revisionHistoryLimit', KEEP),
  bool(7, 'paused'),
  i32(9, 'progressDeadlineSeconds', KEEP),
]);

// Clients cannot set status on create; kubectl sends it all-zero, which renders as `{}`.
export const DeploymentStatus = message('DeploymentStatus', [
  i64(1, 'observedGeneration'),
  i32(2, 'replicas'),
  i32(3, 'updatedReplicas'),
  i32(7, 'readyReplicas'),
  i32(4, 'availableReplicas'),
  i32(5, 'unavailableReplicas'),
  i32(8, 'collisionCount', KEEP),
]);

export const Deployment = message('Deployment', [
  msg(1, 'metadata', ObjectMeta),
  msg(2, 'spec', DeploymentSpec),
  msg(3, 'status', DeploymentStatus),
]);
