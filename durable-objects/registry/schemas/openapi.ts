// Generates the OpenAPI v3 component schemas (what `kubectl explain` and client-side apply read) from the zod schemas, once.
import { z } from 'zod';
import { k8sRegistry } from './dsl.ts';
import './kinds.ts'; // every kind module registers its named types on import

export const SCHEMA_REF_PREFIX = '#/components/schemas/';
const INT_OR_STRING_REF = `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.util.intstr.IntOrString`;

type Json = Record<string, unknown>;

// What a `$ref` wrapper may keep next to its allOf: the field's own words and extensions, not a copy of the target.
const REF_SIBLINGS = new Set(['description', 'default']);

function tidy(node: unknown, propName?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n));
  if (node === null || typeof node !== 'object') return node;
  const s = node as Json;
  delete s.$id;
  delete s.$schema;
  // Integer bounds are zod's safe-integer guard, not a Kubernetes rule.
  delete s.minimum;
  delete s.maximum;
  if (s.additionalProperties === false) delete s.additionalProperties;
  const allOf = s.allOf as Json[] | undefined;
  if (allOf?.length === 1 && typeof allOf[0]?.$ref === 'string') {
    // A field that refines a named type (extra rules) points at it instead of repeating it.
    for (const k of Object.keys(s)) if (k !== 'allOf' && !REF_SIBLINGS.has(k) && !k.startsWith('x-')) delete s[k];
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    delete s.anyOf;
    delete s.type;
  }
  if (allOf?.[0]?.$ref === INT_OR_STRING_REF) {
    // zod drops what a field shares with its target; the field itself must still say int-or-string.
    s['x-kubernetes-int-or-string'] = true;
    s.format = 'int-or-string';
  }
  if (propName === 'apiVersion' || propName === 'kind') {
    delete s.enum;
    delete s.const;
  }
  if (s['x-kubernetes-group-version-kind'] && Array.isArray(s.required)) {
    // Upstream never marks the type fields required; the apiserver fills them from the request.
    s.required = (s.required as string[]).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata');
    if ((s.required as string[]).length === 0) delete s.required;
  }
  if (s.type === 'object' && s.properties && Object.keys(s.properties).length === 0) delete s.properties;
  if (s.type === 'object' && s.additionalProperties && Object.keys(s.additionalProperties).length === 0) delete s.additionalProperties;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as Json)) (s.properties as Json)[k] = tidy(v, k);
  }
  for (const k of ['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf']) if (s[k] !== undefined) s[k] = tidy(s[k]);
  return s;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Json)[k]);
  return out;
}

/** Builds the component schemas from scratch (tens of milliseconds); use definitions(), which keeps the result. */
export function buildDefinitions(): Record<string, object> {
  const generated = z.toJSONSchema(k8sRegistry, {
    target: 'openapi-3.0',
    io: 'input',
    metadata: k8sRegistry,
    unrepresentable: 'any',
    uri: (id) => SCHEMA_REF_PREFIX + id,
  }) as { schemas: Record<string, Json> };
  const out: Record<string, object> = {};
  for (const name of Object.keys(generated.schemas).sort()) {
    out[name] = sortKeys(tidy(generated.schemas[name])) as object;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let memo: Record<string, object> | undefined;

/** Component schemas keyed by upstream definition name (io.k8s.api.core.v1.Pod, ...); built on first use, then shared (frozen). */
export function definitions(): Record<string, object> {
  memo ??= deepFreeze(buildDefinitions());
  return memo;
}
