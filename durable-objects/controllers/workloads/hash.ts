// pod-template-hash: a stable 32-bit FNV-1a hash of the pod template (plus the collision count), written in the
// consonant-and-digit alphabet upstream uses so names never spell words: `nginx-deployment-7b5c9f7d8`.
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const encoder = new TextEncoder();

/** JSON with object keys sorted, so equal templates hash alike whatever order their fields arrived in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function fnv1a32(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/** Each character of the decimal hash maps into the safe alphabet, as apimachinery's SafeEncodeString does. */
function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function templateHash(template: unknown, collisionCount?: number): string {
  let h = fnv1a32(encoder.encode(canonical(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(bytes, h);
  }
  return safeEncode(String(h));
}
