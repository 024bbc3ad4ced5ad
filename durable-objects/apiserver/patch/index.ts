// The patch package's public surface, plus one entry point that dispatches on the PATCH Content-Type.
import { ApiError } from '../errors.ts';
import type { KubeObject } from '../../types.ts';
import { isObject, parseJsonBody, type Json } from './json-value.ts';
import { jsonPatch } from './json-patch.ts';
import { mergePatch } from './merge-patch.ts';
import { strategicMergePatch } from './strategic-merge.ts';
import type { SchemaNode } from './schema-node.ts';

export { NO_SCHEMA, schemaNode, schemaNodeOf, type JsonSchema, type SchemaNode } from './schema-node.ts';
export { jsonPatch, decodeJsonPatch, parseJsonPointer, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOperation } from './json-patch.ts';
export { mergePatch } from './merge-patch.ts';
export { strategicMergePatch } from './strategic-merge.ts';
export {
  type FieldSet,
  emptySet,
  fieldSetFromFieldsV1,
  fieldSetToFieldsV1,
  formatPath,
  intersectSets,
  isEmptySet,
  setMembers,
  subtractSets,
  unionSets,
} from './fieldset.ts';
export { fieldSetOf, diffFields, listSemantics, type FieldDiff, type ListSemantics } from './object-fields.ts';
export {
  decodeManagedFields,
  encodeManagedFields,
  updateManagedFields,
  type ManagerEntry,
  type UpdateManagedFieldsOptions,
} from './managed-fields.ts';
export { serverSideApply, BEFORE_FIRST_APPLY, type ServerSideApplyOptions, type ServerSideApplyResult } from './apply.ts';
export { cloneJson, deepEqual, type Json, type JsonObject } from './json-value.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export type PatchType = typeof JSON_PATCH | typeof MERGE_PATCH | typeof STRATEGIC_MERGE_PATCH;

/**
 * Applies a JSON, merge or strategic merge patch to a copy of `original`. `type` may carry parameters
 * (`; charset=utf-8`). A string or byte body is parsed as JSON; anything else is taken as already parsed.
 * Apply patches go through serverSideApply, which needs the field managers.
 */
export function applyPatch(type: PatchType | string, original: KubeObject, patchBody: unknown, schema: SchemaNode): KubeObject {
  const mediaType = type.split(';')[0]?.trim().toLowerCase() ?? '';
  const body: Json =
    typeof patchBody === 'string' || patchBody instanceof Uint8Array || patchBody instanceof ArrayBuffer
      ? parseJsonBody(patchBody)
      : (patchBody as Json);
  const doc = original as unknown as Json;
  let result: Json;
  switch (mediaType) {
    case JSON_PATCH:
      result = jsonPatch(doc, body);
      break;
    case MERGE_PATCH:
      if (!isObject(body)) throw new ApiError('BadRequest', 'merge patch must be a JSON object');
      result = mergePatch(doc, body);
      break;
    case STRATEGIC_MERGE_PATCH:
      result = strategicMergePatch(doc, body, schema);
      break;
    default:
      throw new ApiError(
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${JSON_PATCH}, ${MERGE_PATCH}, ${APPLY_PATCH}, ${STRATEGIC_MERGE_PATCH}`,
      );
  }
  if (!isObject(result)) throw new ApiError('BadRequest', 'the patched object is not a JSON object');
  return result as unknown as KubeObject;
}
