// One behavioural suite for the Store, run against every log backend (memory and SQLite).
import { describe, it, expect } from 'vitest';
import { Store } from '../../../durable-objects/store/store.ts';
import type { LogBackend } from '../../../durable-objects/store/types.ts';
import type { KubeObject } from '../../../durable-objects/types.ts';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';

export type BackendFactory = () => Promise<{ backend: LogBackend; reopen: () => LogBackend; run: <T>(fn: () => T) => Promise<T> }>;

const pod = (name: string, ns = 'default', labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.reason;
    throw e;
  }
  return undefined;
}

export function storeSuite(name: string, make: BackendFactory): void {
  describe(`Store (${name})`, () => {
    it('gives every write the next revision as its resourceVersion', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        const a = s.create('pods', pod('a'));
        const b = s.create('pods', pod('b'));
        const a2 = s.update('pods', { ...pod('a'), metadata: { ...pod('a').metadata, labels: { x: '1' } } });
        expect([a.metadata.resourceVersion, b.metadata.resourceVersion, a2.metadata.resourceVersion]).toEqual(['1', '2', '3']);
        expect(s.revision).toBe(3);
      });
    });

    it('refuses a second object with the same name with AlreadyExists', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        s.create('pods', pod('a'));
        expect(reason(() => s.create('pods', pod('a')))).toBe('AlreadyExists');
        s.create('pods', pod('a', 'other'));
        expect(s.count('pods')).toBe(2);
      });
    });

    it('rejects an update carrying a stale resourceVersion with Conflict and keeps the stored object', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        s.create('pods', pod('a'));
        s.update('pods', pod('a'), '1');
        expect(reason(() => s.update('pods', { ...pod('a'), spec: { changed: true } }, '1'))).toBe('Conflict');
        expect(s.get('pods', 'default', 'a')?.spec).toEqual(pod('a').spec);
        expect(s.revision).toBe(2);
      });
    });

    it('answers NotFound for updates and deletes of missing objects', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        expect(reason(() => s.update('pods', pod('nope')))).toBe('NotFound');
        expect(reason(() => s.delete('pods', 'default', 'nope'))).toBe('NotFound');
      });
    });

    it('lists in namespace/name order and filters by namespace', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        for (const [n, ns] of [['b', 'x'], ['a', 'y'], ['c', 'x'], ['a', 'x']] as const) s.create('pods', pod(n, ns));
        expect(s.list('pods').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`)).toEqual(['x/a', 'x/b', 'x/c', 'y/a']);
        expect(s.list('pods', 'y').map((e) => e.object.metadata.name)).toEqual(['a']);
      });
    });

    it('hands out frozen objects so callers cannot corrupt stored state', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        s.create('pods', pod('a'));
        const got = s.get('pods', 'default', 'a')!;
        expect(() => {
          (got.metadata as { name: string }).name = 'z';
        }).toThrow();
        const copy = s.getMutable('pods', 'default', 'a')!;
        copy.metadata.name = 'z';
        expect(s.get('pods', 'default', 'a')?.metadata.name).toBe('a');
      });
    });

    it('replays every change after a revision, in order, exactly once, with the previous state', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        s.create('pods', pod('a')); // 1
        s.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }); // 2
        s.update('pods', pod('a', 'default', { v: '2' })); // 3
        s.delete('pods', 'default', 'a'); // 4
        const ev = s.changesSince(1, 'pods');
        expect(ev.map((e) => [e.type, e.rv])).toEqual([
          ['MODIFIED', 3],
          ['DELETED', 4],
        ]);
        expect(ev[0]!.prev?.metadata.labels).toEqual({});
        expect(ev[1]!.object.metadata.resourceVersion).toBe('4');
        expect(s.changesSince(0).map((e) => e.rv)).toEqual([1, 2, 3, 4]);
        expect(s.changesSince(4)).toEqual([]);
      });
    });

    it('notifies subscribers of each commit synchronously', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend);
        const seen: string[] = [];
        const off = s.subscribe((e) => seen.push(`${e.type}:${e.key.name}:${e.rv}`));
        s.create('pods', pod('a'));
        s.delete('pods', 'default', 'a');
        off();
        s.create('pods', pod('b'));
        expect(seen).toEqual(['ADDED:a:1', 'DELETED:a:2']);
      });
    });

    it('answers 410 Expired for a resourceVersion that compaction removed, and keeps later history', async () => {
      const { backend, run } = await make();
      await run(() => {
        const s = new Store(backend, { historyLimit: 5 });
        s.create('pods', pod('a'));
        for (let i = 0; i < 20; i++) s.update('pods', pod('a'));
        expect(s.compactedRevision).toBeGreaterThan(0);
        expect(reason(() => s.changesSince(1))).toBe('Expired');
        const from = s.compactedRevision;
        const ev = s.changesSince(from);
        expect(ev.length).toBe(s.revision - from);
        expect(ev.every((e) => e.prev !== undefined)).toBe(true);
      });
    });

    it('comes back after a restart with every object at the same resourceVersion', async () => {
      const { backend, reopen, run } = await make();
      await run(() => {
        const s = new Store(backend, { historyLimit: 5 });
        for (let i = 0; i < 12; i++) s.create('pods', pod(`p${i}`));
        s.update('pods', pod('p3', 'default', { x: 'y' }));
        s.delete('pods', 'default', 'p4');
        for (let i = 0; i < 10; i++) s.update('pods', pod('p5', 'default', { i: String(i) }));
        s.delete('pods', 'default', 'p6');
        const before = s.list('pods').map((e) => e.json);
        const again = new Store(reopen(), { historyLimit: 5 });
        expect(again.list('pods').map((e) => e.json)).toEqual(before);
        expect(again.revision).toBe(s.revision);
        expect(again.compactedRevision).toBe(s.compactedRevision);
        expect(again.changesSince(s.compactedRevision).map((e) => e.rv)).toEqual(s.changesSince(s.compactedRevision).map((e) => e.rv));
        const next = again.create('pods', pod('new'));
        expect(Number(next.metadata.resourceVersion)).toBe(s.revision + 1);
      });
    });
  });
}
