import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../../durable-objects/registry/schemas/index.ts';
import { deleteObject } from '../../../../durable-objects/apiserver/rest.ts';
import { templateHash } from '../../../../durable-objects/controllers/workloads/hash.ts';
import { NS, condition, deploy, eventsFor, isLive, isReady, nginxDeployment, patch, podsOf, replicaSetsOf, rolloutStatus, workloadCluster } from './helpers.ts';

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/;

describe('Deployment controller', () => {
  it('runs the seed nginx Deployment as one ReplicaSet with the hash label and three pods', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const d = deploy(t);
    const [rs, ...others] = replicaSetsOf(t, d);
    expect(others).toHaveLength(0);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(HASH);
    expect(rs!.metadata.name).toBe(`nginx-deployment-${hash}`);
    expect(rs!.spec?.selector).toEqual({ matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
    expect(rs!.spec?.template?.metadata?.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs!.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const pods = podsOf(t, rs!);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash && p.metadata.name!.startsWith(`${rs!.metadata.name}-`))).toBe(true);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('reports status and conditions the way kubectl reads them', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const d = deploy(t);
    const rsName = replicaSetsOf(t, d)[0]!.metadata.name;
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
    expect(d.status?.conditions?.map((c) => c.type)).toEqual(['Available', 'Progressing']);
    expect(rolloutStatus(d)).toEqual({ done: true, message: 'deployment "nginx-deployment" successfully rolled out' });
  });

  it('records the scale-up with the ReplicaSet name and sizes', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const rsName = replicaSetsOf(t, deploy(t))[0]!.metadata.name;
    expect(eventsFor(t, 'nginx-deployment')).toEqual([{ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rsName} from 0 to 3`, count: 1, component: 'deployment-controller' }]);
  });

  it('says Progressing while pods are not yet available', () => {
    const t = workloadCluster({ readyAfterMs: 5_000 });
    t.create(nginxDeployment());
    t.settle();
    const d = deploy(t);
    expect(condition(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    expect(d.status?.unavailableReplicas).toBe(3);
    expect(rolloutStatus(d).message).toBe('Waiting for deployment "nginx-deployment" rollout to finish: 0 of 3 updated replicas are available...');
    t.advance(5_000);
    expect(rolloutStatus(deploy(t)).done).toBe(true);
  });

  it('replaces a deleted pod', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const rs = replicaSetsOf(t, deploy(t))[0]!;
    const victim = podsOf(t, rs)[1]!.metadata.name!;
    deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Pod')!, NS, victim);
    t.settle();
    const pods = podsOf(t, rs).filter(isLive);
    expect(pods).toHaveLength(3);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim);
    expect(deploy(t).status?.availableReplicas).toBe(3);
  });

  it('scales to 5 and back to 2 through the same ReplicaSet', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { replicas: 5 } });
    t.settle();
    let rss = replicaSetsOf(t, deploy(t));
    expect(rss).toHaveLength(1);
    expect(podsOf(t, rss[0]!).filter(isLive).filter(isReady)).toHaveLength(5);
    expect(rss[0]!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(deploy(t).status).toMatchObject({ replicas: 5, updatedReplicas: 5, availableReplicas: 5, observedGeneration: 2 });
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { replicas: 2 } });
    t.settle();
    rss = replicaSetsOf(t, deploy(t));
    expect(podsOf(t, rss[0]!).filter(isLive)).toHaveLength(2);
    const name = rss[0]!.metadata.name;
    expect(eventsFor(t, 'nginx-deployment').map((e) => e.message)).toEqual([`Scaled up replica set ${name} from 0 to 3`, `Scaled up replica set ${name} from 3 to 5`, `Scaled down replica set ${name} from 5 to 2`]);
  });

  it('runs the bootstrap coredns Deployment in kube-system', () => {
    const t = workloadCluster();
    t.settle();
    const d = t.get<Deployment>('deployments.apps', 'kube-system', 'coredns')!;
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    const rs = t.list<ReplicaSet>('replicasets.apps', 'kube-system');
    expect(rs).toHaveLength(1);
    expect(t.list<Pod>('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')).toHaveLength(2);
  });

  it('copies minReadySeconds to the ReplicaSet and waits for it before calling pods available', () => {
    const t = workloadCluster();
    t.create(nginxDeployment({ extra: { minReadySeconds: 5 } }));
    t.settle();
    expect(replicaSetsOf(t, deploy(t))[0]!.spec?.minReadySeconds).toBe(5);
    expect(deploy(t).status?.availableReplicas).toBeUndefined();
    t.advance(5_001);
    expect(deploy(t).status?.availableReplicas).toBe(3);
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { minReadySeconds: 0 } });
    t.settle();
    const rss = replicaSetsOf(t, deploy(t));
    expect(rss).toHaveLength(1);
    expect(rss[0]!.spec?.minReadySeconds).toBeUndefined();
  });

  it('copies kubernetes.io/change-cause to the ReplicaSet that kubectl rollout history lists', () => {
    const t = workloadCluster();
    const d = nginxDeployment();
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'first release' };
    t.create(d);
    t.settle();
    expect(replicaSetsOf(t, deploy(t))[0]!.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first release');
  });

  it('warns and stops on a selector that selects every pod', () => {
    const t = workloadCluster();
    const bad = nginxDeployment();
    (bad.spec as { selector: unknown }).selector = {};
    t.cluster.reconcile.client.create(bad);
    t.settle();
    expect(replicaSetsOf(t, deploy(t))).toHaveLength(0);
    expect(eventsFor(t, 'nginx-deployment')[0]).toMatchObject({ type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' });
    expect(deploy(t).status?.observedGeneration).toBe(1);
  });

  it('leaves ReplicaSets another Deployment controls alone even when selectors overlap', () => {
    const t = workloadCluster();
    t.create(nginxDeployment({ name: 'a', replicas: 2 }));
    t.create(nginxDeployment({ name: 'b', replicas: 3 }));
    t.settle();
    const a = replicaSetsOf(t, deploy(t, 'a'));
    const b = replicaSetsOf(t, deploy(t, 'b'));
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(podsOf(t, a[0]!).filter(isLive)).toHaveLength(2);
    expect(podsOf(t, b[0]!).filter(isLive)).toHaveLength(3);
  });
});

describe('pod-template-hash', () => {
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } };

  it('is the same for the same template whatever the key order, and differs for another image', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.14.2', name: 'nginx' }] }, metadata: { labels: { app: 'nginx' } } };
    expect(templateHash(template)).toBe(templateHash(reordered));
    expect(templateHash(template)).not.toBe(templateHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } }));
    expect(templateHash(template)).toMatch(HASH);
  });

  it('changes with the collision count', () => {
    expect(templateHash(template, 1)).not.toBe(templateHash(template));
    expect(templateHash(template, 1)).not.toBe(templateHash(template, 2));
  });
});

describe('Hash collisions', () => {
  it('bumps collisionCount and uses another name when a ReplicaSet of another owner holds the hashed name', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const taken = replicaSetsOf(t, deploy(t))[0]!.metadata.name!;
    // The Deployment goes but (with no garbage collector here) its ReplicaSet stays, still naming the old uid.
    deleteObject(t.cluster.env, t.cluster.registry.forKind('apps/v1', 'Deployment')!, NS, 'nginx-deployment');
    t.create(nginxDeployment());
    t.settle();
    const d = deploy(t);
    expect(d.status?.collisionCount).toBe(1);
    const [rs, ...others] = replicaSetsOf(t, d);
    expect(others).toHaveLength(0);
    expect(rs!.metadata.name).not.toBe(taken);
    expect(rs!.metadata.name).toMatch(/^nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(podsOf(t, rs!).filter(isLive)).toHaveLength(3);
  });
});
