import { describe, expect, it } from 'vitest';
import { testCluster } from '../../helpers/cluster.ts';

function setup() {
  const t = testCluster({ empty: true, controllers: [] });
  const pod = t.cluster.reconcile.client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  const events = () => t.list<any>('events', 'default');
  return { t, pod, rec: t.cluster.reconcile.events, events };
}

describe('Event recorder', () => {
  it('counts repeats of the same event on one Event object', () => {
    const { pod, rec, events } = setup();
    for (let i = 0; i < 3; i++) rec.warning(pod, 'BackOff', 'Back-off restarting failed container', { component: 'kubelet', host: 'worker-1' });
    expect(events().map((e) => [e.reason, e.count])).toEqual([['BackOff', 3]]);
  });

  it('combines similar events beyond ten different messages', () => {
    const { pod, rec, events } = setup();
    for (let i = 0; i < 14; i++) rec.normal(pod, 'SuccessfulCreate', `Created pod: p-${i}`, { component: 'replicaset-controller' });
    const combined = events().filter((e) => e.message.startsWith('(combined from similar events): '));
    expect(events()).toHaveLength(11);
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(4);
  });

  it('lets one source record a burst of 25 events about an object, then one per five minutes', () => {
    const { t, pod, rec, events } = setup();
    for (let i = 0; i < 40; i++) {
      rec.warning(pod, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', { component: 'default-scheduler' });
      t.clock.t += 10_000;
    }
    const e = events();
    expect(e).toHaveLength(1);
    expect(e[0].count).toBe(26);
  });
});

describe('Sandbox limits', () => {
  it('refuse creates beyond the per-cluster quota with 403, and events past it are dropped, not thrown', async () => {
    const { LIMITS } = await import('../../../durable-objects/apiserver/admission/sandbox-limits.ts');
    const saved = { ...LIMITS };
    try {
      const { t, pod, rec } = setup();
      LIMITS.pods = 2;
      t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      expect(() => t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'r', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })).toThrow(
        'pods "r" is forbidden: exceeded quota: sandbox, requested: pods=1, used: pods=2, limited: pods=2',
      );
      LIMITS.events = 0;
      expect(() => rec.normal(pod, 'Test', 'dropped', { component: 'test' })).not.toThrow();
    } finally {
      Object.assign(LIMITS, saved);
    }
  });
});
