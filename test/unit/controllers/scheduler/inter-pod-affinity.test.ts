import { describe, expect, it } from 'vitest';
import type { PodAffinityTerm } from '../../../../durable-objects/registry/schemas/index.ts';
import { interPodAffinity, interPodAffinityScore } from '../../../../durable-objects/controllers/scheduler/plugins/inter-pod-affinity.ts';
import { cycleOf, filterVerdicts, node, pluginScores, pod, type PodOpts } from './fixtures.ts';

const AFFINITY = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING_ANTI = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const nodes = [node('n1', { zone: 'a' }), node('n2', { zone: 'a' }), node('n3', { zone: 'b' }), node('bare', { labels: { 'kubernetes.io/hostname': 'bare' } })];
const term = (app: string, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey, ...extra });
const affinity = (...terms: PodAffinityTerm[]) => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });
const anti = (...terms: PodAffinityTerm[]) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });
const db = (o: PodOpts = {}) => pod('db', { node: 'n1', labels: { app: 'db' }, ...o });

describe('InterPodAffinity filter', () => {
  const cases: Array<{ name: string; incoming: PodOpts; existing: ReturnType<typeof pod>[]; want: Record<string, string> }> = [
    { name: 'no terms: every node', incoming: {}, existing: [db()], want: { n1: '', n2: '', n3: '', bare: '' } },
    { name: 'affinity by hostname: only the node running a match', incoming: { affinity: affinity(term('db', HOST)) }, existing: [db()], want: { n1: '', n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'affinity by zone: any node of that zone', incoming: { affinity: affinity(term('db', ZONE)) }, existing: [db()], want: { n1: '', n2: '', n3: AFFINITY, bare: AFFINITY } },
    { name: 'the first pod of a self-affine group may go wherever the topology exists', incoming: { labels: { app: 'web' }, affinity: affinity(term('web', ZONE)) }, existing: [db()], want: { n1: '', n2: '', n3: '', bare: AFFINITY } },
    { name: 'affinity to pods that exist nowhere fails everywhere', incoming: { affinity: affinity(term('cache', ZONE)) }, existing: [db()], want: { n1: AFFINITY, n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'affinity looks only in the pod namespace by default', incoming: { affinity: affinity(term('db', HOST)) }, existing: [db({ ns: 'other' })], want: { n1: AFFINITY, n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'affinity in listed namespaces', incoming: { affinity: affinity(term('db', HOST, { namespaces: ['other'] })) }, existing: [db({ ns: 'other' })], want: { n1: '', n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'affinity in namespaces chosen by label', incoming: { affinity: affinity(term('db', HOST, { namespaceSelector: { matchLabels: { team: 'b' } } })) }, existing: [db({ ns: 'other' })], want: { n1: '', n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'an empty namespaceSelector means every namespace', incoming: { affinity: affinity(term('db', HOST, { namespaceSelector: {} })) }, existing: [db({ ns: 'other' })], want: { n1: '', n2: AFFINITY, n3: AFFINITY, bare: AFFINITY } },
    { name: 'anti-affinity by hostname keeps off the node running a match', incoming: { affinity: anti(term('db', HOST)) }, existing: [db()], want: { n1: ANTI, n2: '', n3: '', bare: '' } },
    { name: 'anti-affinity by zone keeps off the whole zone; nodes without the key are fine', incoming: { affinity: anti(term('db', ZONE)) }, existing: [db()], want: { n1: ANTI, n2: ANTI, n3: '', bare: '' } },
    { name: 'terminating pods still count for anti-affinity', incoming: { affinity: anti(term('db', HOST)) }, existing: [db({ deleting: true })], want: { n1: ANTI, n2: '', n3: '', bare: '' } },
    {
      name: 'an existing pod anti-affinity keeps the incoming pod out of its domain',
      incoming: { labels: { app: 'web' } },
      existing: [db({ affinity: anti(term('web', ZONE)) })],
      want: { n1: EXISTING_ANTI, n2: EXISTING_ANTI, n3: '', bare: '' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(filterVerdicts(interPodAffinity, cycleOf(pod('p', c.incoming), nodes, c.existing))).toEqual(c.want));
  }
});

describe('InterPodAffinity score', () => {
  const weighted = (weight: number, t: PodAffinityTerm) => [{ weight, podAffinityTerm: t }];
  const three = nodes.slice(0, 3);
  const cases: Array<{ name: string; incoming: PodOpts; existing: ReturnType<typeof pod>[]; want: Record<string, number> }> = [
    { name: 'no terms anywhere: no opinion', incoming: {}, existing: [db()], want: { n1: 0, n2: 0, n3: 0 } },
    { name: 'preferred affinity pulls towards the zone of matching pods', incoming: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: weighted(50, term('db', ZONE)) } } }, existing: [db()], want: { n1: 100, n2: 100, n3: 0 } },
    {
      name: 'preferred anti-affinity pushes away from nodes with matching pods',
      incoming: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: weighted(100, term('db', HOST)) } } },
      existing: [db(), pod('db2', { node: 'n2', labels: { app: 'db' } }), pod('db3', { node: 'n2', labels: { app: 'db' } })],
      want: { n1: 50, n2: 0, n3: 100 },
    },
    { name: 'an existing pod preferring this pod attracts it', incoming: { labels: { app: 'web' } }, existing: [db({ affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: weighted(10, term('web', HOST)) } } })], want: { n1: 100, n2: 0, n3: 0 } },
    { name: 'an existing pod requiring this pod attracts it too', incoming: { labels: { app: 'web' } }, existing: [db({ affinity: affinity(term('web', ZONE)) })], want: { n1: 100, n2: 100, n3: 0 } },
  ];
  for (const c of cases) it(c.name, () => expect(pluginScores(interPodAffinityScore, cycleOf(pod('p', c.incoming), three, c.existing))).toEqual(c.want));
});
