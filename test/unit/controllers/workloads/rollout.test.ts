import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../../durable-objects/registry/schemas/index.ts';
import type { TestCluster } from '../../../helpers/cluster.ts';
import { NS, condition, deploy, eventsFor, isLive, isReady, nginxDeployment, patch, podsOf, replicaSetsOf, rolloutStatus, workloadCluster } from './helpers.ts';

const setImage = (t: TestCluster, image: string) =>
  patch(t, 'Deployment', 'nginx-deployment', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });

const byRevision = (rss: ReplicaSet[]) => [...rss].sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']));
const imageOf = (o: { spec?: { template?: { spec?: { containers: Array<{ image?: string }> } } } }) => o.spec?.template?.spec?.containers[0]?.image;
const revision = (o: { metadata: { annotations?: Record<string, string> } }) => o.metadata.annotations?.['deployment.kubernetes.io/revision'];

/** Pods of every ReplicaSet the Deployment controls, as the store holds them right now. */
function deploymentPods(t: TestCluster): Pod[] {
  const d = deploy(t);
  return replicaSetsOf(t, d).flatMap((rs) => podsOf(t, rs));
}

/** `kubectl rollout undo`: the chosen revision's template (without its hash label) and annotations, as a JSON patch. */
function rolloutUndo(t: TestCluster, toRevision: string): void {
  const d = deploy(t);
  const rs = replicaSetsOf(t, d).find((x) => revision(x) === toRevision)!;
  const template = JSON.parse(JSON.stringify(rs.spec!.template)) as { metadata: { labels: Record<string, string> } };
  delete template.metadata.labels['pod-template-hash'];
  const skip = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'];
  const annotations: Record<string, string> = {};
  for (const k of skip) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skip.includes(k)) annotations[k] = v;
  patch(t, 'Deployment', 'nginx-deployment', 'application/json-patch+json', [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ]);
}

describe('Rolling update', () => {
  it('never exceeds replicas + maxSurge pods nor drops below replicas - maxUnavailable ready, and ends with the old ReplicaSet at 0', () => {
    const t = workloadCluster({ readyAfterMs: 1_000 });
    t.create(nginxDeployment({ replicas: 10 }));
    t.advance(1_000);
    expect(deploy(t).status?.availableReplicas).toBe(10);
    // 25% of 10: surge rounds up to 3, unavailable rounds down to 2.
    let maxLive = 0;
    let minReady = Infinity;
    const stop = t.cluster.store.subscribe((e) => {
      if (e.key.resource !== 'pods') return;
      const live = deploymentPods(t).filter(isLive);
      maxLive = Math.max(maxLive, live.length);
      minReady = Math.min(minReady, live.filter(isReady).length);
    });
    setImage(t, 'nginx:1.16.1');
    const messages: string[] = [];
    for (let i = 0; i < 30 && !rolloutStatus(deploy(t)).done; i++) {
      messages.push(rolloutStatus(deploy(t)).message);
      t.advance(500);
    }
    stop();
    expect(maxLive, 'most pods at any commit (replicas + maxSurge = 13)').toBe(13);
    expect(minReady, 'fewest ready pods at any commit (replicas - maxUnavailable = 8)').toBe(8);
    const d = deploy(t);
    expect(rolloutStatus(d).done).toBe(true);
    expect(messages[0]).toBe('Waiting for deployment spec update to be observed...');
    expect(messages).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 5 out of 10 new replicas have been updated...');
    const [oldRS, newRS] = byRevision(replicaSetsOf(t, d));
    expect(oldRS!.spec?.replicas).toBe(0);
    expect(newRS!.spec?.replicas).toBe(10);
    expect(imageOf(newRS!)).toBe('nginx:1.16.1');
    expect(revision(d)).toBe('2');
    expect(podsOf(t, oldRS!)).toHaveLength(0);
    expect(podsOf(t, newRS!).filter(isReady)).toHaveLength(10);
    expect(condition(d, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS!.metadata.name}" has successfully progressed.` });
    const scaling = eventsFor(t, 'nginx-deployment').map((e) => e.message);
    expect(scaling).toContain(`Scaled up replica set ${newRS!.metadata.name} from 0 to 3`);
    expect(scaling).toContain(`Scaled down replica set ${oldRS!.metadata.name} from 10 to 8`);
    expect(scaling.at(-1)).toMatch(new RegExp(`^Scaled down replica set ${oldRS!.metadata.name} from \\d+ to 0$`));
  });

  it('rolls back with kubectl rollout undo by reusing the old ReplicaSet under the next revision', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    setImage(t, 'nginx:1.16.1');
    t.settle();
    const before = replicaSetsOf(t, deploy(t));
    expect(before).toHaveLength(2);
    const first = before.find((rs) => revision(rs) === '1')!;
    rolloutUndo(t, '1');
    t.settle();
    const d = deploy(t);
    const after = replicaSetsOf(t, d);
    expect(after.map((rs) => rs.metadata.name).sort()).toEqual(before.map((rs) => rs.metadata.name).sort());
    const back = after.find((rs) => rs.metadata.uid === first.metadata.uid)!;
    expect(revision(back)).toBe('3');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(back.spec?.replicas).toBe(3);
    expect(revision(d)).toBe('3');
    expect(podsOf(t, back).filter(isLive).filter(isReady)).toHaveLength(3);
    expect(after.find((rs) => rs !== back)!.spec?.replicas).toBe(0);
    expect(rolloutStatus(d).done).toBe(true);
  });

  it('starts a new ReplicaSet on kubectl rollout restart and replaces every pod', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    const oldPods = deploymentPods(t).map((p) => p.metadata.name);
    patch(t, 'Deployment', 'nginx-deployment', 'application/strategic-merge-patch+json', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } });
    t.settle();
    const d = deploy(t);
    const [oldRS, newRS] = byRevision(replicaSetsOf(t, d));
    expect(newRS!.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-01T00:00:00Z');
    expect(oldRS!.spec?.replicas).toBe(0);
    const pods = deploymentPods(t).filter(isLive);
    expect(pods).toHaveLength(3);
    expect(pods.some((p) => oldPods.includes(p.metadata.name))).toBe(false);
    expect(rolloutStatus(d).done).toBe(true);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets, dropping the oldest revisions', () => {
    const t = workloadCluster();
    t.create(nginxDeployment({ extra: { revisionHistoryLimit: 2 } }));
    t.settle();
    for (const v of ['1.15', '1.16', '1.17', '1.18']) {
      setImage(t, `nginx:${v}`);
      t.settle();
    }
    const rss = byRevision(replicaSetsOf(t, deploy(t)));
    expect(rss.map(revision)).toEqual(['3', '4', '5']);
    expect(rss.map(imageOf)).toEqual(['nginx:1.16', 'nginx:1.17', 'nginx:1.18']);
  });

  it('reports ProgressDeadlineExceeded once pods stay unready past progressDeadlineSeconds', () => {
    const t = workloadCluster({ neverReady: (p) => p.spec?.containers[0]?.image === 'nginx:broken' });
    t.create(nginxDeployment({ extra: { progressDeadlineSeconds: 30 } }));
    t.settle();
    setImage(t, 'nginx:broken');
    t.settle();
    const rsName = byRevision(replicaSetsOf(t, deploy(t)))[1]!.metadata.name;
    expect(condition(deploy(t), 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` });
    t.advance(30_000);
    expect(condition(deploy(t), 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    t.advance(1_000);
    const d = deploy(t);
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
    expect(rolloutStatus(d).message).toBe('error: deployment "nginx-deployment" exceeded its progress deadline');
    // The old pods keep serving: availability never dropped below the minimum.
    expect(condition(d, 'Available')?.status).toBe('True');
  });

  it('scales old and new ReplicaSets in proportion when replicas change mid-rollout', () => {
    const t = workloadCluster({ neverReady: (p) => p.spec?.containers[0]?.image === 'nginx:broken' });
    t.create(nginxDeployment({ replicas: 10 }));
    t.settle();
    setImage(t, 'nginx:broken');
    t.settle();
    let [oldRS, newRS] = byRevision(replicaSetsOf(t, deploy(t)));
    expect([oldRS!.spec?.replicas, newRS!.spec?.replicas]).toEqual([8, 5]);
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { replicas: 20 } });
    t.settle();
    [oldRS, newRS] = byRevision(replicaSetsOf(t, deploy(t)));
    // 20 + 25% surge = 25 pods allowed, shared 8:5 as before.
    expect([oldRS!.spec?.replicas, newRS!.spec?.replicas]).toEqual([15, 10]);
    expect(oldRS!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
    const messages = eventsFor(t, 'nginx-deployment').map((e) => e.message);
    expect(messages).toContain(`Scaled up replica set ${oldRS!.metadata.name} from 8 to 15`);
    expect(messages).toContain(`Scaled up replica set ${newRS!.metadata.name} from 5 to 10`);
  });
});

describe('Rolling update pacing', () => {
  it.each([
    { maxSurge: 0, maxUnavailable: 1, most: 4, fewest: 3 },
    { maxSurge: 1, maxUnavailable: 0, most: 5, fewest: 4 },
    { maxSurge: '100%', maxUnavailable: 0, most: 8, fewest: 4 },
    { maxSurge: '50%', maxUnavailable: '50%', most: 6, fewest: 2 },
  ])('keeps 4 replicas within maxSurge $maxSurge and maxUnavailable $maxUnavailable at every commit', ({ maxSurge, maxUnavailable, most, fewest }) => {
    const t = workloadCluster({ readyAfterMs: 1_000 });
    t.create(nginxDeployment({ replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } }));
    t.advance(1_000);
    let maxLive = 0;
    let minReady = Infinity;
    const stop = t.cluster.store.subscribe((e) => {
      if (e.key.resource !== 'pods') return;
      const live = deploymentPods(t).filter(isLive);
      maxLive = Math.max(maxLive, live.length);
      minReady = Math.min(minReady, live.filter(isReady).length);
    });
    setImage(t, 'nginx:1.16.1');
    t.advance(20_000);
    stop();
    expect(rolloutStatus(deploy(t)).done).toBe(true);
    expect(maxLive).toBeLessThanOrEqual(most);
    expect(minReady).toBeGreaterThanOrEqual(fewest);
    expect(deploymentPods(t).filter(isLive).every((p) => p.spec?.containers[0]?.image === 'nginx:1.16.1')).toBe(true);
  });
});

describe('Recreate', () => {
  it('scales the old ReplicaSet to zero, waits for its pods to be gone, then brings the new one up', () => {
    const t = workloadCluster({ terminationMs: 5_000 });
    t.create(nginxDeployment({ strategy: { type: 'Recreate' } }));
    t.settle();
    let overlap = false;
    const stop = t.cluster.store.subscribe((e) => {
      if (e.key.resource !== 'pods' || e.type !== 'ADDED') return;
      // A new pod may only appear once no old pod is left, not even a terminating one.
      if (deploymentPods(t).some((p) => p.spec?.containers[0]?.image === 'nginx:1.14.2')) overlap = true;
    });
    setImage(t, 'nginx:1.16.1');
    t.settle();
    let d = deploy(t);
    expect(replicaSetsOf(t, d)).toHaveLength(1);
    expect(deploymentPods(t).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(rolloutStatus(d).done).toBe(false);
    t.advance(5_000);
    stop();
    expect(overlap).toBe(false);
    d = deploy(t);
    const [oldRS, newRS] = byRevision(replicaSetsOf(t, d));
    expect(oldRS!.spec?.replicas).toBe(0);
    expect(podsOf(t, newRS!).filter(isReady)).toHaveLength(3);
    expect(rolloutStatus(d).done).toBe(true);
    const messages = eventsFor(t, 'nginx-deployment').map((e) => e.message);
    expect(messages.slice(1)).toEqual([`Scaled down replica set ${oldRS!.metadata.name} from 3 to 0`, `Scaled up replica set ${newRS!.metadata.name} from 0 to 3`]);
  });
});

describe('Paused Deployment', () => {
  it('does not roll out while paused but still scales, then rolls out on resume', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { paused: true } });
    t.settle();
    expect(condition(deploy(t), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(t, 'nginx:1.16.1');
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { replicas: 5 } });
    t.settle();
    let d = deploy(t);
    let rss = replicaSetsOf(t, d);
    expect(rss).toHaveLength(1);
    expect(imageOf(rss[0]!)).toBe('nginx:1.14.2');
    expect(rss[0]!.spec?.replicas).toBe(5);
    expect(d.status?.observedGeneration).toBe(d.metadata.generation);
    patch(t, 'Deployment', 'nginx-deployment', 'application/merge-patch+json', { spec: { paused: false } });
    t.settle();
    d = deploy(t);
    rss = byRevision(replicaSetsOf(t, d));
    expect(rss.map((rs) => rs.spec?.replicas)).toEqual([0, 5]);
    expect(imageOf(rss[1]!)).toBe('nginx:1.16.1');
    expect(condition(d, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(rolloutStatus(d).done).toBe(true);
  });
});

describe('kubectl rollout status', () => {
  it('waits for the controller to observe a new generation before judging', () => {
    const t = workloadCluster();
    t.create(nginxDeployment());
    t.settle();
    setImage(t, 'nginx:1.16.1');
    expect(rolloutStatus(deploy(t)).message).toBe('Waiting for deployment spec update to be observed...');
    t.settle();
    const d: Deployment = deploy(t);
    expect(d.status?.observedGeneration).toBe(2);
    expect(rolloutStatus(d).done).toBe(true);
    void NS;
  });
});
