// The Kubernetes protobuf envelope: the magic `k8s\0` and a runtime.Unknown carrying the type and the object bytes.
import { malformed, wrongWire } from './malformed.ts';
import { WireReader, WIRE_BYTES } from './reader.ts';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** Bounds of the object's own message inside the body (empty when the sender omitted it). */
  rawStart: number;
  rawEnd: number;
}

export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw malformed('the body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const env: Envelope = { apiVersion: '', kind: '', rawStart: 0, rawEnd: 0 };
  let contentEncoding = '';
  for (const r = new WireReader(body, MAGIC.length); !r.done(); ) {
    const { field, wire } = r.tag();
    if (field === 1) readTypeMeta(r, wire, env);
    else if (field === 2) {
      if (wire !== WIRE_BYTES) throw wrongWire(wire, 'Unknown.raw');
      const { start, end } = r.span();
      env.rawStart = start;
      env.rawEnd = end;
    } else if (field === 3) {
      if (wire !== WIRE_BYTES) throw wrongWire(wire, 'Unknown.contentEncoding');
      contentEncoding = r.text();
    } else r.skip(wire); // contentType (4) says protobuf or nothing; either way raw is read as protobuf
  }
  // No Kubernetes client compresses the inner object; refuse rather than misread it.
  if (contentEncoding) throw malformed(`unsupported contentEncoding "${contentEncoding}"`);
  return env;
}

/** runtime.TypeMeta {apiVersion=1, kind=2}; repeated occurrences merge, as protobuf says they must. */
function readTypeMeta(r: WireReader, wire: number, env: Envelope): void {
  if (wire !== WIRE_BYTES) throw wrongWire(wire, 'Unknown.typeMeta');
  const { start, end } = r.span();
  for (const sub = new WireReader(r.buf, start, end); !sub.done(); ) {
    const { field, wire: w } = sub.tag();
    if (field !== 1 && field !== 2) sub.skip(w);
    else if (w !== WIRE_BYTES) throw wrongWire(w, field === 1 ? 'TypeMeta.apiVersion' : 'TypeMeta.kind');
    else if (field === 1) env.apiVersion = sub.text();
    else env.kind = sub.text();
  }
}
