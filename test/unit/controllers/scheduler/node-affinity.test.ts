import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm, PreferredSchedulingTerm } from '../../../../durable-objects/registry/schemas/index.ts';
import { nodeAffinity, nodeAffinityScore } from '../../../../durable-objects/controllers/scheduler/plugins/node-affinity.ts';
import { cycleOf, filterVerdicts, node, pluginScores, pod } from './fixtures.ts';

const MISMATCH = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
const n1 = node('n1', { labels: { disk: 'ssd', cores: '8', zone: 'a' } });
const n2 = node('n2', { labels: { disk: 'hdd', cores: '2' } });

const required = (...terms: NodeSelectorTerm[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const expr = (key: string, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt', values?: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

describe('NodeAffinity filter', () => {
  const cases: Array<{ name: string; nodeSelector?: Record<string, string>; affinity?: ReturnType<typeof required>; want: Record<string, string> }> = [
    { name: 'no selector or affinity: every node', want: { n1: '', n2: '' } },
    { name: 'nodeSelector needs every label to match', nodeSelector: { disk: 'ssd', zone: 'a' }, want: { n1: '', n2: MISMATCH } },
    { name: 'nodeSelector with a missing label fails', nodeSelector: { gpu: 'true' }, want: { n1: MISMATCH, n2: MISMATCH } },
    { name: 'In', affinity: required(expr('disk', 'In', ['ssd', 'nvme'])), want: { n1: '', n2: MISMATCH } },
    { name: 'NotIn also matches nodes without the label', affinity: required(expr('zone', 'NotIn', ['a'])), want: { n1: MISMATCH, n2: '' } },
    { name: 'Exists', affinity: required(expr('zone', 'Exists')), want: { n1: '', n2: MISMATCH } },
    { name: 'DoesNotExist', affinity: required(expr('zone', 'DoesNotExist')), want: { n1: MISMATCH, n2: '' } },
    { name: 'Gt compares integers', affinity: required(expr('cores', 'Gt', ['4'])), want: { n1: '', n2: MISMATCH } },
    { name: 'Lt compares integers', affinity: required(expr('cores', 'Lt', ['4'])), want: { n1: MISMATCH, n2: '' } },
    { name: 'Gt on a non-integer label never matches', affinity: required(expr('disk', 'Gt', ['1'])), want: { n1: MISMATCH, n2: MISMATCH } },
    { name: 'terms are ORed', affinity: required(expr('disk', 'In', ['ssd']), expr('cores', 'In', ['2'])), want: { n1: '', n2: '' } },
    {
      name: 'expressions within a term are ANDed',
      affinity: required({ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'cores', operator: 'In', values: ['2'] }] }),
      want: { n1: MISMATCH, n2: MISMATCH },
    },
    { name: 'an empty term matches no node', affinity: required({}), want: { n1: MISMATCH, n2: MISMATCH } },
    { name: 'matchFields NotIn on metadata.name', affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }), want: { n1: MISMATCH, n2: '' } },
    { name: 'nodeSelector and affinity must both hold', nodeSelector: { disk: 'hdd' }, affinity: required(expr('zone', 'Exists')), want: { n1: MISMATCH, n2: MISMATCH } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(filterVerdicts(nodeAffinity, cycleOf(pod('p', { nodeSelector: c.nodeSelector, affinity: c.affinity }), [n1, n2]))).toEqual(c.want));
  }

  it('narrows the search to the nodes that matchFields name in every term', () => {
    const cycle = cycleOf(pod('p', { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }) }), [n1, n2]);
    expect(filterVerdicts(nodeAffinity, cycle)).toEqual({ n1: 'excluded', n2: '' });
  });

  it('rejects every node when the terms name no node in common', () => {
    const term: NodeSelectorTerm = {
      matchFields: [
        { key: 'metadata.name', operator: 'In', values: ['n1'] },
        { key: 'metadata.name', operator: 'In', values: ['n2'] },
      ],
    };
    const cycle = cycleOf(pod('p', { affinity: required(term) }), [n1, n2]);
    expect(filterVerdicts(nodeAffinity, cycle)).toEqual({ n1: 'UnschedulableAndUnresolvable: pod affinity terms conflict', n2: 'UnschedulableAndUnresolvable: pod affinity terms conflict' });
  });
});

describe('NodeAffinity score', () => {
  const preferred = (...terms: PreferredSchedulingTerm[]) => ({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } });
  const cases: Array<{ name: string; affinity?: ReturnType<typeof preferred>; want: Record<string, number> }> = [
    { name: 'no preferences: no opinion', want: { n1: 0, n2: 0 } },
    { name: 'the matching node gets the full score', affinity: preferred({ weight: 10, preference: expr('disk', 'In', ['hdd']) }), want: { n1: 0, n2: 100 } },
    {
      name: 'weights add up and scale to the best node',
      affinity: preferred({ weight: 80, preference: expr('disk', 'In', ['ssd']) }, { weight: 20, preference: expr('disk', 'In', ['hdd']) }, { weight: 20, preference: expr('cores', 'Exists') }),
      want: { n1: 100, n2: 40 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(pluginScores(nodeAffinityScore, cycleOf(pod('p', { affinity: c.affinity }), [n1, n2]))).toEqual(c.want));
});
