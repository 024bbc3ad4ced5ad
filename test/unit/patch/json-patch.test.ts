import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import { jsonPatch, parseJsonPointer, type Json } from '../../../durable-objects/apiserver/patch/index.ts';

const doc = (): Json => ({
  metadata: { name: 'web', annotations: { 'a/b': '1', 'm~n': '2' } },
  spec: { replicas: 1, containers: [{ name: 'a' }, { name: 'b' }], template: { spec: {} } },
});

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('jsonPatch applies RFC 6902 operations', () => {
  const cases: Array<{ name: string; ops: unknown[]; expect: (out: any) => void }> = [
    { name: 'adds a new object member', ops: [{ op: 'add', path: '/spec/paused', value: true }], expect: (o) => expect(o.spec.paused).toBe(true) },
    { name: 'add replaces an existing member', ops: [{ op: 'add', path: '/spec/replicas', value: 5 }], expect: (o) => expect(o.spec.replicas).toBe(5) },
    {
      name: 'adds into an array at an index',
      ops: [{ op: 'add', path: '/spec/containers/1', value: { name: 'x' } }],
      expect: (o) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['a', 'x', 'b']),
    },
    {
      name: 'appends with -',
      ops: [{ op: 'add', path: '/spec/containers/-', value: { name: 'z' } }],
      expect: (o) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['a', 'b', 'z']),
    },
    { name: 'adds at index == length', ops: [{ op: 'add', path: '/spec/containers/2', value: { name: 'z' } }], expect: (o) => expect(o.spec.containers).toHaveLength(3) },
    { name: 'removes a member', ops: [{ op: 'remove', path: '/spec/replicas' }], expect: (o) => expect(o.spec).not.toHaveProperty('replicas') },
    {
      name: 'removes an array element',
      ops: [{ op: 'remove', path: '/spec/containers/0' }],
      expect: (o) => expect(o.spec.containers).toEqual([{ name: 'b' }]),
    },
    { name: 'replaces a member', ops: [{ op: 'replace', path: '/metadata/name', value: 'api' }], expect: (o) => expect(o.metadata.name).toBe('api') },
    { name: 'replaces with null', ops: [{ op: 'replace', path: '/spec/replicas', value: null }], expect: (o) => expect(o.spec.replicas).toBeNull() },
    {
      name: 'moves a value',
      ops: [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }],
      expect: (o) => {
        expect(o.spec).toMatchObject({ count: 1 });
        expect(o.spec).not.toHaveProperty('replicas');
      },
    },
    {
      name: 'moves an array element',
      ops: [{ op: 'move', from: '/spec/containers/0', path: '/spec/containers/-' }],
      expect: (o) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['b', 'a']),
    },
    {
      name: 'copies a value deeply',
      ops: [
        { op: 'copy', from: '/spec/containers/0', path: '/spec/first' },
        { op: 'replace', path: '/spec/first/name', value: 'changed' },
      ],
      expect: (o) => expect([o.spec.first.name, o.spec.containers[0].name]).toEqual(['changed', 'a']),
    },
    { name: 'passes a matching test', ops: [{ op: 'test', path: '/spec/containers/1', value: { name: 'b' } }], expect: (o) => expect(o.spec.replicas).toBe(1) },
    {
      name: 'understands ~1 and ~0 escapes',
      ops: [
        { op: 'replace', path: '/metadata/annotations/a~1b', value: 'x' },
        { op: 'remove', path: '/metadata/annotations/m~0n' },
      ],
      expect: (o) => expect(o.metadata.annotations).toEqual({ 'a/b': 'x' }),
    },
    { name: 'replaces the whole document with an empty path', ops: [{ op: 'replace', path: '', value: { a: 1 } }], expect: (o) => expect(o).toEqual({ a: 1 }) },
    {
      name: 'does what kubectl rollout undo sends',
      ops: [
        { op: 'replace', path: '/spec/template', value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'v1' }] } } },
        { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '3' } },
      ],
      expect: (o) => {
        expect(o.spec.template.spec.containers[0].image).toBe('v1');
        expect(o.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3' });
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const input = doc();
      const before = JSON.stringify(input);
      c.expect(jsonPatch(input, c.ops));
      expect(JSON.stringify(input)).toBe(before);
    });
  }

  it('does not alias values from the patch into the result', () => {
    const value = { name: 'new' };
    const out = jsonPatch(doc(), [{ op: 'add', path: '/spec/x', value }]) as any;
    out.spec.x.name = 'mutated';
    expect(value.name).toBe('new');
  });
});

describe('jsonPatch errors', () => {
  const cases: Array<{ name: string; patch: unknown; reason: string; message: string | RegExp }> = [
    { name: 'rejects a patch that is not an array', patch: { op: 'add' }, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
    { name: 'rejects an unknown op', patch: [{ op: 'frobnicate', path: '/a' }], reason: 'BadRequest', message: 'Unexpected kind: frobnicate' },
    { name: 'rejects an op without a path', patch: [{ op: 'remove' }], reason: 'BadRequest', message: /missing "path"/ },
    { name: 'rejects add without a value', patch: [{ op: 'add', path: '/a' }], reason: 'BadRequest', message: /missing "value"/ },
    { name: 'rejects move without from', patch: [{ op: 'move', path: '/a' }], reason: 'BadRequest', message: /missing "from"/ },
    { name: 'rejects a pointer without a leading slash', patch: [{ op: 'remove', path: 'spec' }], reason: 'BadRequest', message: /invalid JSON pointer/ },
    { name: 'rejects a bad ~ escape', patch: [{ op: 'remove', path: '/a~2' }], reason: 'BadRequest', message: /bad escape/ },
    { name: 'rejects an operation that is not an object', patch: ['add'], reason: 'BadRequest', message: /not an object/ },
    {
      name: 'fails replace on a missing key',
      patch: [{ op: 'replace', path: '/spec/foo', value: 1 }],
      reason: 'Invalid',
      message: 'jsonpatch replace operation does not apply: doc is missing key: /spec/foo',
    },
    {
      name: 'fails add below a missing parent',
      patch: [{ op: 'add', path: '/spec/foo/bar', value: 1 }],
      reason: 'Invalid',
      message: 'jsonpatch add operation does not apply: doc is missing path: "/spec/foo/bar"',
    },
    { name: 'fails remove of a missing key', patch: [{ op: 'remove', path: '/spec/foo' }], reason: 'Invalid', message: 'jsonpatch remove operation does not apply: doc is missing path: "/spec/foo"' },
    { name: 'fails remove of the whole document', patch: [{ op: 'remove', path: '' }], reason: 'Invalid', message: /remove operation does not apply/ },
    { name: 'fails a mismatching test', patch: [{ op: 'test', path: '/metadata/name', value: 'other' }], reason: 'Invalid', message: 'testing value /metadata/name failed' },
    { name: 'fails a test of a missing path', patch: [{ op: 'test', path: '/nope', value: null }], reason: 'Invalid', message: 'testing value /nope failed' },
    {
      name: 'fails add past the end of an array',
      patch: [{ op: 'add', path: '/spec/containers/5', value: {} }],
      reason: 'Invalid',
      message: 'jsonpatch add operation does not apply: invalid index referenced: /spec/containers/5',
    },
    { name: 'fails an index with a leading zero', patch: [{ op: 'replace', path: '/spec/containers/01', value: {} }], reason: 'Invalid', message: /invalid index referenced/ },
    { name: 'fails remove past the end of an array', patch: [{ op: 'remove', path: '/spec/containers/2' }], reason: 'Invalid', message: /invalid index referenced/ },
    { name: 'fails move from a missing path', patch: [{ op: 'move', from: '/nope', path: '/x' }], reason: 'Invalid', message: 'jsonpatch move operation does not apply: doc is missing from path: /nope' },
    { name: 'fails move into its own child', patch: [{ op: 'move', from: '/spec', path: '/spec/inner' }], reason: 'Invalid', message: /own child/ },
    { name: 'fails copy from a missing path', patch: [{ op: 'copy', from: '/nope', path: '/x' }], reason: 'Invalid', message: 'jsonpatch copy operation does not apply: doc is missing from path: /nope' },
    {
      name: 'fails when a path walks through a scalar',
      patch: [{ op: 'add', path: '/spec/replicas/x', value: 1 }],
      reason: 'Invalid',
      message: 'jsonpatch add operation does not apply: doc is missing path: "/spec/replicas/x"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = thrown(() => jsonPatch(doc(), c.patch));
      expect(err.reason).toBe(c.reason);
      if (typeof c.message === 'string') expect(err.message).toBe(c.message);
      else expect(err.message).toMatch(c.message);
    });
  }

  it('answers 422 for operations that do not apply and 400 for malformed documents', () => {
    expect(thrown(() => jsonPatch(doc(), [{ op: 'remove', path: '/x' }])).code).toBe(422);
    expect(thrown(() => jsonPatch(doc(), 'nope')).code).toBe(400);
  });

  it('refuses more than 10000 operations', () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
    expect(thrown(() => jsonPatch(doc(), ops)).code).toBe(413);
  });

  it('leaves the input untouched when a later operation fails', () => {
    const input = doc();
    thrown(() => jsonPatch(input, [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'remove', path: '/nope' }]));
    expect((input as any).spec.replicas).toBe(1);
  });
});

describe('parseJsonPointer', () => {
  it('splits and unescapes tokens in the right order', () => {
    expect(parseJsonPointer('')).toEqual([]);
    expect(parseJsonPointer('/')).toEqual(['']);
    expect(parseJsonPointer('/a~1b/~01/c')).toEqual(['a/b', '~1', 'c']);
  });
});
