// core/v1 Pod, PodSpec and PodTemplateSpec (k8s.io/api/core/v1/generated.proto).
import { bool, i32, i64, KEEP, list, map, message, msg, str, time } from '../descriptor.ts';
import { Container, ResourceRequirements } from './container.ts';
import { LocalObjectReference } from './env.ts';
import { ObjectMeta } from './meta.ts';
import { PodSecurityContext } from './security.ts';
import { Volume } from './volume.ts';

export const Toleration = message('Toleration', [
  str(1, 'key'),
  str(2, 'operator'),
  str(3, 'value'),
  str(4, 'effect'),
  i64(5, 'tolerationSeconds', KEEP),
]);

export const HostAlias = message('HostAlias', [str(1, 'ip', KEEP), list(2, 'hostnames', 'string')]);

export const PodDNSConfigOption = message('PodDNSConfigOption', [str(1, 'name'), str(2, 'value', KEEP)]);

export const PodDNSConfig = message('PodDNSConfig', [
  list(1, 'nameservers', 'string'),
  list(2, 'searches', 'string'),
  list(3, 'options', PodDNSConfigOption),
]);

export const PodReadinessGate = message('PodReadinessGate', [str(1, 'conditionType', KEEP)]);
export const PodOS = message('PodOS', [str(1, 'name', KEEP)]);
export const PodSchedulingGate = message('PodSchedulingGate', [str(1, 'name', KEEP)]);

// Not covered (unknown, so dropped): affinity, topologySpreadConstraints, ephemeralContainers, resourceClaims;
// kubectl's generators never send them.
export const PodSpec = message('PodSpec', [
  list(1, 'volumes', Volume),
  list(20, 'initContainers', Container),
  list(2, 'containers', Container),
  str(3, 'restartPolicy'),
  i64(4, 'terminationGracePeriodSeconds', KEEP),
  i64(5, 'activeDeadlineSeconds', KEEP),
  str(6, 'dnsPolicy'),
  map(7, 'nodeSelector', 'string'),
  str(8, 'serviceAccountName'),
  str(9, 'serviceAccount'),
  bool(21, 'automountServiceAccountToken', KEEP),
  str(10, 'nodeName'),
  bool(11, 'hostNetwork'),
  bool(12, 'hostPID'),
  bool(13, 'hostIPC'),
  bool(27, 'shareProcessNamespace', KEEP),
  msg(14, 'securityContext', PodSecurityContext),
  list(15, 'imagePullSecrets', LocalObjectReference),
  str(16, 'hostname'),
  str(17, 'subdomain'),
  str(19, 'schedulerName'),
  list(22, 'tolerations', Toleration),
  list(23, 'hostAliases', HostAlias),
  str(24, 'priorityClassName'),
  i32(25, 'priority', KEEP),
  msg(26, 'dnsConfig', PodDNSConfig),
  list(28, 'readinessGates', PodReadinessGate),
  str(29, 'runtimeClassName', KEEP),
  bool(30, 'enableServiceLinks', KEEP),
  str(31, 'preemptionPolicy', KEEP),
  map(32, 'overhead', 'quantity'),
  bool(35, 'setHostnameAsFQDN', KEEP),
  msg(36, 'os', PodOS),
  bool(37, 'hostUsers', KEEP),
  list(38, 'schedulingGates', PodSchedulingGate),
  msg(40, 'resources', ResourceRequirements),
]);

// Clients cannot set status on create; the scalars are decoded so nothing surprising is silently lost.
export const PodStatus = message('PodStatus', [
  str(1, 'phase'),
  str(3, 'message'),
  str(4, 'reason'),
  str(11, 'nominatedNodeName'),
  str(5, 'hostIP'),
  str(6, 'podIP'),
  time(7, 'startTime'),
  str(9, 'qosClass'),
]);

export const PodTemplateSpec = message('PodTemplateSpec', [msg(1, 'metadata', ObjectMeta), msg(2, 'spec', PodSpec)]);

export const Pod = message('Pod', [msg(1, 'metadata', ObjectMeta), msg(2, 'spec', PodSpec), msg(3, 'status', PodStatus)]);
