// Message descriptors: the field-number → JSON-name tables the decoder walks, and a tiny DSL to write them.

/** Wire scalars plus the three apimachinery messages that render as a JSON scalar. */
export type LeafKind = 'string' | 'int32' | 'int64' | 'bool' | 'bytes' | 'time' | 'quantity' | 'intOrString';

/** Lets a descriptor refer to one declared later (or to itself). */
export type MessageRef = MessageDescriptor | (() => MessageDescriptor);

export interface FieldDescriptor {
  readonly no: number;
  readonly json: string;
  readonly kind: LeafKind | 'message';
  readonly message?: MessageRef;
  readonly shape: 'single' | 'list' | 'map';
  /** Map value kind; map keys are always strings in the Kubernetes API. */
  readonly mapValue?: 'string' | 'bytes' | 'quantity';
  /**
   * A present zero value is still emitted: the Go field is a pointer (nil is simply absent on the wire)
   * or its JSON tag lacks omitempty.
   */
  readonly keep: boolean;
  /** Go embeds the struct with `json:",inline"`: its fields land in the parent object. */
  readonly inline: boolean;
}

export interface MessageDescriptor {
  readonly name: string;
  /** In Go struct order, which is the JSON key order kubectl prints. */
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyMap<number, FieldDescriptor>;
}

export function message(name: string, fields: FieldDescriptor[]): MessageDescriptor {
  const byNumber = new Map<number, FieldDescriptor>();
  for (const f of fields) {
    if (byNumber.has(f.no)) throw new Error(`${name}: field ${f.no} declared twice`);
    byNumber.set(f.no, f);
  }
  return { name, fields, byNumber };
}

export function resolve(ref: MessageRef): MessageDescriptor {
  return typeof ref === 'function' ? ref() : ref;
}

/** Marker for `keep` (see FieldDescriptor.keep); reads as `str(3, 'port', KEEP)`. */
export const KEEP = true;

function leaf(kind: LeafKind) {
  return (no: number, json: string, keep = false): FieldDescriptor => ({ no, json, kind, shape: 'single', keep, inline: false });
}

export const str = leaf('string');
export const i32 = leaf('int32');
export const i64 = leaf('int64');
export const bool = leaf('bool');
export const bytes = leaf('bytes');
export const time = leaf('time');
export const quantity = leaf('quantity');
export const intOrString = leaf('intOrString');

export function msg(no: number, json: string, ref: MessageRef): FieldDescriptor {
  return { no, json, kind: 'message', message: ref, shape: 'single', keep: true, inline: false };
}

export function inline(no: number, ref: MessageRef): FieldDescriptor {
  return { no, json: '', kind: 'message', message: ref, shape: 'single', keep: true, inline: true };
}

/** A repeated field of scalars (`'string'`, `'int64'`, ...) or of messages. */
export function list(no: number, json: string, of: LeafKind | MessageRef): FieldDescriptor {
  return typeof of === 'string'
    ? { no, json, kind: of, shape: 'list', keep: false, inline: false }
    : { no, json, kind: 'message', message: of, shape: 'list', keep: false, inline: false };
}

export function map(no: number, json: string, value: 'string' | 'bytes' | 'quantity'): FieldDescriptor {
  return { no, json, kind: 'message', shape: 'map', mapValue: value, keep: false, inline: false };
}
