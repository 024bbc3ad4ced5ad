// Service: a stable virtual IP and DNS name in front of the pods its selector matches.
import { z } from 'zod';
import { atomicList, atomicMap, enumOf, int32, intOrString, mergeList, named, opt, req, rules, str, strings, stringMap, valueStruct, type Rules } from './dsl.ts';
import { protocol } from './core-common.ts';
import type { Path } from './field-errors.ts';
import { checkLabels, ConditionSchema } from './meta.ts';
import { IP_ERROR, isIP, specialIPProblem } from './net.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';
import { checkPortNumOrName } from './probes.ts';

/** The node port range of a default cluster (apiserver's --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

export const ServicePortSchema = named(
  'io.k8s.api.core.v1.ServicePort',
  'A port the Service exposes and where traffic to it goes.',
  z.object({
    name: opt(str(), 'Name of the port (a DNS label); required when the Service has more than one port.'),
    protocol: opt(protocol(), 'TCP, UDP or SCTP. Defaults to TCP.', { default: 'TCP' }),
    appProtocol: opt(str(), 'Application protocol hint, e.g. http, kubernetes.io/h2c.'),
    port: req(int32(), 'Port number the Service listens on.'),
    targetPort: opt(intOrString(), 'Port (number or container port name) on the pods to send traffic to. Defaults to port.'),
    nodePort: opt(int32(), 'Port opened on every node for NodePort and LoadBalancer Services; allocated automatically if unset.'),
  }),
);

export const ClientIPConfigSchema = named(
  'io.k8s.api.core.v1.ClientIPConfig',
  'Settings for client-IP session affinity.',
  z.object({
    timeoutSeconds: opt(int32(), 'How long a client sticks to the same pod (1-86400 seconds). Defaults to 10800.'),
  }),
);

export const SessionAffinityConfigSchema = named(
  'io.k8s.api.core.v1.SessionAffinityConfig',
  'Settings for session affinity.',
  z.object({
    clientIP: opt(ClientIPConfigSchema, 'Settings for ClientIP affinity.'),
  }),
);

export const PortStatusSchema = named(
  'io.k8s.api.core.v1.PortStatus',
  'Status of one load balancer port.',
  z.object({
    port: req(int32(), 'Port number.'),
    protocol: req(protocol(), 'TCP, UDP or SCTP.'),
    error: opt(str(), 'Problem with this port, as a CamelCase reason; empty when fine.'),
  }),
);

export const LoadBalancerIngressSchema = named(
  'io.k8s.api.core.v1.LoadBalancerIngress',
  'An address where the load balancer accepts traffic.',
  z.object({
    ip: opt(str(), 'IP address of the load balancer.'),
    hostname: opt(str(), 'DNS name of the load balancer.'),
    ipMode: opt(enumOf(['VIP', 'Proxy']), 'VIP (traffic arrives with the load balancer IP as destination) or Proxy.'),
    ports: opt(z.array(PortStatusSchema), 'Status of each port.', atomicList),
  }),
);

export const LoadBalancerStatusSchema = named(
  'io.k8s.api.core.v1.LoadBalancerStatus',
  'Where the external load balancer of a Service is reachable.',
  z.object({
    ingress: opt(z.array(LoadBalancerIngressSchema), 'Load balancer addresses.', atomicList),
  }),
);

const serviceSpecShape = z.object({
  ports: opt(z.array(ServicePortSchema), 'Ports the Service exposes.', mergeList('port', ['port', 'protocol'])),
  selector: opt(stringMap(), 'Pods with all these labels receive the traffic. Without a selector, endpoints are managed by hand.', atomicMap),
  clusterIP: opt(str(), 'Virtual IP of the Service, allocated automatically; "None" makes a headless Service.'),
  clusterIPs: opt(strings(), 'Virtual IPs of the Service, one per IP family; the first equals clusterIP.', atomicList),
  type: opt(enumOf(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']), 'ClusterIP (in-cluster only, the default), NodePort, LoadBalancer or ExternalName (a DNS alias).'),
  externalIPs: opt(strings(), 'Extra IPs, managed outside Kubernetes, on which nodes accept traffic for the Service.', atomicList),
  sessionAffinity: opt(enumOf(['ClientIP', 'None']), 'ClientIP to send each client to the same pod, or None (the default).'),
  loadBalancerIP: opt(str(), 'Deprecated: requested load balancer IP.'),
  loadBalancerSourceRanges: opt(strings(), 'Client CIDRs allowed through the load balancer.', atomicList),
  externalName: opt(str(), 'DNS name this Service is an alias (CNAME) for; only for type ExternalName.'),
  externalTrafficPolicy: opt(enumOf(['Cluster', 'Local']), 'For external traffic: Cluster (any node forwards to any pod) or Local (only to pods on the receiving node, keeping the client IP).'),
  healthCheckNodePort: opt(int32(), 'Node port for load balancer health checks, with externalTrafficPolicy Local.'),
  publishNotReadyAddresses: opt(z.boolean(), 'Include pods that are not ready in endpoints and DNS.'),
  sessionAffinityConfig: opt(SessionAffinityConfigSchema, 'Extra settings for the chosen sessionAffinity, e.g. the ClientIP timeout.'),
  ipFamilies: opt(z.array(enumOf(['IPv4', 'IPv6'])), 'IP families of the cluster IPs, in order.', atomicList),
  ipFamilyPolicy: opt(enumOf(['SingleStack', 'PreferDualStack', 'RequireDualStack']), 'SingleStack, PreferDualStack or RequireDualStack.'),
  allocateLoadBalancerNodePorts: opt(z.boolean(), 'Whether LoadBalancer Services get node ports. Defaults to true.'),
  loadBalancerClass: opt(str(), 'Which load balancer implementation handles the Service.'),
  internalTrafficPolicy: opt(enumOf(['Cluster', 'Local']), 'For in-cluster traffic: Cluster (any pod, the default) or Local (only pods on the same node).'),
  trafficDistribution: opt(str(), 'Routing preference, e.g. PreferClose.'),
});
type ServiceSpecShape = z.output<typeof serviceSpecShape>;


function checkServicePorts(r: Rules, spec: ServiceSpecShape, headless: boolean): void {
  const ports = spec.ports ?? [];
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    const p: Path = ['ports', i];
    if (ports.length > 1 && !sp.name) r.required([...p, 'name']);
    else if (sp.name) {
      r.invalidEach([...p, 'name'], sp.name, isDNS1123Label(sp.name));
      if (names.has(sp.name)) r.duplicate([...p, 'name'], sp.name);
      names.add(sp.name);
    }
    r.invalidEach([...p, 'port'], sp.port, isValidPortNum(sp.port));
    if (sp.targetPort !== undefined) checkPortNumOrName(r, [...p, 'targetPort'], sp.targetPort);
    if (sp.appProtocol !== undefined) r.invalidEach([...p, 'appProtocol'], sp.appProtocol, isQualifiedName(sp.appProtocol));
    if (sp.nodePort) {
      if ((spec.type ?? 'ClusterIP') === 'ClusterIP') r.forbidden([...p, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
      else if (sp.nodePort < NODE_PORT_RANGE.min || sp.nodePort > NODE_PORT_RANGE.max) {
        r.invalid([...p, 'nodePort'], sp.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
      }
      const nk = `${sp.protocol ?? 'TCP'}/${sp.nodePort}`;
      if (nodePorts.has(nk)) r.duplicate([...p, 'nodePort'], sp.nodePort);
      nodePorts.add(nk);
    }
    const key = `${sp.protocol ?? 'TCP'}/${sp.port}`;
    if (seen.has(key)) r.duplicate(p, { port: sp.port, protocol: sp.protocol ?? 'TCP' });
    seen.add(key);
  });
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') r.required(['ports']);
}

function checkServiceSpec(r: Rules, spec: ServiceSpecShape): void {
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  checkServicePorts(r, spec, headless);
  checkLabels(r, ['selector'], spec.selector);
  if ((type === 'NodePort' || type === 'LoadBalancer') && headless) r.invalid(['clusterIPs', 0], 'None', `may not be set to 'None' for ${type} services`);
  if (type === 'ExternalName') {
    if (spec.clusterIPs?.length) r.forbidden(['clusterIPs'], 'may not be set for ExternalName services');
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (!cname) r.required(['externalName']);
    else r.invalidEach(['externalName'], cname, isDNS1123Subdomain(cname));
  }
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isIP(spec.clusterIP)) r.invalid(['clusterIP'], spec.clusterIP, IP_ERROR);
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP && ips.length && ips[0] !== spec.clusterIP) r.invalid(['clusterIPs'], ips, 'first value must match `clusterIP`');
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) r.invalid(['clusterIPs'], ips, "'None' must be the first and only value");
    } else if (!isIP(ip)) r.invalid(['clusterIPs', i], ip, IP_ERROR);
  });
  const families = new Set<string>();
  spec.ipFamilies?.forEach((f, i) => {
    if (families.has(f)) r.duplicate(['ipFamilies', i], f);
    families.add(f);
  });
  spec.externalIPs?.forEach((ip, i) => {
    if (!isIP(ip)) return r.invalid(['externalIPs', i], ip, IP_ERROR);
    const special = specialIPProblem(ip);
    if (special) r.invalid(['externalIPs', i], ip, special);
  });
  if (spec.sessionAffinity !== 'ClientIP' && spec.sessionAffinityConfig) r.forbidden(['sessionAffinityConfig'], 'must not be set when session affinity is None');
  const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (spec.sessionAffinity === 'ClientIP' && t !== undefined && (t <= 0 || t > 86400)) {
    r.invalid(['sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], t, 'must be greater than 0 and less than 86400');
  }
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
  if (!external && spec.externalTrafficPolicy !== undefined) r.invalid(['externalTrafficPolicy'], spec.externalTrafficPolicy, 'may only be set for externally-accessible services');
  if (spec.healthCheckNodePort && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    r.invalid(['healthCheckNodePort'], spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  }
}

export const ServiceSpecSchema = named(
  'io.k8s.api.core.v1.ServiceSpec',
  'How the Service is exposed and which pods receive its traffic.',
  rules(serviceSpecShape, (spec, r) => checkServiceSpec(r, spec)),
);

export const ServiceStatusSchema = named(
  'io.k8s.api.core.v1.ServiceStatus',
  'The observed state of a Service.',
  z.object({
    loadBalancer: opt(LoadBalancerStatusSchema, 'Load balancer addresses, for type LoadBalancer.', valueStruct),
    conditions: opt(z.array(ConditionSchema), 'Current conditions.', mergeList('type')),
  }),
);

const SERVICE = { apiVersion: 'v1', kind: 'Service', definition: 'io.k8s.api.core.v1.Service' } as const;

export const ServiceSchema = kindSchema(
  { ...SERVICE, description: 'A stable virtual IP and DNS name that load-balances traffic over the pods its selector matches.', name: 'dns1035', namespaced: true },
  {
    spec: opt(ServiceSpecSchema, 'How the Service is exposed and which pods get the traffic.', valueStruct),
    status: opt(ServiceStatusSchema, 'Observed state, e.g. the load balancer address.', valueStruct),
  },
  (svc, r) => {
    if (!svc.spec) r.required(['spec', 'ports']);
  },
);
export const ServiceListSchema = listSchema(SERVICE, ServiceSchema);

export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type ServicePort = z.infer<typeof ServicePortSchema>;
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;
export type LoadBalancerIngress = z.infer<typeof LoadBalancerIngressSchema>;
export type Service = z.infer<typeof ServiceSchema>;
