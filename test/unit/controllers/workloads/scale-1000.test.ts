import { describe, expect, it } from 'vitest';
import { deploy, isLive, isReady, nginxDeployment, patch, podsOf, replicaSetsOf, workloadCluster } from './helpers.ts';

describe('Deployment at scale', () => {
  it('brings 1,000 replicas on 12 workers to Ready (elapsed time printed, not asserted)', () => {
    const t = workloadCluster({}, { workers: 12 });
    t.settle();
    const started = performance.now();
    t.create(nginxDeployment({ replicas: 1000 }));
    const stats = t.settle();
    const elapsed = performance.now() - started;
    const d = deploy(t);
    const [rs] = replicaSetsOf(t, d);
    const pods = podsOf(t, rs!).filter(isLive);
    expect(pods).toHaveLength(1000);
    expect(pods.every(isReady)).toBe(true);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(12);
    expect(d.status).toMatchObject({ replicas: 1000, updatedReplicas: 1000, readyReplicas: 1000, availableReplicas: 1000 });
    console.log(`1,000 replicas Ready in ${elapsed.toFixed(0)} ms (${stats.reconciles} reconciles, ${t.cluster.store.revision} revisions)`);

    const rollStart = performance.now();
    patch(t, 'Deployment', 'nginx-deployment', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    t.settle();
    const rolled = performance.now() - rollStart;
    expect(deploy(t).status).toMatchObject({ replicas: 1000, updatedReplicas: 1000, availableReplicas: 1000 });
    console.log(`rolling update of 1,000 replicas done in ${rolled.toFixed(0)} ms`);
  });
});
