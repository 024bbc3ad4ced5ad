// Reads patch metadata (x-kubernetes-* extensions) out of OpenAPI v3 schemas, lazily, so patch code can ask "how does this field merge?".
import type { Json } from './json-value.ts';

/** The subset of an OpenAPI v3 schema object that patching cares about; anything else is ignored. */
export interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  default?: unknown;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-int-or-string'?: boolean;
  [extra: string]: unknown;
}

export interface SchemaNode {
  /** An object property, or the value schema of a map (additionalProperties); undefined when unknown. */
  field(name: string): SchemaNode | undefined;
  /** The element schema of an array; undefined when unknown. */
  items(): SchemaNode | undefined;
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  isIntOrString?: boolean;
  /** The schema's `default`: supplies missing list-map key fields, and `{}` marks value-typed structs. */
  default?: Json;
  /** Required property names; for built-ins these are the Go fields serialized even when empty. */
  required?: string[];
}

/** The node for untyped data: every field unknown, so maps merge and lists are atomic. */
export const NO_SCHEMA: SchemaNode = Object.freeze({
  field: () => undefined,
  items: () => undefined,
});

const LIST_TYPES = new Set(['atomic', 'set', 'map']);
const MAP_TYPES = new Set(['atomic', 'granular']);

/** The name a `$ref` points at, for both `#/components/schemas/X` and `#/definitions/X`. */
function refName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  return slash >= 0 ? ref.slice(slash + 1) : ref;
}

class LazySchemaNode implements SchemaNode {
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  isIntOrString?: boolean;
  default?: Json;
  required?: string[];

  // A property may sit next to a $ref, inside allOf, or both; the nearest layer speaks first.
  private readonly layers: JsonSchema[];
  private readonly children = new Map<string, SchemaNode | undefined>();
  private itemNode: SchemaNode | undefined | null = null;

  constructor(
    private readonly definitions: Record<string, JsonSchema>,
    site: JsonSchema,
  ) {
    this.layers = [];
    this.collect(site, new Set());
    const pick = <K extends keyof JsonSchema>(key: K): JsonSchema[K] | undefined => {
      for (const l of this.layers) if (l[key] !== undefined) return l[key];
      return undefined;
    };
    const strategy = pick('x-kubernetes-patch-strategy');
    if (typeof strategy === 'string') this.patchStrategy = strategy;
    const mergeKey = pick('x-kubernetes-patch-merge-key');
    if (typeof mergeKey === 'string') this.patchMergeKey = mergeKey;
    const listType = pick('x-kubernetes-list-type');
    if (typeof listType === 'string' && LIST_TYPES.has(listType)) this.listType = listType as 'atomic' | 'set' | 'map';
    const keys = pick('x-kubernetes-list-map-keys');
    if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) this.listMapKeys = keys;
    const mapType = pick('x-kubernetes-map-type');
    if (typeof mapType === 'string' && MAP_TYPES.has(mapType)) this.mapType = mapType as 'atomic' | 'granular';
    if (pick('x-kubernetes-int-or-string') === true || pick('format') === 'int-or-string') this.isIntOrString = true;
    for (const l of this.layers) {
      if ('default' in l && l.default !== undefined) {
        this.default = l.default as Json;
        break;
      }
    }
    const required = new Set<string>();
    for (const l of this.layers) if (Array.isArray(l.required)) for (const r of l.required) if (typeof r === 'string') required.add(r);
    if (required.size > 0) this.required = [...required];
  }

  private collect(s: JsonSchema, seen: Set<string>): void {
    this.layers.push(s);
    if (typeof s.$ref === 'string') {
      const name = refName(s.$ref);
      const target = this.definitions[name];
      if (target && !seen.has(name)) {
        seen.add(name);
        this.collect(target, seen);
      }
    }
    if (Array.isArray(s.allOf)) for (const part of s.allOf) if (part && typeof part === 'object') this.collect(part, seen);
  }

  field(name: string): SchemaNode | undefined {
    if (this.children.has(name)) return this.children.get(name);
    let found: JsonSchema | undefined;
    for (const l of this.layers) {
      const p = l.properties;
      if (p && Object.prototype.hasOwnProperty.call(p, name)) {
        found = p[name];
        break;
      }
    }
    if (!found) {
      for (const l of this.layers) {
        if (l.additionalProperties && typeof l.additionalProperties === 'object') {
          found = l.additionalProperties;
          break;
        }
      }
    }
    const node = found ? new LazySchemaNode(this.definitions, found) : undefined;
    this.children.set(name, node);
    return node;
  }

  items(): SchemaNode | undefined {
    if (this.itemNode !== null) return this.itemNode;
    let found: JsonSchema | undefined;
    for (const l of this.layers) {
      if (l.items && typeof l.items === 'object') {
        found = l.items;
        break;
      }
    }
    this.itemNode = found ? new LazySchemaNode(this.definitions, found) : undefined;
    return this.itemNode;
  }
}

/** The navigator rooted at one component schema; an unknown root yields NO_SCHEMA. */
export function schemaNode(definitions: Record<string, JsonSchema>, rootName: string): SchemaNode {
  const root = definitions[rootName];
  return root ? new LazySchemaNode(definitions, root) : NO_SCHEMA;
}

/** The navigator for an inline schema whose $refs resolve against `definitions`. */
export function schemaNodeOf(definitions: Record<string, JsonSchema>, schema: JsonSchema): SchemaNode {
  return new LazySchemaNode(definitions, schema);
}
