// Decodes kubectl's protobuf request bodies into the plain JSON object a JSON client would have sent.
import { ApiError } from '../errors.ts';
import { decodeMessage } from './decode-message.ts';
import { readEnvelope } from './envelope.ts';
import { descriptorFor } from './kinds.ts';
import { malformed } from './malformed.ts';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/**
 * `k8s\0` + runtime.Unknown → `{kind, apiVersion, ...fields}`. Only the kinds kubectl's typed generators
 * send are known; anything else, and any malformed byte, is a BadRequest.
 */
export function decodeProtobuf(bytes: Uint8Array): Record<string, unknown> {
  const env = readEnvelope(bytes);
  if (!env.kind) throw malformed("Object 'Kind' is missing");
  if (!env.apiVersion) throw malformed("Object 'apiVersion' is missing");
  const desc = descriptorFor(env.apiVersion, env.kind);
  if (!desc) throw new ApiError('BadRequest', `protobuf is not supported for ${env.apiVersion} ${env.kind}; send JSON or YAML`);
  // The envelope is depth 1, so the object starts at 2.
  const fields = decodeMessage(desc, bytes, env.rawStart, env.rawEnd, 2);
  return { kind: env.kind, apiVersion: env.apiVersion, ...fields };
}
