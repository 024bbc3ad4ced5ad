// The generated OpenAPI component schemas: what kubectl explain, client-side apply and server-side apply read.
import { describe, expect, it } from 'vitest';
import { DEFINITION_OF, definitions, SCHEMA_REF_PREFIX } from '../../../durable-objects/registry/schemas/index.ts';
import { buildDefinitions } from '../../../durable-objects/registry/schemas/openapi.ts';

type Schema = Record<string, any>;
const defs = () => definitions() as Record<string, Schema>;
const prop = (def: string, name: string): Schema => defs()[def]!.properties[name];

/** Every schema node with the path it was found at, for checks that must hold everywhere. */
function* nodes(s: unknown, at: string): Generator<[string, Schema]> {
  if (s === null || typeof s !== 'object') return;
  const node = s as Schema;
  yield [at, node];
  for (const [k, v] of Object.entries(node.properties ?? {})) yield* nodes(v, `${at}.${k}`);
  if (node.items) yield* nodes(node.items, `${at}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') yield* nodes(node.additionalProperties, `${at}{}`);
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const [i, v] of (node[k] ?? []).entries()) yield* nodes(v, `${at}/${k}${i}`);
}

/** Follows a property's `$ref` (plain or allOf-wrapped) to the named definition, as kubectl explain does. */
function target(s: Schema): string | undefined {
  const ref: string | undefined = s.$ref ?? s.allOf?.[0]?.$ref ?? s.items?.$ref ?? s.items?.allOf?.[0]?.$ref;
  return ref?.slice(SCHEMA_REF_PREFIX.length);
}

const MERGE = 'x-kubernetes-patch-merge-key';
const STRATEGY = 'x-kubernetes-patch-strategy';
const LIST_TYPE = 'x-kubernetes-list-type';
const MAP_KEYS = 'x-kubernetes-list-map-keys';

const extensionCases: Array<[string, string, Record<string, unknown>]> = [
  ['io.k8s.api.core.v1.PodSpec', 'containers', { [STRATEGY]: 'merge', [MERGE]: 'name', [LIST_TYPE]: 'map', [MAP_KEYS]: ['name'] }],
  ['io.k8s.api.core.v1.PodSpec', 'initContainers', { [STRATEGY]: 'merge', [MERGE]: 'name' }],
  ['io.k8s.api.core.v1.PodSpec', 'ephemeralContainers', { [STRATEGY]: 'merge', [MERGE]: 'name' }],
  ['io.k8s.api.core.v1.PodSpec', 'volumes', { [STRATEGY]: 'merge,retainKeys', [MERGE]: 'name', [MAP_KEYS]: ['name'] }],
  ['io.k8s.api.core.v1.PodSpec', 'imagePullSecrets', { [STRATEGY]: 'merge', [MERGE]: 'name' }],
  ['io.k8s.api.core.v1.PodSpec', 'hostAliases', { [STRATEGY]: 'merge', [MERGE]: 'ip' }],
  ['io.k8s.api.core.v1.PodSpec', 'topologySpreadConstraints', { [STRATEGY]: 'merge', [MERGE]: 'topologyKey', [MAP_KEYS]: ['topologyKey', 'whenUnsatisfiable'] }],
  ['io.k8s.api.core.v1.PodSpec', 'tolerations', { [LIST_TYPE]: 'atomic' }],
  ['io.k8s.api.core.v1.PodSpec', 'nodeSelector', { 'x-kubernetes-map-type': 'atomic' }],
  ['io.k8s.api.core.v1.Container', 'ports', { [STRATEGY]: 'merge', [MERGE]: 'containerPort', [MAP_KEYS]: ['containerPort', 'protocol'] }],
  ['io.k8s.api.core.v1.Container', 'env', { [STRATEGY]: 'merge', [MERGE]: 'name' }],
  ['io.k8s.api.core.v1.Container', 'volumeMounts', { [STRATEGY]: 'merge', [MERGE]: 'mountPath' }],
  ['io.k8s.api.core.v1.Container', 'args', { [LIST_TYPE]: 'atomic' }],
  ['io.k8s.api.core.v1.Container', 'command', { [LIST_TYPE]: 'atomic' }],
  ['io.k8s.api.core.v1.Container', 'envFrom', { [LIST_TYPE]: 'atomic' }],
  ['io.k8s.api.core.v1.ServiceSpec', 'ports', { [STRATEGY]: 'merge', [MERGE]: 'port', [MAP_KEYS]: ['port', 'protocol'] }],
  ['io.k8s.api.core.v1.ServiceSpec', 'selector', { 'x-kubernetes-map-type': 'atomic' }],
  ['io.k8s.api.apps.v1.DeploymentSpec', 'strategy', { [STRATEGY]: 'retainKeys' }],
  ['io.k8s.api.apps.v1.DeploymentStatus', 'conditions', { [STRATEGY]: 'merge', [MERGE]: 'type' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'ownerReferences', { [STRATEGY]: 'merge', [MERGE]: 'uid', [MAP_KEYS]: ['uid'] }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers', { [STRATEGY]: 'merge', [LIST_TYPE]: 'set' }],
  ['io.k8s.api.core.v1.PodStatus', 'conditions', { [STRATEGY]: 'merge', [MERGE]: 'type' }],
  ['io.k8s.api.core.v1.PodStatus', 'podIPs', { [STRATEGY]: 'merge', [MERGE]: 'ip' }],
  ['io.k8s.api.core.v1.NodeStatus', 'addresses', { [STRATEGY]: 'merge', [MERGE]: 'type' }],
  ['io.k8s.api.core.v1.NodeStatus', 'conditions', { [STRATEGY]: 'merge', [MERGE]: 'type' }],
  ['io.k8s.api.core.v1.NodeSpec', 'taints', { [LIST_TYPE]: 'atomic' }],
  ['io.k8s.api.core.v1.NodeSpec', 'podCIDRs', { [STRATEGY]: 'merge', [LIST_TYPE]: 'set' }],
];

describe('OpenAPI definitions', () => {
  it('names every served kind, with its group-version-kind', () => {
    for (const [key, name] of Object.entries(DEFINITION_OF)) {
      const [group, version, kind] = key.split('/');
      const gvk = defs()[name]?.['x-kubernetes-group-version-kind'];
      expect(gvk, name).toContainEqual({ group: group === 'core' || group === 'meta' ? '' : group, kind, version });
    }
  });

  it('marks Deployment with its group-version-kind', () => {
    expect(defs()['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  });

  it.each(extensionCases)('puts the patch extensions on %s.%s', (def, name, ext) => {
    expect(prop(def, name)).toMatchObject(ext);
  });

  it('leaves lists without a merge key atomic or unmarked, never merged', () => {
    for (const [at, node] of Object.entries(defs()).flatMap(([n, d]) => [...nodes(d, n)])) {
      if (node[STRATEGY]?.includes('merge') && node.type === 'array' && node.items?.type !== 'string') expect(node[MERGE], at).toBeTruthy();
    }
  });

  it('resolves every $ref', () => {
    const names = new Set(Object.keys(defs()));
    for (const [name, def] of Object.entries(defs())) {
      for (const [at, node] of nodes(def, name)) {
        if (node.$ref !== undefined) {
          expect(node.$ref.startsWith(SCHEMA_REF_PREFIX), at).toBe(true);
          expect(names.has(node.$ref.slice(SCHEMA_REF_PREFIX.length)), `${at} -> ${node.$ref}`).toBe(true);
        }
      }
    }
  });

  it('describes every definition and every property', () => {
    for (const [name, def] of Object.entries(defs())) {
      expect(typeof def.description, name).toBe('string');
      for (const [at, node] of nodes(def, name)) {
        for (const [k, p] of Object.entries(node.properties ?? {})) expect((p as Schema).description, `${at}.${k}`).toMatch(/\S/);
      }
    }
  });

  it('wraps described references in allOf, as upstream does', () => {
    expect(prop('io.k8s.api.core.v1.Pod', 'spec')).toEqual({ allOf: [{ $ref: `${SCHEMA_REF_PREFIX}io.k8s.api.core.v1.PodSpec` }], default: {}, description: expect.any(String) });
    expect(prop('io.k8s.api.core.v1.Pod', 'metadata')).toEqual({ allOf: [{ $ref: `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` }], default: {}, description: expect.any(String) });
    expect(prop('io.k8s.api.core.v1.PodSpec', 'affinity')).toEqual({ allOf: [{ $ref: `${SCHEMA_REF_PREFIX}io.k8s.api.core.v1.Affinity` }], description: expect.any(String) });
    expect(prop('io.k8s.api.core.v1.EmptyDirVolumeSource', 'sizeLimit')).toEqual({ allOf: [{ $ref: `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.api.resource.Quantity` }], description: expect.any(String) });
  });

  it('lets kubectl explain walk from Pod down to a container port', () => {
    const spec = target(prop('io.k8s.api.core.v1.Pod', 'spec'));
    expect(spec).toBe('io.k8s.api.core.v1.PodSpec');
    const container = target(prop(spec!, 'containers'));
    expect(container).toBe('io.k8s.api.core.v1.Container');
    const port = target(prop(container!, 'ports'));
    expect(defs()[port!]!.properties.containerPort).toMatchObject({ type: 'integer', format: 'int32' });
    expect(defs()[port!]!.required).toEqual(['containerPort']);
  });

  it('marks int-or-string fields and refers to Quantity and Time', () => {
    // The ref makes kubectl explain print <IntOrString>; the extension says it on the field itself.
    expect(prop('io.k8s.api.core.v1.HTTPGetAction', 'port')).toEqual({
      allOf: [{ $ref: `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.util.intstr.IntOrString` }],
      description: expect.any(String),
      format: 'int-or-string',
      'x-kubernetes-int-or-string': true,
    });
    expect(defs()['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({ description: expect.any(String), format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(prop('io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge')).toMatchObject({ 'x-kubernetes-int-or-string': true });
    expect(prop('io.k8s.api.core.v1.ResourceRequirements', 'limits').additionalProperties).toEqual({ $ref: `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.api.resource.Quantity` });
    expect(defs()['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(defs()['io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(target(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp'))).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Time');
  });

  it('keeps apiVersion and kind plain optional strings, as upstream', () => {
    const pod = defs()['io.k8s.api.core.v1.Pod']!;
    expect(pod.properties.apiVersion).toEqual({ description: expect.any(String), type: 'string' });
    expect(pod.properties.kind).toEqual({ description: expect.any(String), type: 'string' });
    expect(pod.required).toBeUndefined();
    expect(defs()['io.k8s.api.apps.v1.DeploymentSpec']!.required).toEqual(['selector', 'template']);
  });

  it('gives the defaults server-side apply relies on, as upstream does', () => {
    // List-map keys fall back to them, and value structs ({}) are never "added" by a write.
    expect(prop('io.k8s.api.core.v1.ContainerPort', 'protocol').default).toBe('TCP');
    expect(prop('io.k8s.api.core.v1.ServicePort', 'protocol').default).toBe('TCP');
    expect(prop('io.k8s.api.core.v1.ContainerPort', 'containerPort').default).toBe(0);
    expect(prop('io.k8s.api.core.v1.Container', 'name').default).toBe('');
    expect(prop('io.k8s.api.core.v1.ContainerStatus', 'ready').default).toBe(false);
    expect(prop('io.k8s.api.core.v1.Container', 'resources').default).toEqual({});
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'template').default).toEqual({});
    expect(prop('io.k8s.api.core.v1.LocalObjectReference', 'name').default).toBe('');
    // Named types (Time, Quantity, IntOrString) and pointers have none.
    expect(prop('io.k8s.apimachinery.pkg.apis.meta.v1.Condition', 'lastTransitionTime').default).toBeUndefined();
    expect(prop('io.k8s.api.core.v1.Container', 'image').default).toBeUndefined();
    expect(prop('io.k8s.api.core.v1.PodSpec', 'securityContext').default).toBeUndefined();
  });

  it('lists enum values and leaves free-form FieldsV1 open', () => {
    expect(prop('io.k8s.api.core.v1.PodSpec', 'restartPolicy').enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(defs()['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']).toEqual({ description: expect.any(String), type: 'object' });
  });

  it('carries no zod leftovers', () => {
    for (const [name, def] of Object.entries(defs())) {
      for (const [at, node] of nodes(def, name)) {
        for (const k of ['$id', '$schema', 'minimum', 'maximum', 'const', '$defs']) expect(node[k], `${at}.${k}`).toBeUndefined();
        expect(node.additionalProperties, at).not.toBe(false);
      }
    }
  });

  it('is JSON-serializable, deterministic and computed once', () => {
    const first = definitions();
    expect(definitions()).toBe(first);
    const text = JSON.stringify(first);
    expect(JSON.parse(text)).toEqual(first);
    expect(JSON.stringify(buildDefinitions())).toBe(text);
    expect(Object.keys(first)).toEqual([...Object.keys(first)].sort());
  });
});
