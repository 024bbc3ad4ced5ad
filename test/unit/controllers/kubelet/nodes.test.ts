// Nodes: kubelet heartbeats and registration, failure detection, taint-based eviction, recovery, cordoning, and pod
// garbage collection when a Node goes away.
import { describe, expect, it } from 'vitest';
import { FAULT_ANNOTATION } from '../../../../durable-objects/controllers/kubelet/node-fault.ts';
import { PROFILES } from '../../../../durable-objects/controllers/profile.ts';
import { podLogs } from '../../../../durable-objects/controllers/kubelet/logs.ts';
import type { Caller } from '../../../../durable-objects/apiserver/handler.ts';
import type { Node, Pod } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import type { TestCluster } from '../../../helpers/cluster.ts';
import { busybox, cluster, eventsFor, get, nginx, pod, status } from './fixtures.ts';

const LEASES = 'leases.coordination.k8s.io';
const node = (t: TestCluster, name = 'worker-1') => t.get<Node>('nodes', '', name)!;
const ready = (t: TestCluster, name = 'worker-1') => node(t, name).status?.conditions?.find((c) => c.type === 'Ready');
const taints = (t: TestCluster, name = 'worker-1') => (node(t, name).spec?.taints ?? []).map((x) => `${x.key}:${x.effect}`);
const lease = (t: TestCluster, name = 'worker-1') => t.get<KubeObject & { spec: Record<string, unknown> }>(LEASES, 'kube-node-lease', name)!;

function setFault(t: TestCluster, name: string, fault: string | undefined): void {
  const n = structuredClone(node(t, name)) as Node;
  const annotations = { ...(n.metadata.annotations ?? {}) };
  if (fault) annotations[FAULT_ANNOTATION] = fault;
  else delete annotations[FAULT_ANNOTATION];
  n.metadata.annotations = annotations;
  t.cluster.reconcile.client.update(n);
}

function patchNode(t: TestCluster, name: string, f: (n: Node) => void): void {
  const n = structuredClone(node(t, name)) as Node;
  f(n);
  t.cluster.reconcile.client.update(n);
}

describe('Kubelet heartbeats', () => {
  it('keeps a Lease per node in kube-node-lease, renewed every 10s with MicroTime', () => {
    const t = cluster({ workers: 2 });
    for (const name of ['control-plane-1', 'worker-1', 'worker-2']) {
      const l = lease(t, name);
      expect(l.spec).toMatchObject({ holderIdentity: name, leaseDurationSeconds: 40 });
      expect(l.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(l.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name });
    }
    const first = Date.parse(lease(t).spec.renewTime as string);
    t.advance(10_000);
    expect(Date.parse(lease(t).spec.renewTime as string) - first).toBe(10_000);
  });

  it('writes little when nothing happens: about one Lease per node per period', () => {
    const t = cluster({ workers: 2 });
    t.create(pod('web', [nginx()]));
    t.advance(60_000);
    const writes: string[] = [];
    t.cluster.store.subscribe((e) => writes.push(`${e.key.resource}/${e.key.name}`));
    t.advance(60_000);
    expect(writes.length).toBeLessThanOrEqual(3 * 6 + 3);
    expect(writes.every((w) => w.startsWith(LEASES))).toBe(true);
  });

  it('registers a Node created through the API the KWOK way: status, Lease and startup events', () => {
    const t = cluster();
    t.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'extra', labels: { 'kubernetes.io/hostname': 'extra' } } });
    t.settle();
    const n = node(t, 'extra');
    expect(n.status?.capacity?.cpu).toBeDefined();
    expect(n.status?.allocatable?.pods).toBe('110');
    expect(n.status?.nodeInfo?.kubeletVersion).toMatch(/^v1\./);
    expect(n.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(10250);
    expect(ready(t, 'extra')?.status).toBe('True');
    expect(lease(t, 'extra')).toBeDefined();
    expect(eventsFor(t, 'extra').map((e) => e.reason)).toContain('Starting');
    t.create(pod('there', [nginx()], { node: 'extra' }));
    t.settle();
    expect(status(t, 'there')).toBe('Running');
  });
});

describe('Node failure and recovery', () => {
  it('marks a silent node Unknown after the grace period, taints it and marks its pods not ready (realistic)', () => {
    const t = cluster({ profile: 'realistic' });
    t.create(pod('web', [nginx()]));
    t.advance(10_000);
    setFault(t, 'worker-1', 'NodeDown');
    t.advance(5_000);
    expect(ready(t)?.status).toBe('True');
    t.advance(20_000);
    expect(ready(t)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(t).status?.conditions?.every((c) => c.status === 'Unknown')).toBe(true);
    expect(taints(t).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(node(t).spec?.taints?.every((x) => x.timeAdded)).toBe(true);
    expect(get(t, 'web').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(eventsFor(t, 'worker-1').some((e) => e.reason === 'NodeNotReady' && e.message === 'Node worker-1 status is now: NodeNotReady')).toBe(true);
    expect(eventsFor(t, 'web').some((e) => e.reason === 'NodeNotReady' && e.type === 'Warning')).toBe(true);
  });

  it.each([
    { name: 'the default tolerationSeconds (30s in realistic)', tolerations: undefined, at: 30_000 },
    { name: 'a longer toleration', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 90 }], at: 90_000 },
  ])('evicts pods on an unreachable node after $name, and they stay Terminating', ({ tolerations, at }) => {
    const t = cluster({ profile: 'realistic' });
    const p = pod('web', [nginx()]);
    if (tolerations) (p.spec as Record<string, unknown>).tolerations = tolerations;
    t.create(p);
    t.advance(10_000);
    setFault(t, 'worker-1', 'NodeDown');
    t.advance(20_000); // unreachable from here on (the lease was renewed at most 10s before the fault)
    const taintedAt = Date.parse(node(t).spec!.taints!.find((x) => x.effect === 'NoExecute')!.timeAdded!);
    t.advance(taintedAt + at - 1_000 - t.clock.now());
    expect(get(t, 'web').metadata.deletionTimestamp).toBeUndefined();
    t.advance(2_000);
    expect(get(t, 'web').metadata.deletionTimestamp).toBeDefined();
    expect(status(t, 'web')).toBe('Terminating');
    expect(get(t, 'web').status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect(eventsFor(t, 'web').find((e) => e.reason === 'TaintManagerEviction')?.message).toBe('Marking for deletion Pod default/web');
    t.advance(600_000);
    expect(status(t, 'web')).toBe('Terminating');
  });

  it('evicts at once in the fast profile, and keeps pods that tolerate the taint forever', () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    const keeper = pod('keeper', [nginx()]);
    (keeper.spec as Record<string, unknown>).tolerations = [{ operator: 'Exists', effect: 'NoExecute' }];
    t.create(keeper);
    t.settle();
    setFault(t, 'worker-1', 'NodeDown');
    t.settle();
    expect(ready(t)?.status).toBe('Unknown');
    expect(status(t, 'web')).toBe('Terminating');
    t.advance(3_600_000);
    expect(get(t, 'keeper').metadata.deletionTimestamp).toBeUndefined();
  });

  it('recovers: Ready again, taints lifted, pods ready, terminating pods finished', () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    const keeper = pod('keeper', [nginx()]);
    (keeper.spec as Record<string, unknown>).tolerations = [{ operator: 'Exists', effect: 'NoExecute' }];
    t.create(keeper);
    t.settle();
    setFault(t, 'worker-1', 'NodeDown');
    t.advance(60_000);
    expect(status(t, 'web')).toBe('Terminating');
    expect(get(t, 'keeper').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    setFault(t, 'worker-1', undefined);
    t.settle();
    expect(ready(t)?.status).toBe('True');
    expect(taints(t)).toEqual([]);
    expect(t.get('pods', 'default', 'web')).toBeUndefined();
    expect(get(t, 'keeper').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(eventsFor(t, 'worker-1').some((e) => e.reason === 'NodeReady')).toBe(true);
  });

  it('does nothing for pods while the node is down: no progress, no terminations', () => {
    const t = cluster({ profile: 'realistic' });
    setFault(t, 'worker-1', 'NodeDown');
    t.settle();
    const p = pod('late', [nginx()]);
    (p.spec as Record<string, unknown>).tolerations = [{ operator: 'Exists' }];
    t.create(p);
    t.advance(60_000);
    expect(get(t, 'late').status?.containerStatuses).toBeUndefined();
    expect(status(t, 'late')).toBe('Pending');
  });

  it('drains a node: evicted pods stop and go away', async () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    t.settle();
    patchNode(t, 'worker-1', (n) => ((n.spec ??= {}).unschedulable = true));
    const caller: Caller = { name: 'sandbox-admin', canWrite: true, userAgent: 'kubectl' };
    const path = '/api/v1/namespaces/default/pods/web/eviction';
    const body = JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } });
    const res = await t.cluster.api(new Request(`http://x${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }), path, caller);
    expect(res.status).toBe(201);
    t.settle();
    expect(t.get('pods', 'default', 'web')).toBeUndefined();
    expect(taints(t)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
  });

  it('cannot serve logs from a node that is down', () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    t.settle();
    setFault(t, 'worker-1', 'NodeDown');
    expect(() => podLogs(t.cluster.reconcile, get(t, 'web'), { container: undefined, follow: false, previous: false, timestamps: false, tailLines: undefined, sinceSeconds: undefined, limitBytes: undefined }, { setTimeout: () => 0, clearTimeout: () => {} })).toThrow(
      /dial tcp 10\.240\.0\.11:10250: connect: no route to host/,
    );
  });

  it('taints a cordoned node unschedulable and lifts it on uncordon', () => {
    const t = cluster();
    patchNode(t, 'worker-1', (n) => ((n.spec ??= {}).unschedulable = true));
    t.settle();
    expect(taints(t)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    patchNode(t, 'worker-1', (n) => delete n.spec!.unschedulable);
    t.settle();
    expect(taints(t)).toEqual([]);
    // the kubelet announces both changes, as `kubectl describe node` shows them
    const said = eventsFor(t, 'worker-1', 'default').filter((e) => /Schedulable/.test(e.reason));
    expect(said.map((e) => `${e.reason}: ${e.message}`)).toEqual(['NodeNotSchedulable: Node worker-1 status is now: NodeNotSchedulable', 'NodeSchedulable: Node worker-1 status is now: NodeSchedulable']);
  });
});

describe('Pod garbage collection', () => {
  it.each([
    { profile: 'fast' as const, wait: 0 },
    { profile: 'realistic' as const, wait: 6_000 },
  ])('deletes the pods of a deleted Node ($profile)', ({ profile, wait }) => {
    const t = cluster({ profile });
    t.create(pod('a', [nginx()]));
    t.create(pod('b', [busybox('s', ['sleep', '3600'])]));
    t.advance(10_000);
    t.cluster.reconcile.client.delete('v1', 'Node', undefined, 'worker-1');
    t.settle();
    t.advance(wait);
    expect(t.list<Pod>('pods', 'default')).toEqual([]);
  });

  it('removes a terminated pod on the deleted node too, and pods stuck Terminating on a down node', () => {
    const t = cluster();
    t.create(pod('done', [busybox('c', ['true'])], { restartPolicy: 'Never' }));
    t.create(pod('web', [nginx()]));
    t.settle();
    setFault(t, 'worker-1', 'NodeDown');
    t.settle();
    expect(status(t, 'web')).toBe('Terminating');
    t.cluster.reconcile.client.delete('v1', 'Node', undefined, 'worker-1');
    t.settle();
    expect(t.list<Pod>('pods', 'default')).toEqual([]);
  });

  it('removes the oldest finished pods beyond the threshold', () => {
    const t = cluster();
    const before = PROFILES.fast.terminatedPodThreshold;
    PROFILES.fast.terminatedPodThreshold = 3;
    try {
      for (let i = 0; i < 6; i++) {
        t.create(pod(`job-${i}`, [busybox('c', ['true'])], { restartPolicy: 'Never' }));
        t.advance(1_000);
      }
      t.settle();
      expect(t.list<Pod>('pods', 'default').map((p) => p.metadata.name)).toEqual(['job-3', 'job-4', 'job-5']);
    } finally {
      PROFILES.fast.terminatedPodThreshold = before;
    }
  });
});
