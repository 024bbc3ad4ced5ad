// Runs a kind schema on a decoded object and turns zod issues into Kubernetes FieldErrors (what a 422 Status lists).
import type { z } from 'zod';
import type { FieldError } from '../../apiserver/errors.ts';
import { TYPE_MARK, type K8sIssueParams } from './dsl.ts';
import { errorBody, formatFieldPath, supportedValues, typeInvalid } from './field-errors.ts';

function hasNull(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasNull(v)) return true;
    return false;
  }
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v === null || (typeof v === 'object' && hasNull(v))) return true;
  }
  return false;
}

/**
 * Go decoding treats `null` as "not set", so clients send `creationTimestamp: null` or `resources: null` freely.
 * Returns the value without null-valued object properties (array items are kept, and then fail type checks);
 * parts without nulls are shared with the input, not copied.
 */
export function dropNulls<T>(value: T): T {
  if (!hasNull(value)) return value;
  if (Array.isArray(value)) return value.map(dropNulls) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null) out[k] = dropNulls(v);
  return out as T;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

const ZOD_TYPE_NAMES: Record<string, string> = { int: 'integer', record: 'object', map: 'object', nan: 'number', bigint: 'integer' };

function toFieldError(issue: z.core.$ZodIssue, input: unknown): FieldError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = formatFieldPath(path);
  if (issue.code === 'custom' && issue.params && 'k8s' in issue.params) {
    const params = issue.params as K8sIssueParams;
    if (params.k8s === 'FieldValueTypeInvalid') return typeInvalid(field, params.value, params.expectedType ?? 'string');
    return { type: params.k8s, field, message: issue.message };
  }
  const value = valueAt(input, path);
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    if (value === undefined) {
      // A body without metadata fails where apiserver would notice it: the missing name.
      if (field === 'metadata') return { type: 'FieldValueRequired', field: 'metadata.name', message: errorBody('FieldValueRequired', undefined, 'name or generateName is required') };
      return { type: 'FieldValueRequired', field, message: errorBody('FieldValueRequired', undefined) };
    }
    const expected = issue.message.startsWith(TYPE_MARK)
      ? issue.message.slice(TYPE_MARK.length)
      : issue.code === 'invalid_type'
        ? (ZOD_TYPE_NAMES[issue.expected] ?? issue.expected)
        : 'object';
    return typeInvalid(field, value, expected);
  }
  if (issue.code === 'invalid_value') {
    return { type: 'FieldValueNotSupported', field, message: errorBody('FieldValueNotSupported', value, supportedValues(issue.values.map(String))) };
  }
  return { type: 'FieldValueInvalid', field, message: errorBody('FieldValueInvalid', value, issue.message) };
}

/** All problems apiserver would list for `obj` (null fields count as unset); empty when valid. */
export function validateObject(schema: z.ZodType, obj: unknown): FieldError[] {
  const input = dropNulls(obj);
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => toFieldError(i, input));
}
