// `-o json` as kubectl writes it: Go's json.MarshalIndent of an unstructured object (keys sorted, four spaces,
// `<`, `>` and `&` escaped the way Go escapes them for HTML safety).

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

/** Go's encoder escapes these even inside strings; JSON.stringify does not. */
function goEscape(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function toJson(value: unknown): string {
  return `${goEscape(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/** Compact JSON, as jsonpath prints maps and lists. */
export function toCompactJson(value: unknown): string {
  return goEscape(JSON.stringify(sortKeys(value)));
}
