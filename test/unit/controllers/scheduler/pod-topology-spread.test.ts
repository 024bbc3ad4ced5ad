import { describe, expect, it } from 'vitest';
import type { TopologySpreadConstraint } from '../../../../durable-objects/registry/schemas/index.ts';
import { podTopologySpread, podTopologySpreadScore } from '../../../../durable-objects/controllers/scheduler/plugins/pod-topology-spread.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { cycleOf, filterVerdicts, node, pluginScores, pod, type PodOpts } from './fixtures.ts';

const SKEW = "Unschedulable: node(s) didn't match pod topology spread constraints";
const MISSING = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const nodes = [node('n1', { zone: 'a' }), node('n2', { zone: 'a' }), node('n3', { zone: 'b' })];
const spread = (topologyKey: string, maxSkew = 1, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});
const web = (name: string, nodeName: string, o: PodOpts = {}) => pod(name, { node: nodeName, labels: { app: 'web' }, ...o });
const twoOnN1 = [web('w1', 'n1'), web('w2', 'n1')];

describe('PodTopologySpread filter', () => {
  const cases: Array<{ name: string; incoming: PodOpts; existing: ReturnType<typeof pod>[]; nodes?: ReturnType<typeof node>[]; want: Record<string, string> }> = [
    { name: 'no constraints: every node', incoming: { labels: { app: 'web' } }, existing: twoOnN1, want: { n1: '', n2: '', n3: '' } },
    { name: 'per node: a node already maxSkew ahead of the emptiest is full', incoming: { labels: { app: 'web' }, spread: [spread(HOST)] }, existing: twoOnN1, want: { n1: SKEW, n2: '', n3: '' } },
    { name: 'per zone: the loaded zone is full', incoming: { labels: { app: 'web' }, spread: [spread(ZONE)] }, existing: twoOnN1, want: { n1: SKEW, n2: SKEW, n3: '' } },
    { name: 'a larger maxSkew allows more imbalance', incoming: { labels: { app: 'web' }, spread: [spread(ZONE, 3)] }, existing: twoOnN1, want: { n1: '', n2: '', n3: '' } },
    { name: 'a pod outside its own selector does not add to the skew', incoming: { labels: { app: 'other' }, spread: [spread(ZONE, 2)] }, existing: twoOnN1, want: { n1: '', n2: '', n3: '' } },
    { name: 'pods of other namespaces do not count', incoming: { labels: { app: 'web' }, spread: [spread(HOST)] }, existing: [web('w1', 'n1', { ns: 'other' }), web('w2', 'n1', { ns: 'other' })], want: { n1: '', n2: '', n3: '' } },
    { name: 'terminating pods do not count', incoming: { labels: { app: 'web' }, spread: [spread(HOST)] }, existing: [web('w1', 'n1', { deleting: true }), web('w2', 'n1', { deleting: true })], want: { n1: '', n2: '', n3: '' } },
    {
      name: 'a node without the topology label is rejected as such',
      incoming: { labels: { app: 'web' }, spread: [spread(ZONE)] },
      existing: [],
      nodes: [...nodes, node('bare')],
      want: { n1: '', n2: '', n3: '', bare: MISSING },
    },
    {
      name: 'fewer domains than minDomains count the global minimum as zero',
      incoming: { labels: { app: 'web' }, spread: [spread(HOST, 1, { minDomains: 4 })] },
      existing: [web('w1', 'n1'), web('w2', 'n2'), web('w3', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: SKEW },
    },
    {
      name: 'nodes outside the pod node selector are not domains (nodeAffinityPolicy Honor)',
      incoming: { labels: { app: 'web' }, nodeSelector: { [ZONE]: 'a' }, spread: [spread(HOST)] },
      existing: [web('w1', 'n1'), web('w2', 'n2')],
      want: { n1: '', n2: '', n3: '' },
    },
    {
      name: 'with nodeAffinityPolicy Ignore they are',
      incoming: { labels: { app: 'web' }, nodeSelector: { [ZONE]: 'a' }, spread: [spread(HOST, 1, { nodeAffinityPolicy: 'Ignore' })] },
      existing: [web('w1', 'n1'), web('w2', 'n2')],
      want: { n1: SKEW, n2: SKEW, n3: '' },
    },
    {
      name: 'a tainted node is an empty domain by default (nodeTaintsPolicy Ignore)',
      incoming: { labels: { app: 'web' }, spread: [spread(HOST)] },
      existing: [web('w1', 'n1')],
      nodes: [node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('n1')],
      want: { cp: '', n1: SKEW },
    },
    {
      name: 'with nodeTaintsPolicy Honor it is left out',
      incoming: { labels: { app: 'web' }, spread: [spread(HOST, 1, { nodeTaintsPolicy: 'Honor' })] },
      existing: [web('w1', 'n1')],
      nodes: [node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('n1')],
      want: { cp: '', n1: '' },
    },
    {
      name: 'matchLabelKeys narrows the selector to pods sharing the label value',
      incoming: { labels: { app: 'web', rev: 'b' }, spread: [spread(HOST, 1, { matchLabelKeys: ['rev'] })] },
      existing: [web('w1', 'n1', { labels: { app: 'web', rev: 'a' } }), web('w2', 'n1', { labels: { app: 'web', rev: 'a' } })],
      want: { n1: '', n2: '', n3: '' },
    },
    { name: 'ScheduleAnyway constraints never filter', incoming: { labels: { app: 'web' }, spread: [spread(HOST, 1, { whenUnsatisfiable: 'ScheduleAnyway' })] }, existing: twoOnN1, want: { n1: '', n2: '', n3: '' } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(filterVerdicts(podTopologySpread, cycleOf(pod('p', c.incoming), c.nodes ?? nodes, c.existing))).toEqual(c.want));
  }
});

describe('PodTopologySpread score', () => {
  const rs = (selector: Record<string, string>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs1', namespace: 'default' },
    spec: { selector: { matchLabels: selector }, template: {} },
  });
  const owned = (name: string, nodeName: string) => pod(name, { node: nodeName, owner: 'rs1', labels: { app: 'web' } });
  const cases: Array<{ name: string; incoming: PodOpts; existing: ReturnType<typeof pod>[]; extra?: KubeObject[]; nodes?: ReturnType<typeof node>[]; want: Record<string, number> }> = [
    { name: 'pods without owner, Service or constraints: no opinion', incoming: { labels: { app: 'web' } }, existing: twoOnN1, want: { n1: 0, n2: 0, n3: 0 } },
    {
      name: 'by default, pods of one owner spread over nodes and zones',
      incoming: { owner: 'rs1', labels: { app: 'web' } },
      existing: [owned('a', 'n1'), owned('b', 'n1'), owned('c', 'n2')],
      want: { n1: 45, n2: 57, n3: 100 },
    },
    {
      name: 'by default, a ReplicaSet in the store groups every pod its selector matches',
      incoming: { owner: 'rs1', labels: { app: 'web' } },
      existing: twoOnN1,
      extra: [rs({ app: 'web' })],
      want: { n1: 50, n2: 77, n3: 100 },
    },
    {
      name: 'by default, a Service selecting the pod groups the pods it selects',
      incoming: { labels: { app: 'web', tier: 'front' } },
      existing: twoOnN1,
      extra: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } }],
      want: { n1: 50, n2: 77, n3: 100 },
    },
    {
      name: 'ScheduleAnyway constraints prefer the emptier domain; nodes without the key get nothing',
      incoming: { labels: { app: 'web' }, spread: [spread(ZONE, 1, { whenUnsatisfiable: 'ScheduleAnyway' })] },
      existing: twoOnN1,
      nodes: [...nodes, node('bare')],
      want: { n1: 0, n2: 0, n3: 100, bare: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(pluginScores(podTopologySpreadScore, cycleOf(pod('p', c.incoming), c.nodes ?? nodes, c.existing, c.extra))).toEqual(c.want));
  }
});
