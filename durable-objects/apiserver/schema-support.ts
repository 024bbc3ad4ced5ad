// Where the registry meets the schemas and the patch algorithms: validation, unknown fields, patches and field ownership,
// each resolved against the kind's generated OpenAPI schema (the one source of truth).
import { ApiError, type FieldError } from './errors.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { apiVersionOf } from '../registry/registry.ts';
import type { KubeObject } from '../types.ts';
import { definitions, findUnknownFields as findUnknownInSchema, validateObject } from '../registry/schemas/index.ts';
import { NO_SCHEMA, applyPatch, schemaNode, serverSideApply, updateManagedFields, type JsonSchema, type SchemaNode } from './patch/index.ts';

export type PatchType = 'application/json-patch+json' | 'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/apply-patch+yaml';

const nodes = new Map<string, SchemaNode>();

/** The patch-metadata view of a kind's schema (merge keys, list types), built once per kind. */
export function schemaOf(s: ResourceStrategy | undefined): SchemaNode {
  if (!s) return NO_SCHEMA;
  let n = nodes.get(s.definition);
  if (!n) {
    n = schemaNode(definitions() as Record<string, JsonSchema>, s.definition);
    nodes.set(s.definition, n);
  }
  return n;
}

export function checkSchema(s: ResourceStrategy, obj: KubeObject): FieldError[] {
  return validateObject(s.schema, obj);
}

/** Removes fields the schema does not know and returns their paths (for Strict errors and Warn warnings). */
export function findUnknownFields(s: ResourceStrategy, obj: KubeObject): string[] {
  return findUnknownInSchema(s.definition, obj, { prune: true });
}

/** Applies a decoded request body as a patch. A bare JSON string, number or boolean is refused as Go's decoder words it. */
export function applyPatchBody(s: ResourceStrategy | undefined, type: PatchType, original: KubeObject, patch: unknown): KubeObject {
  if (typeof patch === 'string' || typeof patch === 'number' || typeof patch === 'boolean') {
    const into = type.startsWith('application/json-patch+json') ? 'jsonpatch.Patch' : 'map[string]interface {}';
    throw new ApiError('BadRequest', `json: cannot unmarshal ${typeof patch === 'boolean' ? 'bool' : typeof patch} into Go value of type ${into}`);
  }
  return applyPatch(type, original, patch, schemaOf(s));
}

export function serverSideApplyBody(s: ResourceStrategy, live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean, now: number, subresource?: string): KubeObject {
  return serverSideApply({ live, applied, manager, force, schema: schemaOf(s), now, subresource }).object;
}

/** Records which manager owns the fields a create or update changed (what `--show-managed-fields` displays). */
export function trackManagedFields(s: ResourceStrategy, old: KubeObject | undefined, updated: KubeObject, manager: string, now: number, subresource?: string): void {
  const mf = updateManagedFields({ old, updated, manager, apiVersion: apiVersionOf(s), now, subresource, schema: schemaOf(s) });
  if (mf.length) updated.metadata.managedFields = mf;
  else delete updated.metadata.managedFields;
}
