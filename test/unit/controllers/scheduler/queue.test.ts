import { describe, expect, it } from 'vitest';
import { backoffMs, UnschedulableQueue, type ClusterChange } from '../../../../durable-objects/controllers/scheduler/queue.ts';

describe('Unschedulable queue', () => {
  it('backs off 1s, doubling per failed attempt, up to 10s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  const cases: Array<{ rejectedBy: string[]; change: ClusterChange; woken: boolean }> = [
    { rejectedBy: ['TaintToleration'], change: 'NodeChanged', woken: true },
    { rejectedBy: ['TaintToleration'], change: 'PodRemoved', woken: false },
    { rejectedBy: ['NodeAffinity', 'NodeResourcesFit'], change: 'PodRemoved', woken: true },
    { rejectedBy: ['NodePorts'], change: 'PodRemoved', woken: true },
    { rejectedBy: ['NodeResourcesFit'], change: 'PodAdded', woken: false },
    { rejectedBy: ['InterPodAffinity'], change: 'PodAdded', woken: true },
    { rejectedBy: ['PodTopologySpread'], change: 'PodRemoved', woken: true },
    { rejectedBy: [], change: 'PodAdded', woken: true },
  ];
  for (const c of cases) {
    it(`${c.change} ${c.woken ? 'wakes' : 'leaves'} a pod rejected by [${c.rejectedBy.join(', ')}]`, () => {
      const q = new UnschedulableQueue();
      q.park('default/p', 'uid-1', new Set(c.rejectedBy), 0);
      expect(q.wake(c.change)).toEqual(c.woken ? ['default/p'] : []);
    });
  }

  it('starts afresh for a new pod of the same name', () => {
    const q = new UnschedulableQueue();
    q.park('default/p', 'uid-1', new Set(), 0);
    q.park('default/p', 'uid-1', new Set(), 0);
    expect(q.get('default/p', 'uid-1')?.attempts).toBe(2);
    expect(q.get('default/p', 'uid-2')).toBeUndefined();
  });
});
