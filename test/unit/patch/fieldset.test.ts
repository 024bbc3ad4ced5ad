import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import {
  NO_SCHEMA,
  fieldSetFromFieldsV1,
  fieldSetOf,
  fieldSetToFieldsV1,
  formatPath,
  intersectSets,
  isEmptySet,
  listSemantics,
  setMembers,
  subtractSets,
  unionSets,
} from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, nginxDeployment, podSchema } from './schemas.ts';

const v1 = (o: unknown) => fieldSetFromFieldsV1(o);

describe('fieldSetOf', () => {
  it('keys containers by name, ports by containerPort+protocol, and keeps atomic values whole', () => {
    const d = nginxDeployment();
    expect(fieldSetToFieldsV1(fieldSetOf({ spec: d.spec }, deploymentSchema))).toEqual({
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:strategy': { 'f:type': {}, 'f:rollingUpdate': { 'f:maxSurge': {}, 'f:maxUnavailable': {} } },
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:name': {},
                'f:image': {},
                'f:imagePullPolicy': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                'f:resources': {},
              },
            },
            'f:restartPolicy': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    });
  });

  it('fills a missing list-map key from its schema default', () => {
    const set = fieldSetOf({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } }, podSchema);
    expect(fieldSetToFieldsV1(set)['f:spec']).toEqual({
      'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } },
    });
  });

  it('records set items by value and atomic lists as one leaf', () => {
    const set = fieldSetOf({ metadata: { finalizers: ['a', 'b'] }, spec: { containers: [{ name: 'c', args: ['x'] }], tolerations: [{ key: 'k' }], nodeSelector: { a: 'b' } } }, podSchema);
    expect(fieldSetToFieldsV1(set)).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:name': {}, 'f:args': {} } }, 'f:tolerations': {}, 'f:nodeSelector': {} },
    });
  });

  it('treats untyped lists as atomic and untyped maps as granular', () => {
    expect(fieldSetToFieldsV1(fieldSetOf({ a: { b: 1, c: [1, 2] }, e: {} }, NO_SCHEMA))).toEqual({ 'f:a': { 'f:b': {}, 'f:c': {} }, 'f:e': {} });
  });

  it('falls back to atomic when a list-map item has no key at all', () => {
    expect(fieldSetToFieldsV1(fieldSetOf({ spec: { containers: [{ image: 'x' }] } }, podSchema))).toEqual({ 'f:spec': { 'f:containers': {} } });
  });

  it('derives list semantics from list-type or from the patch strategy', () => {
    expect(listSemantics(podSchema.field('spec')?.field('containers'))).toEqual({ kind: 'map', keys: ['name'] });
    expect(listSemantics({ field: () => undefined, items: () => undefined, patchStrategy: 'merge', patchMergeKey: 'ip' })).toEqual({ kind: 'map', keys: ['ip'] });
    expect(listSemantics({ field: () => undefined, items: () => undefined, patchStrategy: 'merge' })).toEqual({ kind: 'set' });
    expect(listSemantics(podSchema.field('spec')?.field('tolerations'))).toEqual({ kind: 'atomic' });
    expect(listSemantics(undefined)).toEqual({ kind: 'atomic' });
  });
});

describe('FieldsV1 encoding', () => {
  it('round-trips members, "." markers and nested keys', () => {
    const json = {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {} } }, 'f:finalizers': { 'v:"x"': {} }, 'f:items': { 'i:0': {} } },
    };
    expect(fieldSetToFieldsV1(v1(json))).toEqual(json);
  });

  it('prints "." first and fields before list keys', () => {
    const out = fieldSetToFieldsV1(v1({ 'f:x': { 'k:{"a":1}': {}, 'f:b': {}, '.': {} } }));
    expect(Object.keys(out['f:x'] as object)).toEqual(['.', 'f:b', 'k:{"a":1}']);
  });

  it('normalises key order inside k: elements', () => {
    const set = v1({ 'k:{"protocol":"TCP","containerPort":80}': {} });
    expect([...set.children.keys()]).toEqual(['k:{"containerPort":80,"protocol":"TCP"}']);
  });

  const invalid: Array<[string, unknown]> = [
    ['not an object', []],
    ['a child that is not an object', { 'f:a': 1 }],
    ['an unknown prefix', { 'x:a': {} }],
    ['a k: element with bad JSON', { 'k:{oops': {} }],
    ['a k: element that is not an object', { 'k:1': {} }],
    ['an i: element that is not an index', { 'i:x': {} }],
  ];
  for (const [what, json] of invalid) {
    it(`rejects ${what} with a 400`, () => {
      let err: unknown;
      try {
        v1(json);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(400);
    });
  }
});

describe('set algebra and paths', () => {
  const a = v1({ 'f:spec': { 'f:replicas': {}, 'f:paused': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } });
  const b = v1({ 'f:spec': { 'f:replicas': {} }, 'f:data': {} });

  it('unions', () => {
    expect(fieldSetToFieldsV1(unionSets(a, b))).toEqual({ 'f:spec': { 'f:replicas': {}, 'f:paused': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } }, 'f:data': {} });
  });

  it('subtracts and drops emptied branches', () => {
    expect(fieldSetToFieldsV1(subtractSets(b, a))).toEqual({ 'f:data': {} });
  });

  it('intersects', () => {
    expect(fieldSetToFieldsV1(intersectSets(a, b))).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(isEmptySet(intersectSets(v1({ 'f:a': {} }), v1({ 'f:b': {} })))).toBe(true);
  });

  it('keeps a member that has children when the children are subtracted', () => {
    const s = subtractSets(v1({ 'f:l': { '.': {}, 'f:x': {} } }), v1({ 'f:l': { 'f:x': {} } }));
    expect(fieldSetToFieldsV1(s)).toEqual({ 'f:l': {} });
  });

  it('formats paths the way conflict messages print them', () => {
    const set = v1({
      'f:spec': {
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': {} } } } } },
        'f:finalizers': { 'v:"a"': {} },
        'f:items': { 'i:2': {} },
      },
    });
    expect(setMembers(set).map(formatPath)).toEqual([
      '.spec.finalizers[="a"]',
      '.spec.items[2]',
      '.spec.template.spec.containers[name="nginx"].image',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
    ]);
  });
});
