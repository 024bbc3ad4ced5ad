// `-o jsonpath=...` with client-go's template language: text and `{...}` actions with fields, `[n]`, slices, `[*]`,
// `..` recursive descent, unions, `[?(@.a=="b")]` filters, quoted literals and `{range ...}{end}`. Missing keys
// print nothing, as kubectl's default --allow-missing-template-keys does.
import { toCompactJson } from './json.ts';

type Node =
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'array'; start?: number; end?: number; derivedEnd: boolean; step?: number }
  | { t: 'union'; lists: Node[][] }
  | { t: 'filter'; left: Node[]; right: Node[]; op: string }
  | { t: 'literal'; value: number | boolean }
  | { t: 'ident'; name: string };

/** A template: plain text between actions, each action a list of nodes. */
type Part = { t: 'text'; text: string } | { t: 'action'; nodes: Node[] };

export class JsonPathError extends Error {}

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const isAlnum = (c: string | undefined) => c !== undefined && (c === '_' || /[\p{L}\p{N}]/u.test(c));

class Parser {
  pos = 0;
  constructor(readonly input: string) {}

  template(): Part[] {
    const parts: Part[] = [];
    let start = 0;
    while (this.pos < this.input.length) {
      if (this.input[this.pos] === '{') {
        if (this.pos > start) parts.push({ t: 'text', text: this.input.slice(start, this.pos) });
        this.pos++;
        parts.push({ t: 'action', nodes: this.action('}') });
        start = this.pos;
      } else this.pos++;
    }
    if (this.pos > start) parts.push({ t: 'text', text: this.input.slice(start) });
    return parts;
  }

  /** Nodes until `close` (consumed); `close` undefined parses to the end of the input. */
  action(close: string | undefined): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (close !== undefined && rest.startsWith(close)) {
        this.pos += close.length;
        return nodes;
      }
      if (rest.startsWith('[?(')) {
        nodes.push(this.filter());
        continue;
      }
      if (rest.startsWith('..')) {
        if (nodes[nodes.length - 1]?.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        nodes.push({ t: 'recursive' });
        if (isAlnum(this.input[this.pos])) nodes.push(this.field());
        continue;
      }
      const c = this.input[this.pos];
      if (c === undefined) {
        if (close === undefined) return nodes;
        throw new JsonPathError('unclosed action');
      }
      if (c === '\n' || c === '\r') throw new JsonPathError('unclosed action');
      if (c === ' ' || c === '@' || c === '$') this.pos++;
      else if (c === '[') nodes.push(this.array());
      else if (c === '"' || c === "'") nodes.push(this.quote(c));
      else if (c === '.') {
        this.pos++;
        nodes.push(this.field());
      } else if (c === '+' || c === '-' || /\d/.test(c)) nodes.push(this.number());
      else if (isAlnum(c)) nodes.push(this.identifier());
      else throw new JsonPathError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    }
  }

  field(): Node {
    let name = '';
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (c === '\\') {
        name += this.input[this.pos + 1] ?? '';
        this.pos += 2;
        continue;
      }
      if (TERMINATORS.has(c)) break;
      name += c;
      this.pos++;
    }
    return name === '*' ? { t: 'wildcard' } : { t: 'field', name };
  }

  identifier(): Node {
    let name = '';
    while (this.pos < this.input.length && !TERMINATORS.has(this.input[this.pos]!)) name += this.input[this.pos++];
    if (name === 'true' || name === 'false') return { t: 'literal', value: name === 'true' };
    return { t: 'ident', name };
  }

  number(): Node {
    let s = '';
    if (this.input[this.pos] === '+' || this.input[this.pos] === '-') s += this.input[this.pos++];
    while (this.pos < this.input.length && /[\d.]/.test(this.input[this.pos]!)) s += this.input[this.pos++];
    const n = Number(s);
    if (Number.isNaN(n)) throw new JsonPathError(`cannot parse number ${s}`);
    return { t: 'literal', value: n };
  }

  quote(q: string): Node {
    let j = this.pos + 1;
    for (; j < this.input.length; j++) {
      if (this.input[j] === '\n') break;
      if (this.input[j] === q && this.input[j - 1] !== '\\') break;
    }
    if (j >= this.input.length || this.input[j] !== q) throw new JsonPathError('unterminated quoted string');
    const raw = this.input.slice(this.pos + 1, j);
    this.pos = j + 1;
    return { t: 'text', text: unquote(raw) };
  }

  array(): Node {
    const end = this.input.indexOf(']', this.pos);
    if (end < 0) throw new JsonPathError('unterminated array');
    let text = this.input.slice(this.pos + 1, end);
    this.pos = end + 1;
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) return { t: 'union', lists: parts.map((p) => new Parser(`[${p.trim()}]`).action(undefined)) };
    const dict = text.match(/^'([^']*)'$/);
    if (dict) return { t: 'field', name: dict[1]! };
    const m = text.match(/^(-?\d*)(:-?\d*)?(:-?\d*)?$/);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
    const start = num(m[1]);
    if (m[2] === undefined) return { t: 'array', start, end: (start ?? 0) + 1, derivedEnd: true };
    return { t: 'array', start, end: num(m[2].slice(1)), derivedEnd: false, step: num(m[3]?.slice(1)) };
  }

  filter(): Node {
    this.pos += 3;
    const begin = this.pos;
    let quote = '';
    for (;;) {
      const c = this.input[this.pos];
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated filter');
      this.pos++;
      if ((c === '"' || c === "'") && this.input[this.pos - 2] !== '\\') {
        if (!quote) quote = c;
        else if (c === quote) quote = '';
      } else if (c === ')' && !quote) break;
    }
    if (this.input[this.pos] !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.input.slice(begin, this.pos - 1);
    this.pos++;
    const m = text.match(/^([^!<>=]+)([!<>=]+)(.+?)$/);
    if (!m) return { t: 'filter', left: new Parser(text).action(undefined), right: [], op: 'exists' };
    return { t: 'filter', left: new Parser(m[1]!).action(undefined), right: new Parser(m[3]!).action(undefined), op: m[2]! };
  }
}

function unquote(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (e[0] === 'u' || e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return map[e] ?? e;
  });
}

type Value = unknown;

function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  }
  // A string's elements are bytes (not strings), so recursive descent stops there, as with Go's reflection.
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

function compare(a: Value, b: Value, op: string): boolean {
  const kind = (x: Value) => (typeof x === 'number' ? 'number' : typeof x === 'string' ? 'string' : typeof x === 'boolean' ? 'bool' : 'other');
  if (kind(a) !== kind(b) || kind(a) === 'other') throw new JsonPathError('incompatible types for comparison');
  if (kind(a) === 'bool' && op !== '==' && op !== '!=') throw new JsonPathError('invalid type for comparison');
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

function walk(values: Value[], nodes: Node[]): Value[] {
  let cur = values;
  for (const n of nodes) cur = step(cur, n);
  return cur;
}

function step(input: Value[], n: Node): Value[] {
  switch (n.t) {
    case 'text':
      return [n.text];
    case 'literal':
      return input.map(() => n.value);
    case 'ident':
      throw new JsonPathError(`unrecognized identifier ${n.name}`);
    case 'field':
      return input.flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && n.name in (v as object) ? [(v as Record<string, unknown>)[n.name]] : []));
    case 'wildcard':
      return input.flatMap(children);
    case 'recursive': {
      const out: Value[] = [];
      const visit = (v: Value) => {
        const kids = children(v);
        if (!kids.length) return;
        out.push(v);
        for (const k of kids) visit(k);
      };
      for (const v of input) visit(v);
      return out;
    }
    case 'union':
      return n.lists.flatMap((l) => walk(input, l));
    case 'array': {
      const out: Value[] = [];
      for (const v of input) {
        if (v === null || v === undefined) continue;
        if (!Array.isArray(v)) throw new JsonPathError(`${describeType(v)} is not array or slice`);
        const len = v.length;
        let start = n.start ?? 0;
        if (start < 0) start += len;
        let end = n.end ?? len;
        if (end < 0 || (end === 0 && n.derivedEnd)) end += len;
        if (end === start) continue;
        if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
        if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
        if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
        const stepBy = n.step ?? 1;
        if (stepBy <= 0) throw new JsonPathError('step must be > 0');
        for (let i = start; i < end; i += stepBy) out.push(v[i]);
      }
      return out;
    }
    case 'filter': {
      const out: Value[] = [];
      for (const v of input) {
        if (!Array.isArray(v)) throw new JsonPathError(`${describeType(v)} is not array or slice and cannot be filtered`);
        for (const item of v) {
          const lefts = walk([item], n.left);
          if (n.op === 'exists') {
            if (lefts.length) out.push(item);
            continue;
          }
          if (!lefts.length) continue;
          if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
          const rights = walk([item], n.right);
          if (!rights.length) continue;
          if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
          if (compare(lefts[0], rights[0], n.op)) out.push(item);
        }
      }
      return out;
    }
    default: {
      const never: never = n;
      throw new JsonPathError(`unexpected node ${JSON.stringify(never)}`);
    }
  }
}

function describeType(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

function text(v: Value): string {
  if (v === null || v === undefined) return v === null ? 'null' : '';
  if (typeof v === 'object') return toCompactJson(v);
  return String(v);
}

/** Runs parts against data; `range` repeats the parts up to its `end` once per value. */
function execute(parts: Part[], data: Value, out: string[]): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.t === 'text') {
      out.push(p.text);
      continue;
    }
    const head = p.nodes[0];
    if (head?.t === 'ident' && head.name === 'range') {
      let depth = 1;
      let j = i + 1;
      for (; j < parts.length; j++) {
        const q = parts[j]!;
        const h = q.t === 'action' ? q.nodes[0] : undefined;
        if (h?.t === 'ident' && h.name === 'range') depth++;
        if (h?.t === 'ident' && h.name === 'end' && --depth === 0) break;
      }
      const body = parts.slice(i + 1, j);
      for (const v of walk([data], p.nodes.slice(1))) execute(body, v, out);
      i = j;
      continue;
    }
    if (head?.t === 'ident' && head.name === 'end') throw new JsonPathError('not in range, nothing to end');
    out.push(walk([data], p.nodes).map(text).join(' '));
  }
}

export function parseJsonPath(template: string): Part[] {
  return new Parser(template).template();
}

/** Evaluates a template against one object (or a List); throws JsonPathError on bad templates or data. */
export function evalJsonPath(template: string, data: unknown): string {
  const parts = parseJsonPath(template);
  const out: string[] = [];
  execute(parts, data, out);
  return out.join('');
}

/** Every value the actions of a template select, unprinted (custom-columns, --sort-by). */
export function selectAll(template: string, data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const p of parseJsonPath(template)) if (p.t === 'action') out.push(...walk([data], p.nodes));
  return out;
}
