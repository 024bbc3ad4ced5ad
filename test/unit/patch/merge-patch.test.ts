import { describe, it, expect } from 'vitest';
import { mergePatch, type Json } from '../../../durable-objects/apiserver/patch/index.ts';

describe('mergePatch (RFC 7386)', () => {
  const cases: Array<{ name: string; original: Json; patch: Json; result: Json }> = [
    { name: 'replaces a scalar', original: { a: 'b' }, patch: { a: 'c' }, result: { a: 'c' } },
    { name: 'adds a member', original: { a: 'b' }, patch: { b: 'c' }, result: { a: 'b', b: 'c' } },
    { name: 'deletes a member with null', original: { a: 'b', b: 'c' }, patch: { a: null }, result: { b: 'c' } },
    { name: 'ignores null for a missing member', original: { a: 'b' }, patch: { z: null }, result: { a: 'b' } },
    { name: 'replaces arrays wholesale', original: { a: [1, 2] }, patch: { a: [3] }, result: { a: [3] } },
    { name: 'merges nested objects', original: { a: { b: 'c', d: 'e' } }, patch: { a: { b: 'x', d: null } }, result: { a: { b: 'x' } } },
    { name: 'turns a scalar into an object', original: { a: 'b' }, patch: { a: { c: 'd' } }, result: { a: { c: 'd' } } },
    { name: 'drops nulls inside new objects', original: {}, patch: { a: { b: null, c: 1 } }, result: { a: { c: 1 } } },
    { name: 'replaces the document with a non-object patch', original: { a: 1 }, patch: ['x'], result: ['x'] },
    { name: 'applies kubectl scale', original: { spec: { replicas: 1, paused: false } }, patch: { spec: { replicas: 4 } }, result: { spec: { replicas: 4, paused: false } } },
    {
      name: 'applies kubectl label --overwrite and label removal',
      original: { metadata: { labels: { app: 'web', tier: 'fe' } } },
      patch: { metadata: { labels: { app: 'api', tier: null } } },
      result: { metadata: { labels: { app: 'api' } } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.original);
      expect(mergePatch(c.original, c.patch)).toEqual(c.result);
      expect(JSON.stringify(c.original)).toBe(before);
    });
  }

  it('shares nothing with its inputs', () => {
    const original = { a: { b: 1 } };
    const patch = { c: { d: 2 } };
    const out = mergePatch(original, patch) as any;
    out.a.b = 9;
    out.c.d = 9;
    expect(original.a.b).toBe(1);
    expect(patch.c.d).toBe(2);
  });
});
