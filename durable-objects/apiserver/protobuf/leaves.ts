// apimachinery types that travel as small messages but render as JSON scalars: Time, Quantity, IntOrString.
import { malformed, wrongWire } from './malformed.ts';
import { WireReader, WIRE_BYTES, WIRE_VARINT } from './reader.ts';

/** Go's zero time.Time (0001-01-01T00:00:00Z) as Unix seconds. */
const GO_ZERO_SECONDS = -62135596800;
/** encoding/json refuses years outside [0, 9999]; so do we. */
const MIN_SECONDS = -62167219200;
const MAX_SECONDS = 253402300799;

/**
 * metav1.Time: {seconds=1, nanos=2}. An empty message is the zero time, which Go renders as null and newer
 * releases omit entirely; `undefined` here means "omit". Nanos are dropped: JSON Time has second precision.
 */
export function decodeTime(buf: Uint8Array, start: number, end: number): string | undefined {
  let seconds = 0;
  let empty = true;
  for (const r = new WireReader(buf, start, end); !r.done(); ) {
    const { field, wire } = r.tag();
    empty = false;
    if (field === 1) {
      if (wire !== WIRE_VARINT) throw wrongWire(wire, 'Time.seconds');
      seconds = r.int(64);
    } else r.skip(wire);
  }
  if (empty || seconds === GO_ZERO_SECONDS) return undefined;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw malformed(`Time ${seconds} is outside the years 0 to 9999`);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The shape check Go's ParseQuantity reports first; finer validation is the schema's job. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** resource.Quantity: {string=1}. Absent means Go's zero Quantity, which prints as "0". */
export function decodeQuantity(buf: Uint8Array, start: number, end: number): string {
  let value = '0';
  for (const r = new WireReader(buf, start, end); !r.done(); ) {
    const { field, wire } = r.tag();
    if (field === 1) {
      if (wire !== WIRE_BYTES) throw wrongWire(wire, 'Quantity.string');
      value = r.text();
      if (!QUANTITY.test(value)) throw malformed(`quantities must match the regular expression '${QUANTITY.source}'`);
    } else r.skip(wire);
  }
  return value;
}

/** intstr.IntOrString: {type=1 (0 int, 1 string), intVal=2, strVal=3}, rendered as the bare number or string. */
export function decodeIntOrString(buf: Uint8Array, start: number, end: number): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const r = new WireReader(buf, start, end); !r.done(); ) {
    const { field, wire } = r.tag();
    if (field === 1 || field === 2) {
      if (wire !== WIRE_VARINT) throw wrongWire(wire, field === 1 ? 'IntOrString.type' : 'IntOrString.intVal');
      if (field === 1) type = r.int(64);
      else intVal = r.int(32);
    } else if (field === 3) {
      if (wire !== WIRE_BYTES) throw wrongWire(wire, 'IntOrString.strVal');
      strVal = r.text();
    } else r.skip(wire);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw malformed(`impossible IntOrString type ${type}`);
}
