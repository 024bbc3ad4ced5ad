// Builds top-level kinds (apiVersion, kind, metadata with the kind's name rule, GVK extension) and their List wrappers.
import { z } from 'zod';
import { named, opt, req, rules, str, valueStruct, type Rules } from './dsl.ts';
import { ListMetaSchema, ObjectMetaSchema } from './meta.ts';
import { isDNS1123Label, nameProblems, type NameRule } from './names.ts';

export interface KindInfo<GV extends string, K extends string> {
  /** e.g. 'apps/v1' or 'v1'. */
  apiVersion: GV;
  kind: K;
  /** Upstream definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  definition: string;
  description: string;
  /** How metadata.name is checked; 'none' for bodies of subresources whose name comes from the URL. */
  name: NameRule | 'none';
  /** Namespaced kinds need metadata.namespace (the apiserver fills it from the URL before validating). */
  namespaced: boolean;
}

export function gvk(apiVersion: string, kind: string) {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', kind, version: apiVersion } : { group: apiVersion.slice(0, slash), kind, version: apiVersion.slice(slash + 1) };
}

const metadataCache = new Map<string, typeof ObjectMetaSchema>();

/** ObjectMeta plus the per-kind rules of apiserver's ValidateObjectMeta (name, generateName, namespace). */
export function metadataFor(name: NameRule | 'none', namespaced: boolean): typeof ObjectMetaSchema {
  const key = `${name}/${namespaced}`;
  const hit = metadataCache.get(key);
  if (hit) return hit;
  const schema = rules(ObjectMetaSchema, (m, r) => {
    if (name !== 'none') {
      if (m.generateName) r.invalidEach(['generateName'], m.generateName, nameProblems(name, m.generateName, true));
      if (!m.name) r.required(['name'], 'name or generateName is required');
      else r.invalidEach(['name'], m.name, nameProblems(name, m.name));
    }
    if (namespaced) {
      if (!m.namespace) r.required(['namespace']);
      else r.invalidEach(['namespace'], m.namespace, isDNS1123Label(m.namespace));
    }
  });
  metadataCache.set(key, schema);
  return schema;
}

/** A top-level kind: apiVersion and kind as literals (so TypeScript can narrow on them), metadata required. */
export function kindSchema<const GV extends string, const K extends string, S extends z.ZodRawShape>(
  info: KindInfo<GV, K>,
  shape: S,
  check?: (obj: z.output<z.ZodObject<{ apiVersion: z.ZodLiteral<GV>; kind: z.ZodLiteral<K>; metadata: typeof ObjectMetaSchema } & S>>, r: Rules) => void,
) {
  const base = z.object({
    apiVersion: req(z.literal(info.apiVersion), `Versioned schema of this object: ${info.apiVersion}.`),
    kind: req(z.literal(info.kind), `Type of this object: ${info.kind}.`),
    metadata: req(metadataFor(info.name, info.namespaced), 'Standard object metadata: name, namespace, labels, annotations, owners.', valueStruct),
    ...shape,
  });
  const withRules = check ? rules(base, check) : base;
  return named(info.definition, info.description, withRules, { 'x-kubernetes-group-version-kind': [gvk(info.apiVersion, info.kind)] });
}

/** `<Kind>List`, the body of list responses; only needed for the OpenAPI document. */
export function listSchema(info: { apiVersion: string; kind: string; definition: string }, item: z.ZodType) {
  return named(
    `${info.definition}List`,
    `A page of ${info.kind} objects.`,
    z.object({
      apiVersion: opt(str(), `Versioned schema of this list: ${info.apiVersion}.`),
      kind: opt(str(), `Type of this list: ${info.kind}List.`),
      metadata: opt(ListMetaSchema, 'Collection version and paging token.', valueStruct),
      items: req(z.array(item), `The ${info.kind} objects.`),
    }),
    { 'x-kubernetes-group-version-kind': [gvk(info.apiVersion, `${info.kind}List`)] },
  );
}
