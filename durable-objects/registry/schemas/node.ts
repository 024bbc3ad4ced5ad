// Node: a machine pods run on (simulated here); spec holds taints and pod CIDRs, status what the kubelet reports.
import { z } from 'zod';
import { atomicList, enumOf, int32, int64, mergeList, named, opt, req, rules, str, strings, valueStruct, type Rules } from './dsl.ts';
import { conditionStatus, resourceList } from './core-common.ts';
import { TimeSchema } from './meta.ts';
import { CIDR_ERROR, isCIDR, isIPv4 } from './net.ts';
import { kindSchema, listSchema } from './objects.ts';
import { TaintSchema } from './scheduling.ts';

const nodeSpecShape = z.object({
  podCIDR: opt(str(), 'Pod IP range assigned to the node; same as podCIDRs[0].'),
  podCIDRs: opt(strings(), 'Pod IP ranges assigned to the node, at most one per IP family.', { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' }),
  providerID: opt(str(), 'ID of the machine in the cloud provider, as <provider>://<id>.'),
  unschedulable: opt(z.boolean(), 'If true, no new pods are scheduled here (kubectl cordon).'),
  taints: opt(z.array(TaintSchema), 'Taints that repel pods without a matching toleration.', atomicList),
  externalID: opt(str(), 'Deprecated and ignored.'),
});
type NodeSpecShape = z.output<typeof nodeSpecShape>;

function checkNodeSpec(r: Rules, spec: NodeSpecShape): void {
  const seen = new Set<string>();
  spec.taints?.forEach((t, i) => {
    const key = `${t.effect}\u0000${t.key}`;
    if (seen.has(key)) r.duplicate(['taints', i], t, 'taints must be unique by key and effect pair');
    seen.add(key);
  });
  const cidrs = spec.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isCIDR(c)) r.invalid(['podCIDRs', i], c, CIDR_ERROR);
  });
  if (cidrs.length > 1 && (cidrs.length > 2 || cidrs.every(isCidrV4) || !cidrs.some(isCidrV4))) {
    r.invalid(['podCIDRs'], cidrs, 'may specify no more than one CIDR for each IP family');
  }
}
const isCidrV4 = (c: string) => isIPv4(c.split('/')[0] ?? '');

export const NodeSpecSchema = named(
  'io.k8s.api.core.v1.NodeSpec',
  'How a node should be treated: which pod IP ranges it owns, whether it takes new pods, and its taints.',
  rules(nodeSpecShape, (spec, r) => checkNodeSpec(r, spec)),
);

export const NodeConditionSchema = named(
  'io.k8s.api.core.v1.NodeCondition',
  'One aspect of node health, e.g. Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.',
  z.object({
    type: req(str(), 'Condition type, e.g. Ready.'),
    status: req(conditionStatus(), 'True, False or Unknown (the node stopped reporting).'),
    lastHeartbeatTime: opt(TimeSchema, 'When the kubelet last reported this condition.'),
    lastTransitionTime: opt(TimeSchema, 'When status last changed.'),
    reason: opt(str(), 'CamelCase reason for the last transition, e.g. KubeletReady.'),
    message: opt(str(), 'Human-readable details.'),
  }),
);

export const NodeAddressSchema = named(
  'io.k8s.api.core.v1.NodeAddress',
  'One address of the node.',
  z.object({
    type: req(str(), 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.'),
    address: req(str(), 'The address.'),
  }),
);

export const DaemonEndpointSchema = named(
  'io.k8s.api.core.v1.DaemonEndpoint',
  'A port a node daemon listens on.',
  z.object({
    Port: req(int32(), 'Port number.'),
  }),
);

export const NodeDaemonEndpointsSchema = named(
  'io.k8s.api.core.v1.NodeDaemonEndpoints',
  'Ports of the daemons running on the node.',
  z.object({
    kubeletEndpoint: opt(DaemonEndpointSchema, 'Port the kubelet serves its API on (logs, exec).', valueStruct),
  }),
);

export const NodeSystemInfoSchema = named(
  'io.k8s.api.core.v1.NodeSystemInfo',
  'Software and machine identifiers of the node.',
  z.object({
    machineID: req(str(), 'Machine ID from /etc/machine-id.'),
    systemUUID: req(str(), 'System UUID from the hardware.'),
    bootID: req(str(), 'ID of the current boot.'),
    kernelVersion: req(str(), 'Kernel version (uname -r).'),
    osImage: req(str(), 'OS image, e.g. Debian GNU/Linux 12 (bookworm).'),
    containerRuntimeVersion: req(str(), 'Container runtime and version, e.g. containerd://1.7.0.'),
    kubeletVersion: req(str(), 'Kubelet version.'),
    kubeProxyVersion: req(str(), 'Deprecated; kube-proxy version as reported by the kubelet.'),
    operatingSystem: req(str(), 'linux or windows.'),
    architecture: req(str(), 'CPU architecture, e.g. amd64 or arm64.'),
  }),
);

export const ContainerImageSchema = named(
  'io.k8s.api.core.v1.ContainerImage',
  'An image present on the node.',
  z.object({
    names: opt(strings(), 'Names (tags and digests) the image is known by.', atomicList),
    sizeBytes: opt(int64(), 'Size of the image in bytes.'),
  }),
);

export const NodeStatusSchema = named(
  'io.k8s.api.core.v1.NodeStatus',
  'The observed state of a node, reported by its kubelet.',
  z.object({
    capacity: opt(resourceList(), 'Total resources of the node (cpu, memory, pods, ephemeral-storage).'),
    allocatable: opt(resourceList(), 'Resources available to pods: capacity minus what the system reserves. Scheduling uses this.'),
    phase: opt(enumOf(['Pending', 'Running', 'Terminated']), 'Deprecated lifecycle phase.'),
    conditions: opt(z.array(NodeConditionSchema), 'Current health conditions.', mergeList('type')),
    addresses: opt(z.array(NodeAddressSchema), 'Addresses the node is reachable at.', mergeList('type')),
    daemonEndpoints: opt(NodeDaemonEndpointsSchema, 'Ports of daemons on the node.', valueStruct),
    nodeInfo: opt(NodeSystemInfoSchema, 'Software and machine identifiers.', valueStruct),
    images: opt(z.array(ContainerImageSchema), 'Images present on the node.', atomicList),
    volumesInUse: opt(strings(), 'Volumes attached and mounted on the node.', atomicList),
  }),
);

const NODE = { apiVersion: 'v1', kind: 'Node', definition: 'io.k8s.api.core.v1.Node' } as const;

export const NodeSchema = kindSchema(
  { ...NODE, description: 'A machine (here, a simulated one) that runs pods. Cluster-scoped.', name: 'subdomain', namespaced: false },
  {
    spec: opt(NodeSpecSchema, 'How the node should be treated: taints, pod CIDRs, cordoning.', valueStruct),
    status: opt(NodeStatusSchema, 'What the node reports: capacity, conditions, addresses.', valueStruct),
  },
);
export const NodeListSchema = listSchema(NODE, NodeSchema);

export type NodeSpec = z.infer<typeof NodeSpecSchema>;
export type NodeStatus = z.infer<typeof NodeStatusSchema>;
export type NodeCondition = z.infer<typeof NodeConditionSchema>;
export type NodeAddress = z.infer<typeof NodeAddressSchema>;
export type NodeSystemInfo = z.infer<typeof NodeSystemInfoSchema>;
export type Node = z.infer<typeof NodeSchema>;
