import { describe, it, expect } from 'vitest';
import { NO_SCHEMA, schemaNode, type JsonSchema } from '../../../durable-objects/apiserver/patch/index.ts';
import { deploymentSchema, podSchema } from './schemas.ts';

describe('schemaNode', () => {
  it('follows allOf-wrapped $refs down to nested fields', () => {
    const containers = deploymentSchema.field('spec')?.field('template')?.field('spec')?.field('containers');
    expect(containers?.patchStrategy).toBe('merge');
    expect(containers?.patchMergeKey).toBe('name');
    expect(containers?.listType).toBe('map');
    expect(containers?.listMapKeys).toEqual(['name']);
    expect(containers?.items()?.field('image')).toBeDefined();
  });

  it('reads extensions placed on the referenced schema', () => {
    expect(deploymentSchema.field('spec')?.field('selector')?.mapType).toBe('atomic');
  });

  it('lets property-level extensions win over the referenced schema', () => {
    const defs: Record<string, JsonSchema> = {
      Root: {
        properties: {
          sel: { allOf: [{ $ref: '#/components/schemas/Sel' }], 'x-kubernetes-map-type': 'granular' },
          plain: { $ref: '#/components/schemas/Sel' },
        },
      },
      Sel: { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-patch-strategy': 'replace' },
    };
    const root = schemaNode(defs, 'Root');
    expect(root.field('sel')?.mapType).toBe('granular');
    expect(root.field('sel')?.patchStrategy).toBe('replace');
    expect(root.field('plain')?.mapType).toBe('atomic');
  });

  it('gives map values through additionalProperties', () => {
    const limits = podSchema.field('spec')?.field('containers')?.items()?.field('resources')?.field('limits');
    expect(limits?.field('cpu')).toBeDefined();
  });

  it('answers undefined for unknown fields and arrays without items', () => {
    expect(podSchema.field('nope')).toBeUndefined();
    expect(podSchema.field('spec')?.field('restartPolicy')?.items()).toBeUndefined();
    expect(NO_SCHEMA.field('x')).toBeUndefined();
    expect(NO_SCHEMA.items()).toBeUndefined();
  });

  it('falls back to NO_SCHEMA for an unknown root', () => {
    expect(schemaNode({}, 'Missing')).toBe(NO_SCHEMA);
  });

  it('resolves recursive schemas lazily', () => {
    const defs: Record<string, JsonSchema> = {
      Props: {
        properties: {
          properties: { type: 'object', additionalProperties: { $ref: '#/definitions/Props' } },
          items: { $ref: '#/definitions/Props' },
        },
      },
    };
    const deep = schemaNode(defs, 'Props').field('properties')?.field('a')?.field('items')?.field('properties')?.field('b');
    expect(deep?.field('items')).toBeDefined();
  });

  it('survives reference cycles without following them forever', () => {
    const defs: Record<string, JsonSchema> = { A: { allOf: [{ $ref: '#/components/schemas/B' }] }, B: { allOf: [{ $ref: '#/components/schemas/A' }], properties: { x: { type: 'string' } } } };
    expect(schemaNode(defs, 'A').field('x')).toBeDefined();
  });

  it('flags int-or-string fields and exposes defaults', () => {
    const ru = deploymentSchema.field('spec')?.field('strategy')?.field('rollingUpdate');
    expect(ru?.field('maxSurge')?.isIntOrString).toBe(true);
    expect(deploymentSchema.field('spec')?.field('strategy')?.patchStrategy).toBe('retainKeys');
    expect(deploymentSchema.field('spec')?.default).toEqual({});
    const port = podSchema.field('spec')?.field('containers')?.items()?.field('ports')?.items();
    expect(port?.field('protocol')?.default).toBe('TCP');
  });
});
