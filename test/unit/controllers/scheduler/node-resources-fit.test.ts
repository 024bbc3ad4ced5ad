import { describe, expect, it } from 'vitest';
import type { Container } from '../../../../durable-objects/registry/schemas/index.ts';
import { amount } from '../../../../durable-objects/controllers/scheduler/quantity.ts';
import { leastAllocated, nodeResourcesFit } from '../../../../durable-objects/controllers/scheduler/plugins/node-resources-fit.ts';
import { balancedAllocation } from '../../../../durable-objects/controllers/scheduler/plugins/balanced-allocation.ts';
import { cycleOf, filterVerdicts, node, pluginScores, pod, type PodOpts } from './fixtures.ts';

describe('Resource quantities', () => {
  const cases: Array<[string, string | number, number]> = [
    ['cpu', '100m', 100],
    ['cpu', '0.5', 500],
    ['cpu', '0.1', 100],
    ['cpu', 2, 2000],
    ['cpu', '1.0001', 1001],
    ['memory', '1Gi', 1073741824],
    ['memory', '128974848', 128974848],
    ['memory', '129e6', 129000000],
    ['memory', '123Mi', 128974848],
    ['memory', '1k', 1000],
    ['memory', '0.5Ki', 512],
    ['memory', 'nonsense', 0],
  ];
  for (const [r, q, want] of cases) it(`${r} ${q} is ${want}`, () => expect(amount(r, q)).toBe(want));
});

const c = (cpu: string, extra: Partial<Container> = {}): Container => ({ name: `c${cpu}${extra.restartPolicy ?? ''}`, image: 'x', resources: { requests: { cpu } }, ...extra }) as Container;

describe('NodeResourcesFit filter', () => {
  const cases: Array<{ name: string; incoming: PodOpts; existing?: PodOpts[]; node?: Parameters<typeof node>[1]; want: string }> = [
    { name: 'a pod that fits passes', incoming: { cpu: '1', memory: '1Gi' }, existing: [{ cpu: '2' }], want: '' },
    { name: 'too little cpu left: preemption might help', incoming: { cpu: '3' }, existing: [{ cpu: '2' }], want: 'Unschedulable: Insufficient cpu' },
    { name: 'more cpu than the node has at all: preemption cannot help', incoming: { cpu: '100' }, want: 'UnschedulableAndUnresolvable: Insufficient cpu' },
    { name: 'too little memory left', incoming: { memory: '7Gi' }, existing: [{ memory: '2Gi' }], want: 'Unschedulable: Insufficient memory' },
    { name: 'every missing resource is a reason', incoming: { cpu: '3', memory: '7Gi' }, existing: [{ cpu: '2', memory: '2Gi' }], want: 'Unschedulable: Insufficient cpu, Insufficient memory' },
    { name: 'the node has no pod slot left', incoming: {}, existing: [{}, {}], node: { pods: '2' }, want: 'Unschedulable: Too many pods' },
    { name: 'requests of exactly what is left fit', incoming: { cpu: '2' }, existing: [{ cpu: '2000m' }], want: '' },
    { name: 'finished pods hold nothing', incoming: { cpu: '3' }, existing: [{ cpu: '2', phase: 'Succeeded' }, { cpu: '2', phase: 'Failed' }], want: '' },
    { name: 'terminating pods still hold their requests', incoming: { cpu: '3' }, existing: [{ cpu: '2', deleting: true }], want: 'Unschedulable: Insufficient cpu' },
    { name: 'the largest init container counts when it exceeds the app containers', incoming: { containers: [c('1')], initContainers: [c('3'), c('2')] }, existing: [{ cpu: '2' }], want: 'Unschedulable: Insufficient cpu' },
    { name: 'init containers smaller than the app containers add nothing', incoming: { containers: [c('2')], initContainers: [c('1')] }, existing: [{ cpu: '2' }], want: '' },
    { name: 'sidecars (restartable init containers) add to the app containers', incoming: { containers: [c('1')], initContainers: [c('1500m', { restartPolicy: 'Always' })] }, existing: [{ cpu: '2' }], want: 'Unschedulable: Insufficient cpu' },
    { name: 'pod overhead counts', incoming: { cpu: '2', overhead: { cpu: '250m' } }, existing: [{ cpu: '2' }], want: 'Unschedulable: Insufficient cpu' },
    { name: 'a limit without a request counts as the request', incoming: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '3' } } } as Container] }, existing: [{ cpu: '2' }], want: 'Unschedulable: Insufficient cpu' },
    {
      name: 'an extended resource the node lacks cannot be preempted for',
      incoming: { containers: [{ name: 'c', image: 'x', resources: { requests: { 'example.com/gpu': '1' } } } as Container] },
      want: 'UnschedulableAndUnresolvable: Insufficient example.com/gpu',
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const existing = (t.existing ?? []).map((o, i) => pod(`old${i}`, { ...o, node: 'n1' }));
      expect(filterVerdicts(nodeResourcesFit, cycleOf(pod('p', t.incoming), [node('n1', t.node)], existing))).toEqual({ n1: t.want });
    });
  }
});

describe('NodeResourcesFit score (least allocated)', () => {
  const nodes = [node('empty'), node('half', {}), node('small', { cpu: '2', memory: '4Gi' })];
  const existing = [pod('busy', { node: 'half', cpu: '2', memory: '4Gi' })];
  it('prefers the node with the most room left, counting pods without requests at 100m/200Mi', () => {
    expect(pluginScores(leastAllocated, cycleOf(pod('p', { cpu: '1', memory: '1Gi' }), nodes, existing))).toEqual({ empty: 81, half: 31, small: 63 });
    expect(pluginScores(leastAllocated, cycleOf(pod('p'), [node('a'), node('b')], [pod('x', { node: 'b' })]))).toEqual({ a: 98, b: 95 });
  });
});

describe('NodeResourcesBalancedAllocation score', () => {
  it('prefers the node where cpu and memory end up equally used', () => {
    const nodes = [node('cpu-heavy'), node('even')];
    const existing = [pod('x', { node: 'cpu-heavy', cpu: '3' }), pod('y', { node: 'even', cpu: '1', memory: '2Gi' })];
    expect(pluginScores(balancedAllocation, cycleOf(pod('p', { cpu: '1', memory: '2Gi' }), nodes, existing))).toEqual({ 'cpu-heavy': 63, even: 100 });
  });
  it('has no opinion on pods without requests', () => {
    expect(pluginScores(balancedAllocation, cycleOf(pod('p'), [node('a'), node('b')], [pod('x', { node: 'a', cpu: '3' })]))).toEqual({ a: 0, b: 0 });
  });
});
