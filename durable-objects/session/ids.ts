// Unguessable identifiers: session ids (128 random bits) and bearer tokens (256 random bits), and how tokens are stored.

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 26 base32 characters = 130 bits of which 128 are random. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(17));
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The view token is derived from the edit token (one-way): whoever holds the edit link can always hand out the view
 * link, while a view token reveals nothing about the edit token.
 */
export async function viewTokenFor(editToken: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`kube-sandbox view:${editToken}`)));
  return btoa(String.fromCharCode(...d)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const SESSION_ID_RE = /^[a-z2-7]{26}$/;
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Only hashes are stored: a leaked database does not leak working credentials. */
export async function hashToken(token: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares without an early exit, so timing does not reveal how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
