// Nothing acknowledged is lost: a hard kill of `wrangler dev` and a restart on the same state gives back every object
// with the same resourceVersion, and the cluster's loops resume without any request arriving.
import { describe, expect, it } from 'vitest';
import { startDev } from './helpers/wrangler.ts';
import { createSession } from './helpers/kubectl.ts';

describe('Durability', () => {
  it('keeps every acknowledged write across a hard kill and restart', async () => {
    const first = await startDev();
    let second: Awaited<ReturnType<typeof startDev>> | undefined;
    try {
      const s = await createSession(first.url, { profile: 'fast' });
      const api = (base: string, path: string, init: RequestInit = {}) =>
        fetch(`${base}/clusters/${s.id}${path}`, { ...init, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
      for (let i = 0; i < 20; i++) {
        const r = await api(first.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } }) });
        expect(r.status).toBe(201);
      }
      const before = (await (await api(first.url, '/api/v1/namespaces/default/configmaps')).json()) as { items: Array<{ metadata: { name: string; resourceVersion: string } }> };

      await first.stop('SIGKILL');
      second = await startDev({ persistDir: first.persistDir, port: first.port });
      const after = (await (await api(second.url, '/api/v1/namespaces/default/configmaps')).json()) as typeof before;
      const rvs = (l: typeof before) => l.items.map((i) => `${i.metadata.name}@${i.metadata.resourceVersion}`);
      expect(rvs(after)).toEqual(rvs(before));
      expect(after.items.filter((i) => i.metadata.name.startsWith('cm-'))).toHaveLength(20);
      const next = await api(second.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } }) });
      const created = (await next.json()) as { metadata: { resourceVersion: string } };
      const maxBefore = Math.max(...before.items.map((i) => Number(i.metadata.resourceVersion)));
      expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(maxBefore);
    } finally {
      await first.stop('SIGKILL');
      await second?.stop();
    }
  });

  it('resumes its control loops after a restart with no request arriving', async () => {
    const first = await startDev();
    let second: Awaited<ReturnType<typeof startDev>> | undefined;
    try {
      const s = await createSession(first.url, { profile: 'realistic', workers: 2, controlPlanes: 1 });
      const h = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
      const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'redis:7.2' }] } } } };
      expect((await fetch(`${s.apiServer}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: h, body: JSON.stringify(dep) })).status).toBe(201);
      const pods = async () => ((await (await fetch(`${s.apiServer}/api/v1/namespaces/default/pods?labelSelector=app%3Dweb`, { headers: h })).json()) as { items: any[] }).items;
      // Killed while the images are still being pulled (realistic profile: seconds).
      await new Promise((r) => setTimeout(r, 300));
      expect((await pods()).every((p) => p.status.phase === 'Running')).toBe(false);
      await first.stop('SIGKILL');
      second = await startDev({ persistDir: first.persistDir, port: first.port });
      // No request for a while: only the Durable Object's own alarm can move the pods on.
      await new Promise((r) => setTimeout(r, 8_000));
      const asked = Date.now();
      const after = await pods();
      expect(after).toHaveLength(2);
      for (const p of after) {
        expect(p.status.phase).toBe('Running');
        const started = Date.parse(p.status.containerStatuses[0].state.running.startedAt);
        expect(asked - started).toBeGreaterThan(1_000);
      }
    } finally {
      await first.stop('SIGKILL');
      await second?.stop();
    }
  });
});
