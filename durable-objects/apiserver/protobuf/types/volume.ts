// core/v1 volumes and mounts: the common volume sources only (k8s.io/api/core/v1/generated.proto).
import { bool, i32, inline, KEEP, list, message, msg, quantity, str } from '../descriptor.ts';
import { LocalObjectReference } from './env.ts';

export const KeyToPath = message('KeyToPath', [str(1, 'key', KEEP), str(2, 'path', KEEP), i32(3, 'mode', KEEP)]);

export const HostPathVolumeSource = message('HostPathVolumeSource', [str(1, 'path', KEEP), str(2, 'type', KEEP)]);

export const EmptyDirVolumeSource = message('EmptyDirVolumeSource', [str(1, 'medium'), quantity(2, 'sizeLimit')]);

export const SecretVolumeSource = message('SecretVolumeSource', [
  str(1, 'secretName'),
  list(2, 'items', KeyToPath),
  i32(3, 'defaultMode', KEEP),
  bool(4, 'optional', KEEP),
]);

export const ConfigMapVolumeSource = message('ConfigMapVolumeSource', [
  inline(1, LocalObjectReference),
  list(2, 'items', KeyToPath),
  i32(3, 'defaultMode', KEEP),
  bool(4, 'optional', KEEP),
]);

export const PersistentVolumeClaimVolumeSource = message('PersistentVolumeClaimVolumeSource', [
  str(1, 'claimName', KEEP),
  bool(2, 'readOnly'),
]);

// Other sources (nfs, csi, projected, ...) are unknown fields here and are dropped, like any unknown field.
export const VolumeSource = message('VolumeSource', [
  msg(1, 'hostPath', HostPathVolumeSource),
  msg(2, 'emptyDir', EmptyDirVolumeSource),
  msg(6, 'secret', SecretVolumeSource),
  msg(10, 'persistentVolumeClaim', PersistentVolumeClaimVolumeSource),
  msg(19, 'configMap', ConfigMapVolumeSource),
]);

export const Volume = message('Volume', [str(1, 'name', KEEP), inline(2, VolumeSource)]);

export const VolumeMount = message('VolumeMount', [
  str(1, 'name', KEEP),
  bool(2, 'readOnly'),
  str(7, 'recursiveReadOnly', KEEP),
  str(3, 'mountPath', KEEP),
  str(4, 'subPath'),
  str(5, 'mountPropagation', KEEP),
  str(6, 'subPathExpr'),
]);

export const VolumeDevice = message('VolumeDevice', [str(1, 'name', KEEP), str(2, 'devicePath', KEEP)]);
