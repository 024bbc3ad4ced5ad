// Finds the editor line a server error points at: a field path (spec.template.spec.containers[0].image) in the
// document of a given kind and name, read with an indentation walk good enough for block-style manifests.

export type Seg = string | number;

export function parsePath(path: string): Seg[] {
  const out: Seg[] = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  return out;
}

interface Doc {
  start: number;
  /** path key -> 1-based line */
  lines: Map<string, number>;
  kind?: string;
  name?: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?)\s*:(?:\s+(.*))?$/;

function unquote(s: string): string {
  return s.startsWith('"') || s.startsWith("'") ? s.slice(1, -1) : s;
}

/** Every key and list item of every document, by its path. */
export function index(text: string): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = { start: 1, lines: new Map() };
  let stack: Array<{ col: number; seg: Seg; item: boolean }> = [];
  let blockCol = -1;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (/^---(\s|$)/.test(raw)) {
      docs.push(doc);
      doc = { start: n + 1, lines: new Map() };
      stack = [];
      blockCol = -1;
      return;
    }
    const body = raw.replace(/\s+$/, '');
    let col = body.length - body.trimStart().length;
    if (blockCol >= 0) {
      if (!body.trim() || col > blockCol) return;
      blockCol = -1;
    }
    let rest = body.slice(col);
    if (!rest || rest.startsWith('#')) return;
    while (rest === '-' || rest.startsWith('- ')) {
      let prev = -1;
      while (stack.length && (stack.at(-1)!.col > col || (stack.at(-1)!.item && stack.at(-1)!.col === col))) {
        const f = stack.pop()!;
        if (f.item && f.col === col) prev = f.seg as number;
      }
      stack.push({ col, seg: prev + 1, item: true });
      doc.lines.set(key(stack), n);
      const after = rest.slice(1);
      const inner = after.length - after.trimStart().length;
      col += 1 + inner;
      rest = after.trimStart();
      if (!rest) return;
    }
    const m = KEY.exec(rest);
    if (!m) return;
    while (stack.length && stack.at(-1)!.col >= col) stack.pop();
    const k = unquote(m[1]!);
    stack.push({ col, seg: k, item: false });
    const path = key(stack);
    doc.lines.set(path, n);
    const value = (m[2] ?? '').replace(/\s+#.*$/, '');
    if (/^[|>]/.test(value)) blockCol = col;
    if (path === 'kind') doc.kind = unquote(value);
    if (path === 'metadata.name') doc.name = unquote(value);
  });
  docs.push(doc);
  return docs;
}

function key(stack: Array<{ seg: Seg }>): string {
  return stack.map((f) => (typeof f.seg === 'number' ? `[${f.seg}]` : `.${f.seg}`)).join('').replace(/^\./, '');
}

/** The line of `field` (or of its deepest ancestor present), in the document of that kind and name when given. */
export function locate(text: string, field: string, where: { kind?: string; name?: string } = {}): number | undefined {
  const docs = index(text);
  const pick = docs.filter((d) => (!where.kind || d.kind === where.kind) && (!where.name || d.name === where.name));
  const segs = parsePath(field);
  for (let len = segs.length; len > 0; len--) {
    const p = segs.slice(0, len).map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
    for (const d of pick.length ? pick : docs) {
      const line = d.lines.get(p);
      if (line !== undefined) return line;
    }
  }
  return pick[0]?.start;
}
