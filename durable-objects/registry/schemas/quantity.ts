// Parses resource quantities ("500m", "1Gi", 2) the way apiserver does, so bad ones fail with its message and limits can be compared.

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DECIMAL: Record<string, number> = { '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

export type ParsedQuantity = { ok: true; value: number } | { ok: false; error: string };

/** Approximate numeric value (a float is enough to compare requests with limits); `ok: false` carries apiserver's message. */
export function parseQuantity(input: string | number): ParsedQuantity {
  const s = typeof input === 'number' ? String(input) : input;
  const m = SHAPE.exec(s);
  if (!m || (m[2] === '' && m[3] === undefined)) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const [, sign, whole, frac, suffix = ''] = m;
  let factor: number | undefined = DECIMAL[suffix] ?? BINARY[suffix];
  if (factor === undefined) {
    const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (!exp) return { ok: false, error: QUANTITY_SUFFIX_ERROR };
    factor = 10 ** Number(exp[1]);
  }
  const magnitude = Number(`${whole || '0'}.${frac || '0'}`) * factor;
  return { ok: true, value: sign === '-' ? -magnitude : magnitude };
}

/** The quantity as written, for messages ("must be less than or equal to cpu limit of 1"). */
export function quantityText(q: string | number): string {
  return typeof q === 'number' ? String(q) : q;
}
