// One constructor for every decoding failure, so untrusted bytes can only ever produce a 400.
import { ApiError } from '../errors.ts';

export function malformed(why: string): ApiError {
  return new ApiError('BadRequest', `error decoding protobuf body: ${why}`);
}

/** Callers build `what` only on the failure path: field labels are not free on large bodies. */
export function wrongWire(wire: number, what: string): ApiError {
  return malformed(`wrong wire type ${wire} for ${what}`);
}
