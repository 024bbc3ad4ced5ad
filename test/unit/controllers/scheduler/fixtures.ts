// Plain objects for scheduler tests: nodes and pods in a few words, and a scheduling cycle over them without a cluster.
import type { Container, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from '../../../../durable-objects/registry/schemas/index.ts';
import { Store } from '../../../../durable-objects/store/store.ts';
import { MemoryBackend } from '../../../../durable-objects/store/memory-backend.ts';
import { SchedulerCache } from '../../../../durable-objects/controllers/scheduler/cache.ts';
import type { Cycle, FilterPlugin, ScorePlugin } from '../../../../durable-objects/controllers/scheduler/framework.ts';
import { newCycle } from '../../../../durable-objects/controllers/scheduler/schedule.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';

export interface NodeOpts {
  labels?: Record<string, string>;
  zone?: string;
  taints?: Taint[];
  unschedulable?: boolean;
  cpu?: string;
  memory?: string;
  pods?: string;
  images?: Array<{ names: string[]; sizeBytes: number }>;
}

export function node(name: string, o: NodeOpts = {}): Node {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}), ...o.labels };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' }, ...(o.images ? { images: o.images } : {}) },
  } as Node;
}

export interface PodOpts {
  ns?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  node?: string;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: NonNullable<Pod['spec']>['affinity'];
  hostPorts?: Array<number | { port: number; ip?: string; protocol?: 'TCP' | 'UDP' }>;
  spread?: TopologySpreadConstraint[];
  owner?: string;
  priority?: number;
  deleting?: boolean;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string>;
  image?: string;
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
  nominated?: string;
  uid?: string;
}

let uids = 0;

export function pod(name: string, o: PodOpts = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const ports = (o.hostPorts ?? []).map((p) => (typeof p === 'number' ? { containerPort: 80, hostPort: p, protocol: 'TCP' as const } : { containerPort: 80, hostPort: p.port, hostIP: p.ip, protocol: p.protocol ?? 'TCP' }));
  const container: Container = { name: 'app', image: o.image ?? 'nginx', resources: Object.keys(requests).length ? { requests } : {}, ...(ports.length ? { ports } : {}) } as Container;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.ns ?? 'default',
      uid: o.uid ?? `uid-${name}-${++uids}`,
      labels: o.labels ?? {},
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: `uid-${o.owner}`, controller: true }] } : {}),
    },
    spec: {
      containers: o.containers ?? [container],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.spread ? { topologySpreadConstraints: o.spread } : {}),
      ...(o.overhead ? { overhead: o.overhead } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
      priority: o.priority ?? 0,
      schedulerName: 'default-scheduler',
    },
    status: { phase: o.phase ?? (o.node ? 'Running' : 'Pending'), ...(o.nominated ? { nominatedNodeName: o.nominated } : {}) },
  } as Pod;
}

/** A cycle for `incoming` over these nodes, with `existing` pods bound where their nodeName says. */
export function cycleOf(incoming: Pod, nodes: Node[], existing: Pod[] = [], extra: KubeObject[] = []): Cycle {
  const store = new Store(new MemoryBackend());
  for (const ns of ['default', 'other']) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, ...(ns === 'other' ? { team: 'b' } : {}) } } });
  for (const n of nodes) store.create('nodes', structuredClone(n));
  for (const p of existing) store.create('pods', structuredClone(p));
  for (const o of extra) store.create(o.kind === 'ReplicaSet' ? 'replicasets.apps' : `${o.kind.toLowerCase()}s`, structuredClone(o));
  return newCycle(new SchedulerCache(store), store, incoming);
}

/** Each node's verdict from one filter plugin: '' when it passes, else "<code>: <reasons>". */
export function filterVerdicts(plugin: FilterPlugin, cycle: Cycle): Record<string, string> {
  const pre = plugin.preFilter?.(cycle);
  const out: Record<string, string> = {};
  for (const n of cycle.nodes) {
    if (pre?.status) out[n.name] = `${pre.status.code}: ${pre.status.reasons.join(', ')}`;
    else if (pre?.nodeNames && !pre.nodeNames.has(n.name)) out[n.name] = 'excluded';
    else {
      const s = plugin.filter(cycle, n);
      out[n.name] = s ? `${s.code}: ${s.reasons.join(', ')}` : '';
    }
  }
  return out;
}

/** One score plugin's normalised scores (rounded) over every node of the cycle. */
export function pluginScores(plugin: ScorePlugin, cycle: Cycle): Record<string, number> {
  const nodes = cycle.nodes;
  const out: Record<string, number> = {};
  if (plugin.preScore && !plugin.preScore(cycle, nodes)) {
    for (const n of nodes) out[n.name] = 0;
    return out;
  }
  const scores = nodes.map((n) => plugin.score(cycle, n));
  plugin.normalize?.(cycle, nodes, scores);
  nodes.forEach((n, i) => (out[n.name] = Math.round(scores[i]!)));
  return out;
}
