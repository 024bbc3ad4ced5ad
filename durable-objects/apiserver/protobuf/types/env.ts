// core/v1 environment sources for containers (k8s.io/api/core/v1/generated.proto).
import { bool, inline, KEEP, message, msg, quantity, str } from '../descriptor.ts';

export const LocalObjectReference = message('LocalObjectReference', [str(1, 'name')]);

export const ObjectFieldSelector = message('ObjectFieldSelector', [
  str(1, 'apiVersion'),
  str(2, 'fieldPath', KEEP),
]);

export const ResourceFieldSelector = message('ResourceFieldSelector', [
  str(1, 'containerName'),
  str(2, 'resource', KEEP),
  quantity(3, 'divisor'),
]);

export const ConfigMapKeySelector = message('ConfigMapKeySelector', [
  inline(1, LocalObjectReference),
  str(2, 'key', KEEP),
  bool(3, 'optional', KEEP),
]);

export const SecretKeySelector = message('SecretKeySelector', [
  inline(1, LocalObjectReference),
  str(2, 'key', KEEP),
  bool(3, 'optional', KEEP),
]);

export const EnvVarSource = message('EnvVarSource', [
  msg(1, 'fieldRef', ObjectFieldSelector),
  msg(2, 'resourceFieldRef', ResourceFieldSelector),
  msg(3, 'configMapKeyRef', ConfigMapKeySelector),
  msg(4, 'secretKeyRef', SecretKeySelector),
]);

export const EnvVar = message('EnvVar', [
  str(1, 'name', KEEP),
  str(2, 'value'),
  msg(3, 'valueFrom', EnvVarSource),
]);

export const ConfigMapEnvSource = message('ConfigMapEnvSource', [inline(1, LocalObjectReference), bool(2, 'optional', KEEP)]);

export const SecretEnvSource = message('SecretEnvSource', [inline(1, LocalObjectReference), bool(2, 'optional', KEEP)]);

export const EnvFromSource = message('EnvFromSource', [
  str(1, 'prefix'),
  msg(2, 'configMapRef', ConfigMapEnvSource),
  msg(3, 'secretRef', SecretEnvSource),
]);
