// Small helpers every layer uses: structural equality and cloning of JSON values.

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/** A private copy of a JSON value (objects from the store are frozen). */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A writable version of a value built partly from frozen store objects: frozen parts are copied, everything else is
 * kept as is. Much cheaper than a full clone when only a few branches came from the store.
 */
export function thaw<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Object.isFrozen(v)) {
    if (Array.isArray(v)) return v.map(thaw) as T;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = thaw((v as Record<string, unknown>)[k]);
    return out as T;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = thaw(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const c = o[k];
    if (c !== null && typeof c === 'object') o[k] = thaw(c);
  }
  return v;
}
