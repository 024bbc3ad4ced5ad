// `/openapi/v2`: kubectl fetches it (as protobuf only) when it validates a manifest whose kind the v3 documents do not
// name. A 404 there turns a typo in `kind:` into "failed to download openapi"; a real server's document lets kubectl
// skip validation for the unknown kind and report what a user needs: `no matches for kind "Widget"`. The document
// served is the smallest valid one (gnostic's openapi_v2.Document with `swagger` and `info`, no definitions): the
// schemas live in /openapi/v3, generated from the registry.

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

const text = new TextEncoder();

/** A length-delimited protobuf field (wire type 2) with a one-byte length. */
function field(number: number, payload: Uint8Array): Uint8Array {
  if (payload.length > 127) throw new Error('openapi v2 stub: field too long for a one-byte length');
  return new Uint8Array([(number << 3) | 2, payload.length, ...payload]);
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

/** Document{swagger: "2.0" (1), info (2): Info{title (1), version (2)}}. */
export function openapiV2Document(version: string): Uint8Array {
  const info = concat(field(1, text.encode('Kubernetes')), field(2, text.encode(version)));
  return concat(field(1, text.encode('2.0')), field(2, info));
}
