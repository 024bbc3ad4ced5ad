// Field paths and cause messages rendered the way apiserver's field.Error does, so kubectl prints what users expect.
import type { FieldError } from '../../apiserver/errors.ts';

export type FieldErrorType = FieldError['type'];

/** Pieces of a field path: names, list indexes, and map keys written with `mapKey()`. */
export type Path = ReadonlyArray<string | number>;

/** Marks a path piece as a map key, printed `data[key]` instead of `data.key` (apiserver's Path.Key). */
export function mapKey(key: string): string {
  return `[${key}]`;
}

/** `['spec', 'containers', 0, 'name']` -> `spec.containers[0].name`; map keys from `mapKey()` stay bracketed. */
export function formatFieldPath(path: Path): string {
  let out = '';
  for (const piece of path) {
    if (typeof piece === 'number') out += `[${piece}]`;
    else if (piece.startsWith('[') && piece.endsWith(']')) out += piece;
    else out += out === '' ? piece : `.${piece}`;
  }
  return out;
}

/** Renders a bad value like field.Error: numbers and booleans bare, strings quoted, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const TYPE_WORDS: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

// These kinds never echo the value (it may be huge or secret), matching apiserver.
const VALUELESS = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/** The message part of a cause: `Invalid value: -1: must be greater than or equal to 0`. */
export function errorBody(type: FieldErrorType, value: unknown, detail?: string): string {
  let s = TYPE_WORDS[type];
  if (!VALUELESS.has(type)) s += `: ${formatValue(value)}`;
  if (detail) s += `: ${detail}`;
  return s;
}

function at(field: string | Path): string {
  return typeof field === 'string' ? field : formatFieldPath(field);
}

/** Constructors for strategies, mirroring field.Invalid/Required/...; `field` is a formatted path or its pieces. */
export const fieldError = {
  invalid: (field: string | Path, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field: at(field), message: errorBody('FieldValueInvalid', value, detail) }),
  required: (field: string | Path, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: at(field), message: errorBody('FieldValueRequired', undefined, detail) }),
  duplicate: (field: string | Path, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueDuplicate', field: at(field), message: errorBody('FieldValueDuplicate', value, detail) }),
  notSupported: (field: string | Path, value: unknown, supported: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field: at(field),
    message: errorBody('FieldValueNotSupported', value, supportedValues(supported)),
  }),
  forbidden: (field: string | Path, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: at(field), message: errorBody('FieldValueForbidden', undefined, detail) }),
  tooLong: (field: string | Path, maxBytes: number): FieldError => ({ type: 'FieldValueTooLong', field: at(field), message: errorBody('FieldValueTooLong', undefined, tooLongDetail(maxBytes)) }),
  tooMany: (field: string | Path, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field: at(field), message: errorBody('FieldValueTooMany', actual, `must have at most ${max} items`) }),
  notFound: (field: string | Path, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: at(field), message: errorBody('FieldValueNotFound', value) }),
  /** The 422 cause for an update that changes a field that cannot change. */
  immutable: (field: string | Path, value: unknown): FieldError => fieldError.invalid(field, value, 'field is immutable'),
};

export function supportedValues(values: readonly string[]): string {
  return values.length ? `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}` : '';
}

export function tooLongDetail(maxBytes: number): string {
  return `may not be more than ${maxBytes} bytes`;
}

/** JSON type name of a decoded value, as OpenAPI schema validation reports it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `Invalid value: "three": spec.replicas in body must be of type integer: "string"`, the schema-validation wording. */
export function typeInvalid(field: string | Path, value: unknown, expected: string): FieldError {
  const f = at(field);
  return { type: 'FieldValueTypeInvalid', field: f, message: errorBody('FieldValueTypeInvalid', value, `${f} in body must be of type ${expected}: "${jsonTypeOf(value)}"`) };
}
