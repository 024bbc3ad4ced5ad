import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../../../durable-objects/registry/schemas/index.ts';
import { deleteObject } from '../../../../durable-objects/apiserver/rest.ts';
import { podsToDelete } from '../../../../durable-objects/controllers/workloads/pod-ranking.ts';
import type { TestCluster } from '../../../helpers/cluster.ts';
import { NS, eventsFor, isLive, isReady, patch, podsOf, workloadCluster } from './helpers.ts';

function webReplicaSet(replicas = 3, extra: Record<string, unknown> = {}, namespace = NS) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      ...extra,
      template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

const rs = (t: TestCluster, namespace = NS) => t.get<ReplicaSet>('replicasets.apps', namespace, 'web')!;
const livePods = (t: TestCluster) => podsOf(t, rs(t)).filter(isLive);

function deletePod(t: TestCluster, name: string, namespace = NS): void {
  deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Pod')!, namespace, name);
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods from its template, named after it and controlled by it', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(3));
    t.settle();
    const pods = livePods(t);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web', tier: 'front' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs(t).metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec?.containers[0]?.image).toBe('nginx:1.27');
    }
  });

  it('reports replicas, fully labeled, ready and available pods and the generation it saw', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(3));
    t.settle();
    expect(rs(t).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('replaces a deleted pod', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(3));
    t.settle();
    const victim = livePods(t)[0]!.metadata.name!;
    deletePod(t, victim);
    t.settle();
    const names = livePods(t).map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
    expect(livePods(t).every(isReady)).toBe(true);
  });

  it('records SuccessfulCreate and SuccessfulDelete events with the pod names', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(2));
    t.settle();
    const created = livePods(t).map((p) => p.metadata.name!);
    patch(t, 'ReplicaSet', 'web', 'application/merge-patch+json', { spec: { replicas: 1 } });
    t.settle();
    const remaining = livePods(t).map((p) => p.metadata.name!);
    const deleted = created.filter((n) => !remaining.includes(n));
    const events = eventsFor(t, 'web');
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(created.map((n) => `Created pod: ${n}`).sort());
    expect(events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message)).toEqual(deleted.map((n) => `Deleted pod: ${n}`));
    expect(events.every((e) => e.component === 'replicaset-controller' && e.type === 'Normal')).toBe(true);
  });

  it('deletes not-ready pods before ready ones when scaling down', () => {
    const t = workloadCluster({ readyAfterMs: 60_000 });
    t.create(webReplicaSet(2));
    t.advance(60_000);
    const veterans = livePods(t).map((p) => p.metadata.name);
    patch(t, 'ReplicaSet', 'web', 'application/merge-patch+json', { spec: { replicas: 4 } });
    t.settle();
    expect(livePods(t).filter(isReady)).toHaveLength(2);
    patch(t, 'ReplicaSet', 'web', 'application/merge-patch+json', { spec: { replicas: 2 } });
    t.settle();
    expect(livePods(t).map((p) => p.metadata.name).sort()).toEqual([...veterans].sort());
  });

  it('adopts a matching orphan pod instead of creating one more', () => {
    const t = workloadCluster();
    t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: NS, labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    t.settle();
    t.create(webReplicaSet(2));
    t.settle();
    const pods = livePods(t);
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).toContain('stray');
    // Adopted but never relabelled: it lacks tier=front, so it is not fully labeled.
    expect(rs(t).status?.fullyLabeledReplicas).toBe(1);
  });

  it('releases a pod whose labels stop matching and creates a replacement', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(2));
    t.settle();
    const name = livePods(t)[0]!.metadata.name!;
    patch(t, 'Pod', name, 'application/merge-patch+json', { metadata: { labels: { app: 'debug' } } });
    t.settle();
    expect(t.get<Pod>('pods', NS, name)!.metadata.ownerReferences).toBeUndefined();
    expect(livePods(t)).toHaveLength(2);
    expect(livePods(t).map((p) => p.metadata.name)).not.toContain(name);
  });

  it('counts a ready pod as available only after minReadySeconds, and looks again by itself', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(3, { minReadySeconds: 10 }));
    t.settle();
    expect(rs(t).status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    expect(rs(t).status?.availableReplicas).toBeUndefined();
    t.advance(10_000);
    expect(rs(t).status?.availableReplicas).toBeUndefined();
    t.advance(1);
    expect(rs(t).status?.availableReplicas).toBe(3);
  });

  it('writes status only when something changed', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(3));
    t.settle();
    const rev = t.cluster.store.revision;
    t.cluster.engine.enqueue('replicaSet', `${NS}/web`);
    t.settle();
    expect(t.cluster.store.revision).toBe(rev);
  });

  it('reports ReplicaFailure and a FailedCreate event when pods cannot be created', () => {
    const t = workloadCluster();
    t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    t.create(webReplicaSet(1, {}, 'doomed'));
    t.settle();
    deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Namespace')!, undefined, 'doomed');
    const cur = t.cluster.reconcile.client.read<ReplicaSet>('apps/v1', 'ReplicaSet', 'doomed', 'web')!;
    cur.spec!.replicas = 2;
    t.cluster.reconcile.client.update(cur);
    t.settle();
    const failure = rs(t, 'doomed').status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failure?.message).toContain('being terminated');
    expect(eventsFor(t, 'web', 'doomed').find((e) => e.reason === 'FailedCreate')).toMatchObject({ type: 'Warning', message: expect.stringMatching(/^Error creating: /) });
  });

  it('folds a big scale-up into a few events, as client-go does', () => {
    const t = workloadCluster();
    t.create(webReplicaSet(60));
    t.settle();
    expect(livePods(t)).toHaveLength(60);
    const events = eventsFor(t, 'web');
    expect(events.filter((e) => e.message.startsWith('Created pod: '))).toHaveLength(10);
    const combined = events.find((e) => e.message.startsWith('(combined from similar events): Created pod: '));
    expect(combined?.count).toBe(15);
  });
});

describe('Pod deletion order', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const pod = (name: string, o: { node?: string; phase?: string; ready?: boolean; restarts?: number; created?: string; cost?: string }): Pod =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, uid: name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', ...(o.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}) },
      spec: { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) },
      status: {
        phase: o.phase ?? 'Running',
        conditions: o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:10Z' }] : [],
        containerStatuses: [{ name: 'c', ready: !!o.ready, restartCount: o.restarts ?? 0, image: '', imageID: '' }],
      },
    }) as Pod;

  it('prefers unscheduled, then pending, not ready, lower deletion cost, crowded nodes, more restarts, newer', () => {
    const pods = [
      pod('old-ready', { node: 'a', ready: true }),
      pod('restarts', { node: 'b', ready: true, restarts: 5 }),
      pod('pending', { node: 'c', phase: 'Pending' }),
      pod('unscheduled', { phase: 'Pending' }),
      pod('not-ready', { node: 'd' }),
      pod('cheap', { node: 'e', ready: true, cost: '-10' }),
    ];
    const order = podsToDelete(pods, pods, 5, now).map((p) => p.metadata.name);
    expect(order).toEqual(['unscheduled', 'pending', 'not-ready', 'cheap', 'restarts']);
  });

  it('prefers pods on nodes crowded with the same workload', () => {
    const pods = [pod('alone', { node: 'a', ready: true }), pod('crowded-1', { node: 'b', ready: true }), pod('crowded-2', { node: 'b', ready: true })];
    expect(podsToDelete(pods, pods, 2, now).map((p) => p.metadata.name).sort()).toEqual(['crowded-1', 'crowded-2']);
  });

  it('prefers the newer of two otherwise equal pods', () => {
    const pods = [pod('older', { node: 'a', ready: true, created: '2025-12-31T00:00:00Z' }), pod('newer', { node: 'b', ready: true, created: '2026-01-01T00:59:00Z' })];
    expect(podsToDelete(pods, pods, 1, now).map((p) => p.metadata.name)).toEqual(['newer']);
  });
});
