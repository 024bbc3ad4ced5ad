// Bounds-checked protobuf wire reader: every length is checked against its enclosing message before use.
import { malformed } from './malformed.ts';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** Highest field number protobuf allows (2^29 - 1). */
const MAX_FIELD_NUMBER = 0x1fffffff;

const utf8 = new TextDecoder('utf-8');

export class WireReader {
  readonly buf: Uint8Array;
  private readonly end: number;
  private pos: number;

  /** Reads `buf[start, end)`; sub-readers share the buffer, so nested messages are never copied. */
  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.end = end;
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A field key. Field 0 and numbers over the protobuf maximum are errors in every protobuf runtime. */
  tag(): { field: number; wire: number } {
    const key = this.smallVarint('field tag');
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field < 1 || field > MAX_FIELD_NUMBER) throw malformed(`illegal field number ${field} (wire type ${wire})`);
    return { field, wire };
  }

  /**
   * An int32/int64 varint as a JS number, assembled from two 32-bit halves so negative values (always ten
   * bytes of two's complement) fold back without BigInt. Bits past the 64th are dropped, as Go's decoder does.
   */
  int(bits: 32 | 64): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      const v = b & 0x7f;
      if (i < 4) lo |= v << (7 * i);
      else if (i === 4) {
        lo |= v << 28;
        hi = v >> 4;
      } else hi |= v << (7 * i - 32);
      if (b < 0x80) return bits === 32 ? lo | 0 : (hi | 0) * 0x100000000 + (lo >>> 0);
    }
    throw malformed('integer overflow in varint');
  }

  bool(): boolean {
    return this.int(64) !== 0;
  }

  /** Go's []byte → string conversion never fails; invalid UTF-8 becomes U+FFFD once JSON-encoded, as here. */
  text(): string {
    const { start, end } = this.span();
    return utf8.decode(this.buf.subarray(start, end));
  }

  /** A length-delimited payload's bounds, checked against what is left of this message. */
  span(): { start: number; end: number } {
    const len = this.smallVarint('length');
    if (len > this.end - this.pos) throw malformed(`length ${len} exceeds the remaining ${this.end - this.pos} bytes`);
    const start = this.pos;
    this.pos += len;
    return { start, end: this.pos };
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        for (let i = 0; i < 10; i++) if (this.byte() < 0x80) return;
        throw malformed('integer overflow in varint');
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.span();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        // Groups (3, 4) are deprecated and never produced by Kubernetes; 6 and 7 do not exist.
        throw malformed(`unsupported wire type ${wire}`);
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw malformed('unexpected end of data');
    this.pos += n;
  }

  private byte(): number {
    if (this.pos >= this.end) throw malformed('unexpected end of data');
    return this.buf[this.pos++]!;
  }

  /** Tags and lengths in plain number arithmetic: five bytes cover every legal tag, and any longer length could not fit the body. */
  private smallVarint(what: string): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw malformed(`${what} varint is too long`);
  }
}
