// apimachinery types that travel as small messages but render as JSON scalars: Time, Quantity, IntOrString.
import { malformed } from './malformed.ts';
import { WireReader, WIRE_BYTES, WIRE_VARINT } from './reader.ts';

const utf8 = new TextDecoder('utf-8');

/** Go's []byte → string conversion never fails; invalid sequences become U+FFFD once JSON-encoded, as here. */
export function readString(r: WireReader, wire: number, what: string): string {
  if (wire !== WIRE_BYTES) throw malformed(`wrong wire type ${wire} for ${what}`);
  const { start, end } = r.span();
  return utf8.decode(r.buf.subarray(start, end));
}

export function readInt(r: WireReader, wire: number, bits: 32 | 64, what: string): number {
  if (wire !== WIRE_VARINT) throw malformed(`wrong wire type ${wire} for ${what}`);
  return Number(BigInt.asIntN(bits, r.varint()));
}

/** Go's zero time.Time (0001-01-01T00:00:00Z) as Unix seconds. */
const GO_ZERO_SECONDS = -62135596800;
/** encoding/json refuses years outside [0, 9999]; so do we. */
const MIN_SECONDS = -62167219200;
const MAX_SECONDS = 253402300799;

/**
 * metav1.Time: {seconds=1, nanos=2}. An empty message is the zero time, which Go renders as null and newer
 * releases omit entirely; `undefined` here means "omit". Nanos are dropped: JSON Time has second precision.
 */
export function decodeTime(r: WireReader, start: number, end: number): string | undefined {
  let seconds = 0;
  let empty = true;
  for (const sub = new WireReader(r.buf, start, end); !sub.done(); ) {
    const { field, wire } = sub.tag();
    empty = false;
    if (field === 1) seconds = readInt(sub, wire, 64, 'Time.seconds');
    else sub.skip(wire);
  }
  if (empty || seconds === GO_ZERO_SECONDS) return undefined;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw malformed(`Time ${seconds} is outside the years 0 to 9999`);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The shape check Go's ParseQuantity reports first; finer validation is the schema's job. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** resource.Quantity: {string=1}. Absent means Go's zero Quantity, which prints as "0". */
export function decodeQuantity(r: WireReader, start: number, end: number): string {
  let value = '0';
  for (const sub = new WireReader(r.buf, start, end); !sub.done(); ) {
    const { field, wire } = sub.tag();
    if (field === 1) {
      value = readString(sub, wire, 'Quantity.string');
      if (!QUANTITY.test(value)) throw malformed(`quantities must match the regular expression '${QUANTITY.source}'`);
    } else sub.skip(wire);
  }
  return value;
}

/** intstr.IntOrString: {type=1 (0 int, 1 string), intVal=2, strVal=3}, rendered as the bare number or string. */
export function decodeIntOrString(r: WireReader, start: number, end: number): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const sub = new WireReader(r.buf, start, end); !sub.done(); ) {
    const { field, wire } = sub.tag();
    if (field === 1) type = readInt(sub, wire, 64, 'IntOrString.type');
    else if (field === 2) intVal = readInt(sub, wire, 32, 'IntOrString.intVal');
    else if (field === 3) strVal = readString(sub, wire, 'IntOrString.strVal');
    else sub.skip(wire);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw malformed(`impossible IntOrString type ${type}`);
}
