// core/v1 ConfigMap, Secret, Namespace and ServiceAccount (k8s.io/api/core/v1/generated.proto).
import { bool, KEEP, list, map, message, msg, str } from '../descriptor.ts';
import { LocalObjectReference } from './env.ts';
import { ObjectMeta } from './meta.ts';

export const ConfigMap = message('ConfigMap', [
  msg(1, 'metadata', ObjectMeta),
  bool(4, 'immutable', KEEP),
  map(2, 'data', 'string'),
  map(3, 'binaryData', 'bytes'),
]);

export const Secret = message('Secret', [
  msg(1, 'metadata', ObjectMeta),
  bool(5, 'immutable', KEEP),
  map(2, 'data', 'bytes'),
  map(4, 'stringData', 'string'),
  str(3, 'type'),
]);

export const NamespaceSpec = message('NamespaceSpec', [list(1, 'finalizers', 'string')]);

export const NamespaceStatus = message('NamespaceStatus', [str(1, 'phase')]);

export const Namespace = message('Namespace', [
  msg(1, 'metadata', ObjectMeta),
  msg(2, 'spec', NamespaceSpec),
  msg(3, 'status', NamespaceStatus),
]);

export const ObjectReference = message('ObjectReference', [
  str(1, 'kind'),
  str(2, 'namespace'),
  str(3, 'name'),
  str(4, 'uid'),
  str(5, 'apiVersion'),
  str(6, 'resourceVersion'),
  str(7, 'fieldPath'),
]);

export const ServiceAccount = message('ServiceAccount', [
  msg(1, 'metadata', ObjectMeta),
  list(2, 'secrets', ObjectReference),
  list(3, 'imagePullSecrets', LocalObjectReference),
  bool(4, 'automountServiceAccountToken', KEEP),
]);
