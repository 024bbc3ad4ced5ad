import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../../../durable-objects/registry/schemas/index.ts';
import { taintToleration, taintTolerationScore, toleratesTaint } from '../../../../durable-objects/controllers/scheduler/plugins/taint-toleration.ts';
import { cycleOf, filterVerdicts, node, pluginScores, pod } from './fixtures.ts';

const CP: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const GPU: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('TaintToleration filter', () => {
  const cases: Array<{ name: string; taints: Taint[]; tolerations?: Toleration[]; want: string }> = [
    { name: 'an untainted node takes any pod', taints: [], want: '' },
    { name: 'a control-plane taint without value is printed with an empty value', taints: [CP], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' },
    { name: 'an untolerated NoSchedule taint rejects with key and value', taints: [GPU], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'an untolerated NoExecute taint rejects too', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/unreachable: }' },
    { name: 'PreferNoSchedule never rejects', taints: [{ key: 'soft', effect: 'PreferNoSchedule' }], want: '' },
    { name: 'Equal with the same value tolerates', taints: [GPU], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], want: '' },
    { name: 'Equal is the default operator', taints: [GPU], tolerations: [{ key: 'dedicated', value: 'gpu' }], want: '' },
    { name: 'Equal with another value does not tolerate', taints: [GPU], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'Exists tolerates any value of the key', taints: [GPU], tolerations: [{ key: 'dedicated', operator: 'Exists' }], want: '' },
    { name: 'an empty key with Exists tolerates every taint', taints: [GPU, CP], tolerations: [{ operator: 'Exists' }], want: '' },
    { name: 'an empty effect matches every effect', taints: [CP], tolerations: [{ key: CP.key, operator: 'Exists' }], want: '' },
    { name: 'a toleration for another effect does not match', taints: [GPU], tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'the first untolerated taint is the one reported', taints: [CP, GPU], tolerations: [{ key: CP.key, operator: 'Exists', effect: 'NoSchedule' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cycle = cycleOf(pod('p', { tolerations: c.tolerations }), [node('n1', { taints: c.taints })]);
      expect(filterVerdicts(taintToleration, cycle)).toEqual({ n1: c.want });
    });
  }

  it('matches a toleration with an empty value against a taint without value', () => {
    expect(toleratesTaint({ key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: '' }, { key: 'k', value: 'v', effect: 'NoSchedule' })).toBe(false);
  });
});

describe('TaintToleration score', () => {
  const soft = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
  const nodes = [node('clean'), node('one', { taints: [soft('a')] }), node('two', { taints: [soft('a'), soft('b')] })];
  const cases: Array<{ name: string; tolerations?: Toleration[]; want: Record<string, number> }> = [
    { name: 'fewer intolerable PreferNoSchedule taints score higher', want: { clean: 100, one: 50, two: 0 } },
    { name: 'tolerated PreferNoSchedule taints do not count', tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }], want: { clean: 100, one: 100, two: 0 } },
    { name: 'tolerations for other effects do not help', tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }], want: { clean: 100, one: 50, two: 0 } },
  ];
  for (const c of cases) it(c.name, () => expect(pluginScores(taintTolerationScore, cycleOf(pod('p', { tolerations: c.tolerations }), nodes))).toEqual(c.want));
});
