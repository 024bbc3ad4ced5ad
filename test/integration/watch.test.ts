import { describe, expect, it } from 'vitest';
import { kube, newSession, worker, type Kube } from '../helpers/sandbox.ts';

/** Reads newline-delimited watch events until `n` arrived or the time is up. */
async function readEvents(res: Response, n: number, ms = 3000): Promise<Array<{ type: string; object: any }>> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const out: Array<{ type: string; object: any }> = [];
  let buf = '';
  const deadline = Date.now() + ms;
  // One read stays pending across timeouts: workerd streams allow a single outstanding read.
  let pending = reader.read();
  while (out.length < n && Date.now() < deadline) {
    const r = (await Promise.race([pending, new Promise((res) => setTimeout(() => res('timeout'), 200))])) as ReadableStreamReadResult<Uint8Array> | 'timeout';
    if (r === 'timeout') continue;
    if (r.done) break;
    pending = reader.read();
    buf += dec.decode(r.value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      out.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  }
  pending.catch(() => {}); // the read left pending rejects when the stream is cancelled
  await reader.cancel().catch(() => {});
  return out;
}

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } });

async function rv(k: Kube): Promise<string> {
  return ((await (await k('/api/v1/namespaces/default/configmaps')).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

describe('Watch', () => {
  it('delivers every later change in order, exactly once', async () => {
    const k = kube(await newSession());
    const from = await rv(k);
    for (let i = 0; i < 5; i++) await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm(`c${i}`) });
    await k('/api/v1/namespaces/default/configmaps/c1', { method: 'DELETE' });
    const watch = await k(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}`);
    const live = k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('live') });
    const events = await readEvents(watch, 7);
    await live;
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED c0', 'ADDED c1', 'ADDED c2', 'ADDED c3', 'ADDED c4', 'DELETED c1', 'ADDED live']);
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(rvs.length);
  });

  it('turns label changes into ADDED and DELETED for a selector', async () => {
    const k = kube(await newSession());
    await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('x') });
    const from = await rv(k);
    const watch = await k(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}&labelSelector=team%3Dblue`);
    const patch = (labels: Record<string, string | null>) =>
      k('/api/v1/namespaces/default/configmaps/x', { method: 'PATCH', json: { metadata: { labels } }, contentType: 'application/merge-patch+json' });
    await patch({ team: 'blue' });
    await patch({ team: 'blue', other: '1' });
    await patch({ team: null });
    const events = await readEvents(watch, 3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('sends the current state as ADDED for resourceVersion 0 (what `kubectl get -w NAME` expects)', async () => {
    const k = kube(await newSession());
    await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('only') });
    const watch = await k('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Donly');
    const events = await readEvents(watch, 1);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED only']);
  });

  it('answers a compacted resourceVersion with an ERROR event carrying 410 Expired, and a list still works', async () => {
    const s = await newSession();
    const k = kube(s);
    const old = await rv(k);
    // 2,500 writes in three applies (at most 1,000 objects each) outrun the test's history limit (2,000), so `old` is compacted away.
    for (let part = 0; part < 3; part++) {
      const docs = Array.from({ length: 834 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bulk-${part}-${i}\n`).join('---\n');
      const applied = await worker(`/api/sessions/${s.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/yaml' }, body: docs });
      expect(applied.status).toBe(200);
    }
    const res = await k(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${old}`);
    expect(res.status).toBe(200);
    const events = await readEvents(res, 1, 2000);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('ERROR');
    expect(events[0]!.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    const list = (await (await k('/api/v1/namespaces/default/configmaps?limit=1')).json()) as { metadata: { remainingItemCount: number } };
    expect(list.metadata.remainingItemCount).toBeGreaterThanOrEqual(2499);
  });

  it('sends bookmarks with allowWatchBookmarks and ends the stream at timeoutSeconds', async () => {
    const k = kube(await newSession());
    const from = await rv(k);
    const res = await k(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`);
    const events = await readEvents(res, 10, 3000);
    const bookmark = events.find((e) => e.type === 'BOOKMARK')!;
    expect(bookmark.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } });
    expect(Number(bookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(from));
  });

  it('rejects an unparsable resourceVersion with 400', async () => {
    const k = kube(await newSession());
    expect((await k('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=abc')).status).toBe(400);
  });
});

describe('Streams of a deleted sandbox', () => {
  it('end when the sandbox is deleted instead of idling until their timeout', async () => {
    const s = await newSession();
    const k = kube(s);
    const res = await k('/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=600');
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const deleted = await worker(`/api/sessions/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${s.token}` } });
    expect(deleted.status).toBe(200);
    const ended = await Promise.race([
      (async () => {
        for (;;) if ((await reader.read()).done) return true;
      })(),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
    ]);
    expect(ended).toBe(true);
  });
});

