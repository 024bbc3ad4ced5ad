// Walks one message with its descriptor and renders the JSON object Go's encoding/json would produce for it.
import { toBase64 } from './base64.ts';
import { resolve, type FieldDescriptor, type MessageDescriptor } from './descriptor.ts';
import { decodeIntOrString, decodeQuantity, decodeTime } from './leaves.ts';
import { malformed, wrongWire } from './malformed.ts';
import { WireReader, WIRE_BYTES, WIRE_VARINT } from './reader.ts';

/** Nesting limit in messages (the envelope counts as one); far above any real Kubernetes object. */
export const MAX_DEPTH = 64;

/**
 * Decoded but not yet rendered: protobuf lets a singular message field appear twice (the parts merge) and
 * lets a scalar repeat (the last wins), so JSON is only produced once the whole message has been read.
 */
interface Pending {
  readonly desc: MessageDescriptor;
  readonly values: Map<FieldDescriptor, unknown>;
}

export function decodeMessage(desc: MessageDescriptor, buf: Uint8Array, start: number, end: number, depth = 1): Record<string, unknown> {
  return render(fill({ desc, values: new Map() }, buf, start, end, depth));
}

function enter(depth: number): void {
  if (depth > MAX_DEPTH) throw malformed(`exceeded the maximum nesting depth of ${MAX_DEPTH}`);
}

function label(p: Pending, f: FieldDescriptor): string {
  return `${p.desc.name}.${f.json || f.no}`;
}

function fill(into: Pending, buf: Uint8Array, start: number, end: number, depth: number): Pending {
  enter(depth);
  const r = new WireReader(buf, start, end);
  while (!r.done()) {
    const { field, wire } = r.tag();
    const f = into.desc.byNumber.get(field);
    // Unknown fields are what newer clients send; skipping them is what every protobuf runtime does.
    if (!f) r.skip(wire);
    else readField(into, f, r, wire, depth);
  }
  return into;
}

function readField(into: Pending, f: FieldDescriptor, r: WireReader, wire: number, depth: number): void {
  if (f.shape === 'map') {
    if (wire !== WIRE_BYTES) throw wrongWire(wire, label(into, f));
    let entries = into.values.get(f) as Record<string, unknown> | undefined;
    if (!entries) into.values.set(f, (entries = {}));
    enter(depth + 1);
    const { start, end } = r.span();
    readMapEntry(entries, f, new WireReader(r.buf, start, end), depth + 1, into);
    return;
  }
  if (f.kind === 'message') {
    if (wire !== WIRE_BYTES) throw wrongWire(wire, label(into, f));
    const { start, end } = r.span();
    const desc = resolve(f.message!);
    if (f.shape === 'list') {
      listOf(into, f).push(fill({ desc, values: new Map() }, r.buf, start, end, depth + 1));
      return;
    }
    const existing = into.values.get(f) as Pending | undefined;
    into.values.set(f, fill(existing ?? { desc, values: new Map() }, r.buf, start, end, depth + 1));
    return;
  }
  if (f.shape === 'list') {
    const items = listOf(into, f);
    if (wire === WIRE_BYTES && (f.kind === 'int32' || f.kind === 'int64' || f.kind === 'bool')) {
      // Packed encoding: proto2 senders don't use it for these fields, but parsers must accept it.
      const { start, end } = r.span();
      for (const sub = new WireReader(r.buf, start, end); !sub.done(); ) items.push(readLeaf(f.kind, sub, WIRE_VARINT, depth, into, f));
    } else {
      items.push(readLeaf(f.kind, r, wire, depth, into, f));
    }
    return;
  }
  into.values.set(f, readLeaf(f.kind, r, wire, depth, into, f));
}

function listOf(into: Pending, f: FieldDescriptor): unknown[] {
  let items = into.values.get(f) as unknown[] | undefined;
  if (!items) into.values.set(f, (items = []));
  return items;
}

/** `into` and `f` only name the field in errors. */
function readLeaf(kind: FieldDescriptor['kind'], r: WireReader, wire: number, depth: number, into: Pending, f: FieldDescriptor): unknown {
  const want = kind === 'int32' || kind === 'int64' || kind === 'bool' ? WIRE_VARINT : WIRE_BYTES;
  if (wire !== want) throw wrongWire(wire, label(into, f));
  switch (kind) {
    case 'string':
      return r.text();
    case 'bytes': {
      const { start, end } = r.span();
      return toBase64(r.buf, start, end);
    }
    case 'int32':
      return r.int(32);
    case 'int64':
      return r.int(64);
    case 'bool':
      return r.bool();
    case 'time':
    case 'quantity':
    case 'intOrString': {
      enter(depth + 1);
      const { start, end } = r.span();
      if (kind === 'time') return decodeTime(r.buf, start, end);
      if (kind === 'quantity') return decodeQuantity(r.buf, start, end);
      return decodeIntOrString(r.buf, start, end);
    }
    case 'message':
      throw new Error(`${label(into, f)}: message fields are not leaves`);
  }
}

/** A map entry is a message {key=1, value=2}; a missing key or value is the type's zero value, as in Go. */
function readMapEntry(entries: Record<string, unknown>, f: FieldDescriptor, r: WireReader, depth: number, into: Pending): void {
  const valueKind = f.mapValue!;
  let key = '';
  let value: unknown = valueKind === 'quantity' ? '0' : '';
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      if (wire !== WIRE_BYTES) throw wrongWire(wire, `${label(into, f)} key`);
      key = r.text();
    } else if (field === 2) value = readLeaf(valueKind, r, wire, depth, into, f);
    else r.skip(wire);
  }
  // Keys are untrusted: a plain assignment of "__proto__" would replace the object's prototype.
  if (key === '__proto__') Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
  else entries[key] = value;
}

/** Zero scalars of omitempty fields vanish, as they would from Go's JSON; structs never do. */
function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function render(p: Pending): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of p.desc.fields) {
    if (!p.values.has(f)) continue;
    const v = p.values.get(f);
    if (f.inline) Object.assign(out, render(v as Pending));
    else if (f.shape === 'list') {
      const items = v as unknown[];
      if (items.length > 0) out[f.json] = f.kind === 'message' ? items.map((i) => render(i as Pending)) : items;
    } else if (f.shape === 'map') out[f.json] = v;
    else if (f.kind === 'message') out[f.json] = render(v as Pending);
    else if (v === undefined) continue; // the zero Time
    else if (f.keep || f.kind === 'intOrString' || f.kind === 'quantity' || !isZero(v)) out[f.json] = v;
  }
  return out;
}
