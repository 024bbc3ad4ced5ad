// The control plane runs on the Durable Object's alarm: firing it by hand is what moves a cluster forward.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { kube, newSession, nginxDeployment } from '../helpers/sandbox.ts';

describe('Control plane on the alarm', () => {
  it('rolls a Deployment out when the alarm fires, and schedules the next alarm while work remains', async () => {
    const s = await newSession({ profile: 'fast', workers: 2, controlPlanes: 1 });
    const k = kube(s);
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName(s.id));
    expect((await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: nginxDeployment() })).status).toBe(201);
    let fired = 0;
    for (let i = 0; i < 50; i++) {
      const pods = ((await (await k('/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx')).json()) as { items: any[] }).items;
      if (pods.length === 3 && pods.every((p) => p.status?.phase === 'Running')) break;
      // The write above (and each slice that leaves work) has armed the alarm; run it now instead of waiting.
      if (await runDurableObjectAlarm(stub)) fired++;
    }
    const pods = ((await (await k('/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx')).json()) as { items: any[] }).items;
    expect(pods.map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(pods.map((p) => p.spec.nodeName))).toEqual(new Set(['worker-1', 'worker-2']));
    expect(fired).toBeGreaterThan(0);
    const d = (await (await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment')).json()) as any;
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
  });

  it('re-arms itself for the next timer (a realistic image pull) rather than spinning', async () => {
    const s = await newSession({ profile: 'realistic', workers: 1, controlPlanes: 1 });
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName(s.id));
    await kube(s)('/api/v1/namespaces/default/pods', {
      method: 'POST',
      json: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'httpd:2.4' }] } },
    });
    for (let i = 0; i < 5; i++) await runDurableObjectAlarm(stub);
    const pod = (await (await kube(s)('/api/v1/namespaces/default/pods/web')).json()) as any;
    // Bound and pulling: the next step waits on simulated time, so an alarm is set in the future, not now.
    expect(pod.spec.nodeName).toBe('worker-1');
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    const next = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    expect(next).not.toBeNull();
    expect(next!).toBeGreaterThan(Date.now());
    expect(next!).toBeLessThanOrEqual(Date.now() + 10_000);
  });
});
