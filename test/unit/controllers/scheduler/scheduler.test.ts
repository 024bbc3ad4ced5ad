import { describe, expect, it } from 'vitest';
import { scheduler, SCHEDULING_GATED_MESSAGE } from '../../../../durable-objects/controllers/scheduler/index.ts';
import { nodeManifest } from '../../../../durable-objects/controllers/kubelet/node-template.ts';
import type { Node, Pod, PodCondition, TopologySpreadConstraint } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { clone } from '../../../../durable-objects/util.ts';
import { testCluster, type TestCluster, type TestClusterOptions } from '../../../helpers/cluster.ts';

const CP_TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const RS_OWNER = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-7c5ddbdf54', uid: '5f1c0e7e-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true };

interface PodSpecOpts {
  labels?: Record<string, string>;
  cpu?: string;
  owned?: boolean;
  nodeSelector?: Record<string, string>;
  affinity?: NonNullable<Pod['spec']>['affinity'];
  tolerations?: NonNullable<Pod['spec']>['tolerations'];
  spread?: TopologySpreadConstraint[];
  priority?: number;
  schedulerName?: string;
  gates?: string[];
}

function podManifest(name: string, o: PodSpecOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: o.labels ?? { app: 'nginx' }, ...(o.owned ? { ownerReferences: [RS_OWNER] } : {}) },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], ...(o.cpu ? { resources: { requests: { cpu: o.cpu } } } : {}) }],
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.spread ? { topologySpreadConstraints: o.spread } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.schedulerName ? { schedulerName: o.schedulerName } : {}),
      ...(o.gates ? { schedulingGates: o.gates.map((n) => ({ name: n })) } : {}),
    },
  } as Pod;
}

function setup(o: TestClusterOptions = {}): TestCluster {
  const t = testCluster({ controllers: [scheduler], ...o });
  t.settle();
  return t;
}

const pod = (t: TestCluster, name: string) => t.get<Pod>('pods', 'default', name)!;
const nodeOf = (t: TestCluster, name: string) => pod(t, name).spec?.nodeName;
const scheduled = (t: TestCluster, name: string): PodCondition | undefined => pod(t, name).status?.conditions?.find((c) => c.type === 'PodScheduled');
const events = (t: TestCluster, reason: string) => t.list<KubeObject & { message: string; count: number; source: { component: string }; type: string }>('events', 'default').filter((e) => (e as { reason?: string }).reason === reason);

function editNode(t: TestCluster, name: string, edit: (n: Node) => void): void {
  const n = clone(t.get<Node>('nodes', '', name)!);
  edit(n);
  t.cluster.reconcile.client.update(n);
}

function addNode(t: TestCluster, name: string, index: number, edit: (n: Node) => void = () => {}): void {
  const n = { apiVersion: 'v1', kind: 'Node', ...nodeManifest(name, 'worker', index, t.clock.now()) } as Node;
  edit(n);
  t.create(n);
}

function spreadOf(t: TestCluster, names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) {
    const node = nodeOf(t, n) ?? '<none>';
    out[node] = (out[node] ?? 0) + 1;
  }
  return out;
}

describe('Scheduler: placing pods', () => {
  it('spreads three replicas 2+1 over two workers and never onto the control plane', () => {
    const t = setup({ workers: 2, controlPlanes: 1 });
    for (const n of ['a', 'b', 'c']) t.create(podManifest(`nginx-7c5ddbdf54-${n}`, { owned: true }));
    t.settle();
    const counts = spreadOf(t, ['a', 'b', 'c'].map((n) => `nginx-7c5ddbdf54-${n}`));
    expect(Object.values(counts).sort()).toEqual([1, 2]);
    expect(Object.keys(counts).sort()).toEqual(['worker-1', 'worker-2']);
  });

  it('puts three replicas on three workers, one each', () => {
    const t = setup({ workers: 3, controlPlanes: 1 });
    for (const n of ['a', 'b', 'c']) t.create(podManifest(`nginx-${n}`, { owned: true }));
    t.settle();
    expect(spreadOf(t, ['nginx-a', 'nginx-b', 'nginx-c'])).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1 });
  });

  it('binds with PodScheduled=True and a Scheduled event from default-scheduler', () => {
    const t = setup();
    t.create(podManifest('nginx-abc'));
    t.settle();
    const node = nodeOf(t, 'nginx-abc');
    expect(node).toMatch(/^worker-/);
    expect(scheduled(t, 'nginx-abc')?.status).toBe('True');
    const [e] = events(t, 'Scheduled');
    expect(e).toMatchObject({ type: 'Normal', message: `Successfully assigned default/nginx-abc to ${node}`, source: { component: 'default-scheduler' } });
  });

  it('lets a pod that tolerates the control-plane taint run there', () => {
    const t = setup({ workers: 1, controlPlanes: 1 });
    t.create(podManifest('admin', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    t.settle();
    expect(nodeOf(t, 'admin')).toBe('control-plane-1');
  });

  it('leaves pods of another scheduler alone', () => {
    const t = setup();
    t.create(podManifest('custom', { schedulerName: 'my-scheduler' }));
    t.advance(60_000);
    expect(nodeOf(t, 'custom')).toBeUndefined();
    expect(scheduled(t, 'custom')).toBeUndefined();
  });

  it('holds back a pod with scheduling gates and says so', () => {
    const t = setup();
    t.create(podManifest('gated', { gates: ['example.com/quota'] }));
    t.settle();
    expect(nodeOf(t, 'gated')).toBeUndefined();
    expect(scheduled(t, 'gated')).toMatchObject({ status: 'False', reason: 'SchedulingGated', message: SCHEDULING_GATED_MESSAGE });
  });
});

describe('Scheduler: pods that do not fit', () => {
  const IMPOSSIBLE = `0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;

  it('keeps an impossible request Pending, with upstream wording in the condition and a FailedScheduling event', () => {
    const t = setup({ workers: 2, controlPlanes: 1 });
    t.create(podManifest('huge', { cpu: '100' }));
    t.settle();
    expect(nodeOf(t, 'huge')).toBeUndefined();
    expect(pod(t, 'huge').status?.phase).toBe('Pending');
    expect(scheduled(t, 'huge')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: IMPOSSIBLE });
    const [e] = events(t, 'FailedScheduling');
    expect(e).toMatchObject({ type: 'Warning', message: IMPOSSIBLE, source: { component: 'default-scheduler' } });
  });

  it('words preemption differently when evicting could help but there is nothing to evict', () => {
    const t = setup({ workers: 2, controlPlanes: 1 });
    t.create(podManifest('a', { cpu: '3' }));
    t.create(podManifest('b', { cpu: '3' }));
    t.settle();
    t.create(podManifest('c', { cpu: '3' }));
    t.settle();
    expect(scheduled(t, 'c')?.message).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`);
  });

  it('retries on its own without rewriting an unchanged status; repeated failures bump one event', () => {
    const t = setup();
    t.create(podManifest('huge', { cpu: '100' }));
    t.settle();
    const rv = pod(t, 'huge').metadata.resourceVersion;
    t.advance(11 * 60_000);
    expect(pod(t, 'huge').metadata.resourceVersion).toBe(rv);
    const failed = events(t, 'FailedScheduling');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.count).toBeGreaterThan(1);
  });

  it('schedules a waiting pod once a node that fits is added', () => {
    const t = setup();
    t.create(podManifest('big', { cpu: '6' }));
    t.settle();
    addNode(t, 'worker-3', 3, (n) => {
      n.status!.allocatable = { ...n.status!.allocatable, cpu: '8' };
      n.status!.capacity = { ...n.status!.capacity, cpu: '8' };
    });
    t.advance(1_000);
    expect(nodeOf(t, 'big')).toBe('worker-3');
  });

  it('schedules a waiting pod once another pod is deleted and frees room', () => {
    const t = setup({ workers: 1, controlPlanes: 1 });
    t.create(podManifest('first', { cpu: '3' }));
    t.settle();
    t.create(podManifest('second', { cpu: '3' }));
    t.settle();
    expect(nodeOf(t, 'second')).toBeUndefined();
    t.cluster.store.delete('pods', 'default', 'first');
    t.advance(1_000);
    expect(nodeOf(t, 'second')).toBe('worker-1');
  });

  it('schedules a waiting pod once another pod finishes (Succeeded frees its requests)', () => {
    const t = setup({ workers: 1, controlPlanes: 1 });
    t.create(podManifest('job', { cpu: '3' }));
    t.settle();
    t.create(podManifest('next', { cpu: '3' }));
    t.settle();
    const done = clone(pod(t, 'job'));
    done.status = { ...done.status, phase: 'Succeeded' };
    t.cluster.reconcile.client.updateStatus(done);
    t.advance(1_000);
    expect(nodeOf(t, 'next')).toBe('worker-1');
  });

  it('does not retry a failed pod before its backoff is over', () => {
    const t = setup({ workers: 1, controlPlanes: 1 });
    t.create(podManifest('first', { cpu: '3' }));
    t.create(podManifest('second', { cpu: '3' }));
    t.settle();
    t.cluster.store.delete('pods', 'default', 'first');
    t.advance(999);
    expect(nodeOf(t, 'second')).toBeUndefined();
    t.advance(1);
    expect(nodeOf(t, 'second')).toBe('worker-1');
  });
});

describe('Scheduler: constraints', () => {
  it('skips cordoned nodes, and uses them again once uncordoned', () => {
    const t = setup();
    editNode(t, 'worker-1', (n) => (n.spec = { ...n.spec, unschedulable: true }));
    t.create(podManifest('a', { owned: true }));
    t.create(podManifest('b', { owned: true }));
    t.settle();
    expect(spreadOf(t, ['a', 'b'])).toEqual({ 'worker-2': 2 });
    editNode(t, 'worker-2', (n) => (n.spec = { ...n.spec, unschedulable: true }));
    t.create(podManifest('c'));
    t.settle();
    expect(scheduled(t, 'c')?.message).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
    editNode(t, 'worker-1', (n) => (n.spec = { ...n.spec, unschedulable: false }));
    t.advance(1_000);
    expect(nodeOf(t, 'c')).toBe('worker-1');
  });

  it('honours a nodeSelector, and explains when no node matches', () => {
    const t = setup();
    editNode(t, 'worker-2', (n) => (n.metadata.labels = { ...n.metadata.labels, disktype: 'ssd' }));
    t.create(podManifest('ssd', { nodeSelector: { disktype: 'ssd' } }));
    t.create(podManifest('gpu', { nodeSelector: { gpu: 'true' } }));
    t.settle();
    expect(nodeOf(t, 'ssd')).toBe('worker-2');
    expect(scheduled(t, 'gpu')?.message).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
    editNode(t, 'worker-1', (n) => (n.metadata.labels = { ...n.metadata.labels, gpu: 'true' }));
    t.advance(1_000);
    expect(nodeOf(t, 'gpu')).toBe('worker-1');
  });

  it('honours required node affinity', () => {
    const t = setup({ workers: 3 });
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['worker-3'] }] }] } } };
    t.create(podManifest('pinned', { affinity }));
    t.settle();
    expect(nodeOf(t, 'pinned')).toBe('worker-3');
  });

  it('keeps replicas with required anti-affinity on separate nodes; the extra one waits for room', () => {
    const t = setup({ workers: 2, controlPlanes: 1 });
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nginx' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    for (const n of ['a', 'b', 'c']) t.create(podManifest(n, { owned: true, affinity }));
    t.settle();
    const placed = ['a', 'b', 'c'].filter((n) => nodeOf(t, n));
    expect(placed).toHaveLength(2);
    expect(new Set(placed.map((n) => nodeOf(t, n))).size).toBe(2);
    const waiting = ['a', 'b', 'c'].find((n) => !nodeOf(t, n))!;
    expect(scheduled(t, waiting)?.message).toBe(
      `0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
    const freed = nodeOf(t, placed[0]!);
    t.cluster.store.delete('pods', 'default', placed[0]!);
    t.advance(1_000);
    expect(nodeOf(t, waiting)).toBe(freed);
  });

  it('co-locates a pod with required affinity to another', () => {
    const t = setup({ workers: 3 });
    t.create(podManifest('db', { labels: { app: 'db' } }));
    t.settle();
    const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    t.create(podManifest('web', { labels: { app: 'web' }, affinity }));
    t.settle();
    expect(nodeOf(t, 'web')).toBe(nodeOf(t, 'db'));
  });

  it('spreads over zones with a DoNotSchedule topology spread constraint', () => {
    const t = setup({ workers: 3, controlPlanes: 1 });
    const spread: TopologySpreadConstraint[] = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const names = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    for (const n of names) t.create(podManifest(n, { labels: { app: 'web' }, spread }));
    t.settle();
    const zones: Record<string, number> = {};
    for (const n of names) {
      const z = t.get<Node>('nodes', '', nodeOf(t, n)!)!.metadata.labels!['topology.kubernetes.io/zone']!;
      zones[z] = (zones[z] ?? 0) + 1;
    }
    expect(zones).toEqual({ 'zone-a': 2, 'zone-b': 2, 'zone-c': 2 });
  });

  it('keeps pods off a tainted worker unless they tolerate the taint', () => {
    const t = setup();
    editNode(t, 'worker-1', (n) => (n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    t.create(podManifest('plain-1', { owned: true }));
    t.create(podManifest('plain-2', { owned: true }));
    t.create(podManifest('gpu-job', { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    t.settle();
    expect(spreadOf(t, ['plain-1', 'plain-2'])).toEqual({ 'worker-2': 2 });
    expect(nodeOf(t, 'gpu-job')).toBe('worker-1');
  });
});

describe('Scheduler: preemption', () => {
  it('evicts lower-priority pods for a higher-priority one, nominates the node, and binds there once they are gone', () => {
    const t = setup({ workers: 1, controlPlanes: 1 });
    t.create(podManifest('low', { cpu: '3', priority: 0 }));
    t.settle();
    t.create(podManifest('high', { cpu: '3', priority: 1000 }));
    t.settle();
    const victim = pod(t, 'low');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler' });
    expect(events(t, 'Preempted')[0]?.message).toBe(`Preempted by pod ${pod(t, 'high').metadata.uid} on node worker-1`);
    expect(pod(t, 'high').status?.nominatedNodeName).toBe('worker-1');
    expect(nodeOf(t, 'high')).toBeUndefined();
    // While the victim terminates, the preemptor waits for it rather than evicting more.
    t.advance(5 * 60_000);
    expect(scheduled(t, 'high')?.message).toBe(`0/2 nodes are available: 1 Insufficient cpu, ${CP_TAINT}. preemption: not eligible due to a terminating pod on the nominated node.`);
    expect(pod(t, 'high').status?.nominatedNodeName).toBe('worker-1');
    t.cluster.store.delete('pods', 'default', 'low');
    t.advance(2_000); // second failed attempt: a 2s backoff
    expect(nodeOf(t, 'high')).toBe('worker-1');
  });
});

describe('Scheduler: scale', () => {
  it('schedules 1,000 pods of one ReplicaSet on 12 workers evenly', () => {
    const t = setup({ workers: 12, controlPlanes: 1 });
    const names = Array.from({ length: 1000 }, (_, i) => `web-${i}`);
    for (const n of names) t.create(podManifest(n, { owned: true }));
    const started = performance.now();
    t.settle();
    const elapsed = performance.now() - started;
    const counts = spreadOf(t, names);
    console.log(`scheduled 1000 pods on 12 workers in ${elapsed.toFixed(0)} ms (binds and events included):`, counts);
    expect(Object.keys(counts)).toHaveLength(12);
    for (const n of Object.values(counts)) expect(Math.abs(n - 1000 / 12)).toBeLessThanOrEqual(1);
  });
});
