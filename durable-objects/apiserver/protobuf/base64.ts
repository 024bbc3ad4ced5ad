// Standard padded base64, as Go's encoding/json renders []byte; no runtime-specific globals needed.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(buf: Uint8Array, start = 0, end = buf.length): string {
  const parts: string[] = [];
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (buf[i]! << 16) | (buf[i + 1]! << 8) | buf[i + 2]!;
    parts.push(ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!);
  }
  const rest = end - i;
  if (rest === 1) {
    const n = buf[i]! << 16;
    parts.push(ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==');
  } else if (rest === 2) {
    const n = (buf[i]! << 16) | (buf[i + 1]! << 8);
    parts.push(ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=');
  }
  return parts.join('');
}
