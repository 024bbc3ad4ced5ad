// One constructor for every decoding failure, so untrusted bytes can only ever produce a 400.
import { ApiError } from '../errors.ts';

export function malformed(why: string): ApiError {
  return new ApiError('BadRequest', `error decoding protobuf body: ${why}`);
}
