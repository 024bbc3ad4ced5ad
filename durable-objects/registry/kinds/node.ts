// Node (core/v1): a machine of the cluster; here a simulated kubelet backs every one (the KWOK way).
import { defineKind } from '../strategy.ts';
import { NodeSchema, type Node } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  // kubectl prints NotReady for both False and Unknown; only a node that never reported is Unknown.
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (n.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

export function nodeRoles(n: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(n: Node, type: string): string {
  return n.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export default defineKind<Node>({
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  group: '',
  version: 'v1',
  namespaced: false,
  shortNames: ['no'],
  definition: 'io.k8s.api.core.v1.Node',
  schema: NodeSchema,
  hasStatus: true,
  subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  // A registering node brings its own status (capacity, addresses), as kubelets do.
  statusOnCreate: true,
  fieldSelectors: { 'spec.unschedulable': (n) => String(n.spec?.unschedulable ?? false) },
  printColumns: [
    nameColumn,
    { name: 'Status', type: 'string', description: 'Readiness, and whether scheduling is disabled.', cell: nodeStatus },
    { name: 'Roles', type: 'string', description: 'Roles from node-role.kubernetes.io labels.', cell: nodeRoles },
    ageColumn,
    { name: 'Version', type: 'string', description: 'Kubelet version.', cell: (n) => n.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'Internal-IP', type: 'string', priority: 1, description: 'Address inside the cluster network.', cell: (n) => address(n, 'InternalIP') },
    { name: 'External-IP', type: 'string', priority: 1, description: 'Address reachable from outside.', cell: (n) => address(n, 'ExternalIP') },
    { name: 'OS-Image', type: 'string', priority: 1, description: 'Operating system image.', cell: (n) => n.status?.nodeInfo?.osImage ?? '<unknown>' },
    { name: 'Kernel-Version', type: 'string', priority: 1, description: 'Kernel version.', cell: (n) => n.status?.nodeInfo?.kernelVersion ?? '<unknown>' },
    { name: 'Container-Runtime', type: 'string', priority: 1, description: 'Container runtime and version.', cell: (n) => n.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>' },
  ],
});
