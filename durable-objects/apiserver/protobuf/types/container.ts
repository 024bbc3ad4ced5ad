// core/v1 Container and its ports and resources (k8s.io/api/core/v1/generated.proto).
import { bool, i32, KEEP, list, map, message, msg, str } from '../descriptor.ts';
import { EnvFromSource, EnvVar } from './env.ts';
import { Lifecycle, Probe } from './probe.ts';
import { SecurityContext } from './security.ts';
import { VolumeDevice, VolumeMount } from './volume.ts';

export const ContainerPort = message('ContainerPort', [
  str(1, 'name'),
  i32(2, 'hostPort'),
  i32(3, 'containerPort', KEEP),
  str(4, 'protocol'),
  str(5, 'hostIP'),
]);

export const ResourceClaim = message('ResourceClaim', [str(1, 'name', KEEP), str(2, 'request')]);

export const ResourceRequirements = message('ResourceRequirements', [
  map(1, 'limits', 'quantity'),
  map(2, 'requests', 'quantity'),
  list(3, 'claims', ResourceClaim),
]);

export const ContainerResizePolicy = message('ContainerResizePolicy', [str(1, 'resourceName', KEEP), str(2, 'restartPolicy', KEEP)]);

export const Container = message('Container', [
  str(1, 'name', KEEP),
  str(2, 'image'),
  list(3, 'command', 'string'),
  list(4, 'args', 'string'),
  str(5, 'workingDir'),
  list(6, 'ports', ContainerPort),
  list(19, 'envFrom', EnvFromSource),
  list(7, 'env', EnvVar),
  msg(8, 'resources', ResourceRequirements),
  list(23, 'resizePolicy', ContainerResizePolicy),
  str(24, 'restartPolicy', KEEP),
  list(9, 'volumeMounts', VolumeMount),
  list(21, 'volumeDevices', VolumeDevice),
  msg(10, 'livenessProbe', Probe),
  msg(11, 'readinessProbe', Probe),
  msg(22, 'startupProbe', Probe),
  msg(12, 'lifecycle', Lifecycle),
  str(13, 'terminationMessagePath'),
  str(20, 'terminationMessagePolicy'),
  str(14, 'imagePullPolicy'),
  msg(15, 'securityContext', SecurityContext),
  bool(16, 'stdin'),
  bool(17, 'stdinOnce'),
  bool(18, 'tty'),
]);
