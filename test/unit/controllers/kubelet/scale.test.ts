// Many pods at once: the fast profile's promise (every pod Ready right after the apply) in store writes.
import { describe, expect, it } from 'vitest';
import { podDisplay } from '../../../../durable-objects/registry/kinds/pod.ts';
import type { Pod } from '../../../../durable-objects/registry/schemas/index.ts';
import { cluster, nginx, pod } from './fixtures.ts';

describe('Kubelet at scale', () => {
  it('brings 1,000 pods on 12 workers to Running and Ready with one status write each', () => {
    const t = cluster({ workers: 12 });
    let statusWrites = 0;
    t.cluster.store.subscribe((e) => {
      if (e.key.resource === 'pods' && e.type === 'MODIFIED') statusWrites++;
    });
    t.cluster.store.transaction(() => {
      for (let i = 0; i < 1000; i++) t.create(pod(`web-${i}`, [nginx()], { node: `worker-${(i % 12) + 1}` }));
    });
    t.settle();
    const pods = t.list<Pod>('pods', 'default');
    expect(pods).toHaveLength(1000);
    expect(pods.filter((p) => podDisplay(p, t.clock.now()).ready === '1/1')).toHaveLength(1000);
    expect(statusWrites).toBe(1000);
    expect(new Set(pods.map((p) => p.status?.podIP)).size).toBe(1000);
  });
});
