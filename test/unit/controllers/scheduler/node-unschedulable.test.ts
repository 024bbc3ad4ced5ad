import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../../../durable-objects/registry/schemas/index.ts';
import { nodeUnschedulable } from '../../../../durable-objects/controllers/scheduler/plugins/node-unschedulable.ts';
import { nodeName } from '../../../../durable-objects/controllers/scheduler/plugins/node-name.ts';
import { cycleOf, filterVerdicts, node, pod } from './fixtures.ts';

describe('NodeUnschedulable filter', () => {
  const cases: Array<{ name: string; cordoned: boolean; tolerations?: Toleration[]; want: string }> = [
    { name: 'a schedulable node passes', cordoned: false, want: '' },
    { name: 'a cordoned node is skipped', cordoned: true, want: 'UnschedulableAndUnresolvable: node(s) were unschedulable' },
    { name: 'a pod tolerating the cordon taint may still go there', cordoned: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], want: '' },
    { name: 'a toleration of everything covers cordons too', cordoned: true, tolerations: [{ operator: 'Exists' }], want: '' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(filterVerdicts(nodeUnschedulable, cycleOf(pod('p', { tolerations: c.tolerations }), [node('n1', { unschedulable: c.cordoned })]))).toEqual({ n1: c.want }));
  }
});

describe('NodeName filter', () => {
  it('passes every node for a pod that names none, and only its node otherwise', () => {
    const nodes = [node('n1'), node('n2')];
    expect(filterVerdicts(nodeName, cycleOf(pod('p'), nodes))).toEqual({ n1: '', n2: '' });
    expect(filterVerdicts(nodeName, cycleOf(pod('p', { node: 'n2' }), nodes))).toEqual({ n1: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name", n2: '' });
  });
});
