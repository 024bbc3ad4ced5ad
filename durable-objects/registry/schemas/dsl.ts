// The small vocabulary every schema file uses: zod builders that carry OpenAPI metadata, and rule hooks that emit Kubernetes field errors.
import { z } from 'zod';
import type { FieldError } from '../../apiserver/errors.ts';
import { errorBody, formatFieldPath, supportedValues, tooLongDetail, typeInvalid, type FieldErrorType, type Path } from './field-errors.ts';

/** What a schema may say about itself in the OpenAPI document (kept in our own registry, not zod's global one). */
export interface K8sMeta {
  id?: string;
  description?: string;
  format?: string;
  enum?: readonly string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; kind: string; version: string }>;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** What the Go type decodes an absent field to; server-side apply reads it (list-map keys, value structs). */
  default?: unknown;
}

export const k8sRegistry = z.registry<K8sMeta>();

/** Named types by definition name, in registration order. */
export const namedSchemas = new Map<string, z.ZodType>();

/** Registers a reusable type under its upstream definition name; fields that use it become `$ref`s. */
export function named<T extends z.ZodType>(id: string, description: string, schema: T, ext: K8sMeta = {}): T {
  if (namedSchemas.has(id)) throw new Error(`schema ${id} registered twice`);
  k8sRegistry.add(schema, { ...ext, id, description });
  namedSchemas.set(id, schema);
  return schema;
}

const ZERO: Record<string, unknown> = { string: '', number: 0, boolean: false };

function field<T extends z.ZodType>(schema: T, meta: K8sMeta): T {
  const copy = schema.clone();
  k8sRegistry.add(copy, meta);
  return copy;
}

/**
 * A required field: a copy of `schema` carrying the field's own description and extensions. Required scalars
 * get their Go zero value as `default`, as upstream's generator writes it (named types like Time do not).
 */
export function req<T extends z.ZodType>(schema: T, description: string, ext: K8sMeta = {}): T {
  const zero = k8sRegistry.get(schema)?.id ? undefined : ZERO[schema._zod.def.type];
  return field(schema, { ...(zero === undefined ? {} : { default: zero }), ...ext, description });
}

/** An optional field (Kubernetes `+optional` / `omitempty`). */
export function opt<T extends z.ZodType>(schema: T, description: string, ext: K8sMeta = {}): z.ZodOptional<T> {
  return field(schema, { ...ext, description }).optional();
}

// Type errors carry the OpenAPI type name in their message so validate.ts can word them like apiserver.
export const TYPE_MARK = 'k8s-type:';
const typed = (name: string) => ({ error: TYPE_MARK + name });

export const str = () => z.string();
export const bool = () => z.boolean();
export function int32() {
  const s = z.int(typed('integer'));
  k8sRegistry.add(s, { format: 'int32' });
  return s;
}
export function int64() {
  const s = z.int(typed('integer'));
  k8sRegistry.add(s, { format: 'int64' });
  return s;
}
export const strings = () => z.array(z.string());
export const stringMap = () => z.record(z.string(), z.string());

const INT_OR_STRING = { 'x-kubernetes-int-or-string': true, format: 'int-or-string' } as const;

/** IntOrString, shared so fields refer to one definition (kubectl explain then shows `<IntOrString>`). */
export const IntOrStringSchema = named(
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  'Either a whole number or a string: a count or percentage ("25%"), or a port number or port name ("http").',
  z.union([z.int(), z.string()], typed('integer-or-string')),
  INT_OR_STRING,
);

/** A field holding an IntOrString. */
export const intOrString = () => IntOrStringSchema;

/**
 * A string enum whose violations do not hide the other errors of the object (zod's own enum would abort
 * the parent's rules). An empty string reads as "not set" and is reported as Required, like apiserver.
 */
export function enumOf<const V extends readonly [string, ...string[]]>(values: V): z.ZodType<V[number], V[number]> {
  const allowed = new Set<string>(values);
  const s = z.string().superRefine((v, ctx) => {
    if (v === '') issue(ctx, [], 'FieldValueRequired', errorBody('FieldValueRequired', undefined));
    else if (!allowed.has(v)) issue(ctx, [], 'FieldValueNotSupported', errorBody('FieldValueNotSupported', v, supportedValues(values)));
  });
  k8sRegistry.add(s, { enum: [...values] });
  return s as unknown as z.ZodType<V[number], V[number]>;
}

/** Like enumOf, but an empty string is a meaningful value (e.g. a toleration's empty effect matches all effects). */
export function enumOrEmpty<const V extends readonly [string, ...string[]]>(values: V): z.ZodType<V[number] | '', V[number] | ''> {
  const allowed = new Set<string>(values);
  const s = z.string().superRefine((v, ctx) => {
    if (v !== '' && !allowed.has(v)) issue(ctx, [], 'FieldValueNotSupported', errorBody('FieldValueNotSupported', v, supportedValues(values)));
  });
  k8sRegistry.add(s, { enum: [...values] });
  return s as unknown as z.ZodType<V[number] | '', V[number] | ''>;
}

/** A string typed as one of `values` whose bad values some rule reports with its own wording. */
export function typedString<const V extends readonly [string, ...string[]]>(values: V): z.ZodType<V[number], V[number]> {
  const s = z.string();
  k8sRegistry.add(s, { enum: [...values] });
  return s as unknown as z.ZodType<V[number], V[number]>;
}

// ---- list and map extensions, named after the Go markers they stand for ----

/** `patchStrategy=merge` keyed by `key`; `listType=map` keyed by `mapKeys` (defaults to the merge key). */
export function mergeList(key: string, mapKeys: string[] = [key], strategy = 'merge'): K8sMeta {
  return { 'x-kubernetes-patch-strategy': strategy, 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': mapKeys };
}
export const atomicList: K8sMeta = { 'x-kubernetes-list-type': 'atomic' };
export const setList: K8sMeta = { 'x-kubernetes-list-type': 'set' };
export const atomicMap: K8sMeta = { 'x-kubernetes-map-type': 'atomic' };
/** A Go value struct (not a pointer): absent reads as `{}`; server-side apply relies on this `default`. */
export const valueStruct: K8sMeta = { default: {} };

// ---- rules ----

/** How a rule reports a problem; paths are relative to the value the rule is attached to. */
export interface Rules {
  invalid(path: Path, value: unknown, detail: string): void;
  /** One Invalid per message, as apiserver does with the message lists of its Is* helpers. */
  invalidEach(path: Path, value: unknown, details: readonly string[]): void;
  required(path: Path, detail?: string): void;
  duplicate(path: Path, value: unknown, detail?: string): void;
  notSupported(path: Path, value: unknown, supported: readonly string[]): void;
  forbidden(path: Path, detail: string): void;
  tooLong(path: Path, maxBytes: number): void;
  tooMany(path: Path, actual: number, max: number): void;
  notFound(path: Path, value: unknown): void;
  typeInvalid(path: Path, value: unknown, expected: string): void;
}

/** What a rule-made zod issue carries so validate.ts can rebuild the FieldError with the absolute path. */
export interface K8sIssueParams {
  k8s: FieldErrorType;
  expectedType?: string;
  value?: unknown;
}

function issue(ctx: z.RefinementCtx, path: Path, type: FieldErrorType, message: string, extra: Partial<K8sIssueParams> = {}): void {
  ctx.addIssue({ code: 'custom', path: [...path], message, params: { k8s: type, ...extra } satisfies K8sIssueParams });
}

// One small object per rule run (rules run for every nested object, so closures per method would add up).
class ZodRules implements Rules {
  private readonly ctx: z.RefinementCtx;
  constructor(ctx: z.RefinementCtx) {
    this.ctx = ctx;
  }
  invalid(p: Path, v: unknown, d: string) {
    issue(this.ctx, p, 'FieldValueInvalid', errorBody('FieldValueInvalid', v, d));
  }
  invalidEach(p: Path, v: unknown, ds: readonly string[]) {
    for (const d of ds) this.invalid(p, v, d);
  }
  required(p: Path, d?: string) {
    issue(this.ctx, p, 'FieldValueRequired', errorBody('FieldValueRequired', undefined, d));
  }
  duplicate(p: Path, v: unknown, d?: string) {
    issue(this.ctx, p, 'FieldValueDuplicate', errorBody('FieldValueDuplicate', v, d));
  }
  notSupported(p: Path, v: unknown, s: readonly string[]) {
    issue(this.ctx, p, 'FieldValueNotSupported', errorBody('FieldValueNotSupported', v, supportedValues(s)));
  }
  forbidden(p: Path, d: string) {
    issue(this.ctx, p, 'FieldValueForbidden', errorBody('FieldValueForbidden', undefined, d));
  }
  tooLong(p: Path, max: number) {
    issue(this.ctx, p, 'FieldValueTooLong', errorBody('FieldValueTooLong', undefined, tooLongDetail(max)));
  }
  tooMany(p: Path, n: number, max: number) {
    issue(this.ctx, p, 'FieldValueTooMany', errorBody('FieldValueTooMany', n, `must have at most ${max} items`));
  }
  notFound(p: Path, v: unknown) {
    issue(this.ctx, p, 'FieldValueNotFound', errorBody('FieldValueNotFound', v));
  }
  typeInvalid(p: Path, v: unknown, expected: string) {
    issue(this.ctx, p, 'FieldValueTypeInvalid', 'type', { expectedType: expected, value: v });
  }
}

/** Attaches Kubernetes rules to a schema; they run only when the value has the right shape. */
export function rules<T extends z.ZodType>(schema: T, fn: (value: z.output<T>, r: Rules) => void): T {
  return schema.superRefine((value, ctx) => fn(value, new ZodRules(ctx)));
}

/** A Rules that collects FieldErrors under a base path, so the same checks serve strategies outside zod. */
export function collector(base: string | Path = ''): Rules & { errors: FieldError[] } {
  const prefix = typeof base === 'string' ? base : formatFieldPath(base);
  const at = (p: Path): string => {
    const rel = formatFieldPath(p);
    if (!prefix) return rel;
    if (!rel) return prefix;
    return rel.startsWith('[') ? prefix + rel : `${prefix}.${rel}`;
  };
  const errors: FieldError[] = [];
  const push = (type: FieldErrorType, p: Path, message: string) => errors.push({ type, field: at(p), message });
  return {
    errors,
    invalid: (p, v, d) => push('FieldValueInvalid', p, errorBody('FieldValueInvalid', v, d)),
    invalidEach: (p, v, ds) => {
      for (const d of ds) push('FieldValueInvalid', p, errorBody('FieldValueInvalid', v, d));
    },
    required: (p, d) => push('FieldValueRequired', p, errorBody('FieldValueRequired', undefined, d)),
    duplicate: (p, v, d) => push('FieldValueDuplicate', p, errorBody('FieldValueDuplicate', v, d)),
    notSupported: (p, v, s) => push('FieldValueNotSupported', p, errorBody('FieldValueNotSupported', v, supportedValues(s))),
    forbidden: (p, d) => push('FieldValueForbidden', p, errorBody('FieldValueForbidden', undefined, d)),
    tooLong: (p, max) => push('FieldValueTooLong', p, errorBody('FieldValueTooLong', undefined, tooLongDetail(max))),
    tooMany: (p, n, max) => push('FieldValueTooMany', p, errorBody('FieldValueTooMany', n, `must have at most ${max} items`)),
    notFound: (p, v) => push('FieldValueNotFound', p, errorBody('FieldValueNotFound', v)),
    typeInvalid: (p, v, expected) => errors.push(typeInvalid(at(p), v, expected)),
  };
}
