import { describe, expect, it } from 'vitest';
import type { Controller } from '../../../durable-objects/controllers/types.ts';
import { testCluster } from '../../helpers/cluster.ts';

/** A controller that records what it saw and can be told to fail or ask for a timer. */
function probe(behaviour: { failTimes?: number; requeueMs?: number } = {}) {
  const seen: string[] = [];
  let failures = behaviour.failTimes ?? 0;
  const c: Controller = {
    name: 'probe',
    watches: ['configmaps'],
    resync: (ctx) => ctx.store.list('configmaps').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
    reconcile(key, ctx) {
      seen.push(`${key}@${ctx.clock.now()}`);
      if (failures > 0) {
        failures--;
        throw new Error('temporary');
      }
      return behaviour.requeueMs === undefined ? undefined : { requeueAfterMs: behaviour.requeueMs };
    },
  };
  return { c, seen };
}

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

describe('Reconcile engine', () => {
  it('runs each key once however many changes queued it', () => {
    const { c, seen } = probe();
    const t = testCluster({ empty: true, controllers: [c] });
    t.settle();
    seen.length = 0;
    t.create(cm('a'));
    t.cluster.store.update('configmaps', { ...cm('a'), data: { x: '1' } });
    t.cluster.store.update('configmaps', { ...cm('a'), data: { x: '2' } });
    t.settle();
    expect(seen.map((s) => s.split('@')[0])).toEqual(['default/a']);
  });

  it('looks at everything once after a restart (resync), with nothing queued', () => {
    const { c, seen } = probe();
    const t = testCluster({ empty: true, controllers: [c] });
    t.create(cm('a'));
    t.create(cm('b'));
    t.settle();
    expect(new Set(seen.map((s) => s.split('@')[0]))).toEqual(new Set(['default/a', 'default/b']));
  });

  it('retries a controller that throws with growing backoff, then stops once it succeeds', () => {
    const { c, seen } = probe({ failTimes: 3 });
    const t = testCluster({ empty: true, controllers: [c] });
    const start = t.clock.now();
    t.create(cm('a'));
    t.advance(10_000);
    const times = seen.map((s) => Number(s.split('@')[1]) - start);
    expect(times).toEqual([0, 100, 300, 700]);
  });

  it('fires requested timers when the clock reaches them, not before', () => {
    const { c, seen } = probe({ requeueMs: 5_000 });
    const t = testCluster({ empty: true, controllers: [c] });
    t.create(cm('a'));
    t.settle();
    expect(seen).toHaveLength(1);
    t.advance(4_999);
    expect(seen).toHaveLength(1);
    t.advance(1);
    expect(seen).toHaveLength(2);
  });
});

describe('ServiceAccount controller', () => {
  it('gives every namespace a default ServiceAccount and the root CA ConfigMap', () => {
    const t = testCluster();
    t.settle();
    t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    t.settle();
    for (const ns of ['default', 'kube-system', 'team-a']) {
      expect(t.get('serviceaccounts', ns, 'default'), ns).toBeDefined();
      expect(t.get('configmaps', ns, 'kube-root-ca.crt'), ns).toBeDefined();
    }
  });

  it('recreates the default ServiceAccount when someone deletes it', () => {
    const t = testCluster();
    t.settle();
    t.cluster.store.delete('serviceaccounts', 'default', 'default');
    t.settle();
    expect(t.get('serviceaccounts', 'default', 'default')).toBeDefined();
  });
});
