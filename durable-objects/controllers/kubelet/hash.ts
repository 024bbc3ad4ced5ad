// Stable hex digests for simulated things that need an ID (image digests, container IDs): same input, same output.

/** 32-bit FNV-1a of a string with a seed. */
export function fnv32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 64 hex characters derived from a string, shaped like a sha256 digest. */
export function hex64(s: string): string {
  let out = '';
  let h = fnv32(s);
  for (let i = 0; i < 8; i++) {
    h = fnv32(`${i}:${s}`, h ^ 0x9e3779b9);
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** murmur3's finaliser: spreads a small change of the input over every bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A fraction in [0, 1) derived from a string (stable sub-second offsets for log timestamps). */
export function unitHash(s: string): number {
  return mix(fnv32(s)) / 2 ** 32;
}
