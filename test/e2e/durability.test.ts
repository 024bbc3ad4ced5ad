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
});
