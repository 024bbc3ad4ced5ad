import { describe, expect, it } from 'vitest';
import { schedulePod } from '../../../../durable-objects/controllers/scheduler/schedule.ts';
import { fitErrorMessage } from '../../../../durable-objects/controllers/scheduler/fit-error.ts';
import { unresolvable, unschedulable } from '../../../../durable-objects/controllers/scheduler/framework.ts';
import { imageLocality } from '../../../../durable-objects/controllers/scheduler/plugins/image-locality.ts';
import { seededRandom } from '../../../helpers/cluster.ts';
import { cycleOf, node, pluginScores, pod, type PodOpts } from './fixtures.ts';

const CP = node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
const workers = [node('w1'), node('w2')];

function outcome(incoming: PodOpts, existing: PodOpts[] = [], nodes = [CP, ...workers]): string {
  const r = schedulePod(cycleOf(pod('p', incoming), nodes, existing.map((o, i) => pod(`old${i}`, o))), seededRandom());
  switch (r.type) {
    case 'Scheduled':
      return `-> ${r.node}`;
    case 'Unschedulable':
      return r.preemption ? `preempt ${r.preemption.victims.map((v) => v.name).join(',')} on ${r.preemption.node}: ${r.message}` : r.message;
    default:
      return r.message;
  }
}

describe('FailedScheduling message', () => {
  const cases: Array<{ name: string; incoming: PodOpts; existing?: PodOpts[]; nodes?: ReturnType<typeof node>[]; want: string }> = [
    {
      name: 'a request larger than any node: preemption is not helpful anywhere',
      incoming: { cpu: '100' },
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'nodes too full, with nothing of lower priority to evict',
      incoming: { cpu: '3' },
      existing: [{ node: 'w1', cpu: '2' }, { node: 'w2', cpu: '2' }],
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'several reasons on one node are each counted',
      incoming: { cpu: '3', memory: '7Gi' },
      existing: [{ node: 'w1', cpu: '2', memory: '2Gi' }, { node: 'w2', cpu: '2' }],
      want: '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'a node selector nothing matches',
      incoming: { nodeSelector: { disktype: 'ssd' } },
      want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    },
    {
      name: 'nodes excluded by matchFields are counted as not satisfying NodeAffinity',
      incoming: { cpu: '3', affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }] } } } },
      existing: [{ node: 'w1', cpu: '2' }],
      want: '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn\'t satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a pod that may not preempt says so',
      incoming: { cpu: '3', preemptionPolicy: 'Never' },
      existing: [{ node: 'w1', cpu: '2' }, { node: 'w2', cpu: '2' }],
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'a PreFilter rejection is the whole message',
      incoming: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }, { key: 'metadata.name', operator: 'In', values: ['w2'] }] }] } } } },
      want: '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'cordoned nodes',
      incoming: {},
      nodes: [node('w1', { unschedulable: true }), node('w2', { unschedulable: true })],
      want: '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'full nodes: too many pods',
      incoming: {},
      existing: [{ node: 'w1' }, { node: 'w2' }],
      nodes: [node('w1', { pods: '1' }), node('w2', { pods: '1' })],
      want: '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'lower-priority pods that would not free enough are not evicted',
      incoming: { cpu: '4', priority: 100 },
      existing: [{ node: 'w1', cpu: '1', priority: 0 }, { node: 'w1', cpu: '1', priority: 1000 }, { node: 'w2', cpu: '1', priority: 1000 }],
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a higher-priority pod evicts as few lower-priority pods as it needs',
      incoming: { cpu: '3', priority: 100 },
      existing: [{ node: 'w1', cpu: '1', priority: 10 }, { node: 'w1', cpu: '1', priority: 0 }, { node: 'w1', cpu: '1', priority: 5 }, { node: 'w2', cpu: '2', priority: 50 }],
      want: 'preempt old2,old1 on w1: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    },
    { name: 'no nodes at all', incoming: {}, nodes: [], want: 'no nodes available to schedule pods' },
    { name: 'a fitting pod is placed', incoming: { cpu: '1' }, existing: [{ node: 'w1', cpu: '2' }], want: '-> w2' },
  ];
  for (const c of cases) it(c.name, () => expect(outcome(c.incoming, c.existing, c.nodes)).toBe(c.want));

  it('sorts "<count> <reason>" strings as Go does: byte order, so 10 comes before 2', () => {
    const statuses = [...Array(10).fill(unschedulable('Insufficient cpu')), unresolvable('node(s) were unschedulable'), unresolvable('node(s) were unschedulable')];
    expect(fitErrorMessage(12, statuses)).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.');
  });
});

describe('Node selection', () => {
  it('breaks ties at random among the best nodes, never choosing a worse one', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const r = schedulePod(cycleOf(pod('p'), [node('a'), node('b'), node('c', { cpu: '1' })]), seededRandom(seed));
      if (r.type === 'Scheduled') seen.add(r.node);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });
});

describe('ImageLocality score', () => {
  it('prefers nodes that already have the images, and has no opinion when none does', () => {
    const big = { names: ['registry.k8s.io/big:1.0'], sizeBytes: 500 * 1024 * 1024 };
    const nodes = [node('has', { images: [big] }), node('lacks')];
    expect(pluginScores(imageLocality, cycleOf(pod('p', { image: 'registry.k8s.io/big:1.0' }), nodes))).toEqual({ has: 23, lacks: 0 });
    expect(pluginScores(imageLocality, cycleOf(pod('p', { image: 'nginx' }), nodes))).toEqual({ has: 0, lacks: 0 });
  });
});
