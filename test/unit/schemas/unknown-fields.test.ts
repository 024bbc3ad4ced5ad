// Unknown-field detection and pruning, as fieldValidation=Strict/Warn/Ignore need it.
import { describe, expect, it } from 'vitest';
import { DEFINITION_OF, definitions, findUnknownFields } from '../../../durable-objects/registry/schemas/index.ts';
import { knownProperties } from '../../../durable-objects/registry/schemas/unknown-fields.ts';
import { seed } from './fixtures.ts';

const DEPLOYMENT = DEFINITION_OF['apps/v1/Deployment'];
const POD = DEFINITION_OF['core/v1/Pod'];

describe('unknown fields', () => {
  it('finds nothing in well-formed objects', () => {
    expect(findUnknownFields(DEPLOYMENT, seed('apps/v1/Deployment'), { prune: false })).toEqual([]);
    expect(findUnknownFields(POD, seed('core/v1/Pod'), { prune: false })).toEqual([]);
    expect(findUnknownFields(DEFINITION_OF['core/v1/Node'], seed('core/v1/Node'), { prune: false })).toEqual([]);
  });

  it('reports unknown fields by their dotted path, at any depth', () => {
    const d = seed('apps/v1/Deployment');
    d.spec.foo = 1;
    d.spec.template.spec.containers[0].foo = 'x';
    d.spec.template.spec.containers[0].ports[0].portName = 'http';
    d.bar = true;
    // Document order: fields added last come after the existing ones they sit next to.
    expect(findUnknownFields(DEPLOYMENT, d, { prune: false })).toEqual(['spec.template.spec.containers[0].ports[0].portName', 'spec.template.spec.containers[0].foo', 'spec.foo', 'bar']);
  });

  it('leaves the object alone unless asked to prune', () => {
    const d = seed('apps/v1/Deployment');
    d.spec.foo = 1;
    findUnknownFields(DEPLOYMENT, d, { prune: false });
    expect(d.spec.foo).toBe(1);
  });

  it('prunes unknown fields and keeps the rest', () => {
    const d = seed('apps/v1/Deployment');
    d.spec.foo = 1;
    d.spec.template.spec.containers[0].foo = 'x';
    expect(findUnknownFields(DEPLOYMENT, d, { prune: true }).sort()).toEqual(['spec.foo', 'spec.template.spec.containers[0].foo']);
    expect(d).toEqual(seed('apps/v1/Deployment'));
  });

  it('accepts any key in maps', () => {
    const p = seed('core/v1/Pod');
    p.metadata.labels['any/key'] = 'v';
    p.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    p.spec.nodeSelector.whatever = 'x';
    p.spec.containers[0].resources.limits['example.com/widget'] = 1;
    expect(findUnknownFields(POD, p, { prune: false })).toEqual([]);
    const cm = seed('core/v1/ConfigMap');
    cm.data['anything.at.all'] = 'x';
    expect(findUnknownFields(DEFINITION_OF['core/v1/ConfigMap'], cm, { prune: false })).toEqual([]);
    const node = seed('core/v1/Node');
    node.status.capacity['hugepages-2Mi'] = '0';
    expect(findUnknownFields(DEFINITION_OF['core/v1/Node'], node, { prune: false })).toEqual([]);
  });

  it('treats managedFields[].fieldsV1 as free-form', () => {
    const p = seed('core/v1/Pod');
    p.metadata.managedFields = [{ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {} } } } } }];
    expect(findUnknownFields(POD, p, { prune: false })).toEqual([]);
    p.metadata.managedFields[0].extra = 1;
    expect(findUnknownFields(POD, p, { prune: false })).toEqual(['metadata.managedFields[0].extra']);
  });

  it('reports volume types we do not simulate', () => {
    const p = seed('core/v1/Pod');
    p.spec.volumes.push({ name: 'nfs', nfs: { server: 'x', path: '/' } });
    expect(findUnknownFields(POD, p, { prune: false })).toEqual(['spec.volumes[2].nfs']);
  });

  it('ignores nulls and values of the wrong type (validation reports those)', () => {
    const d = seed('apps/v1/Deployment');
    d.metadata.creationTimestamp = null;
    d.spec.template.spec.containers = 'nginx';
    expect(findUnknownFields(DEPLOYMENT, d, { prune: false })).toEqual([]);
  });

  it('knows the same properties as the OpenAPI document', () => {
    for (const [name, def] of Object.entries(definitions() as Record<string, { properties?: object }>)) {
      expect(knownProperties(name)?.sort() ?? [], name).toEqual(Object.keys(def.properties ?? {}).sort());
    }
  });

  it('refuses definitions it does not know', () => {
    expect(() => findUnknownFields('io.k8s.api.core.v1.Nope', {}, { prune: false })).toThrow(/unknown OpenAPI definition/);
  });
});
