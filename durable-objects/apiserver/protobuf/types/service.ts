// core/v1 Service (k8s.io/api/core/v1/generated.proto).
import { bool, i32, intOrString, KEEP, list, map, message, msg, str } from '../descriptor.ts';
import { ObjectMeta } from './meta.ts';

export const ServicePort = message('ServicePort', [
  str(1, 'name'),
  str(2, 'protocol'),
  str(6, 'appProtocol', KEEP),
  i32(3, 'port', KEEP),
  intOrString(4, 'targetPort'),
  i32(5, 'nodePort'),
]);

export const ClientIPConfig = message('ClientIPConfig', [i32(1, 'timeoutSeconds', KEEP)]);

export const SessionAffinityConfig = message('SessionAffinityConfig', [msg(1, 'clientIP', ClientIPConfig)]);

export const ServiceSpec = message('ServiceSpec', [
  list(1, 'ports', ServicePort),
  map(2, 'selector', 'string'),
  str(3, 'clusterIP'),
  list(18, 'clusterIPs', 'string'),
  str(4, 'type'),
  list(5, 'externalIPs', 'string'),
  str(7, 'sessionAffinity'),
  str(8, 'loadBalancerIP'),
  list(9, 'loadBalancerSourceRanges', 'string'),
  str(10, 'externalName'),
  str(11, 'externalTrafficPolicy'),
  i32(12, 'healthCheckNodePort'),
  bool(13, 'publishNotReadyAddresses'),
  msg(14, 'sessionAffinityConfig', SessionAffinityConfig),
  list(19, 'ipFamilies', 'string'),
  str(17, 'ipFamilyPolicy', KEEP),
  bool(20, 'allocateLoadBalancerNodePorts', KEEP),
  str(21, 'loadBalancerClass', KEEP),
  str(22, 'internalTrafficPolicy', KEEP),
  str(23, 'trafficDistribution', KEEP),
]);

export const LoadBalancerIngress = message('LoadBalancerIngress', [str(1, 'ip'), str(2, 'hostname'), str(3, 'ipMode', KEEP)]);

export const LoadBalancerStatus = message('LoadBalancerStatus', [list(1, 'ingress', LoadBalancerIngress)]);

// kubectl sends an all-zero status; it decodes to `{loadBalancer: {}}`, as kubectl prints it.
export const ServiceStatus = message('ServiceStatus', [msg(1, 'loadBalancer', LoadBalancerStatus)]);

export const Service = message('Service', [
  msg(1, 'metadata', ObjectMeta),
  msg(2, 'spec', ServiceSpec),
  msg(3, 'status', ServiceStatus),
]);
