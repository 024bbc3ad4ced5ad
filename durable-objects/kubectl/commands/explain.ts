// `kubectl explain RESOURCE[.field...]`: field documentation from the server's OpenAPI v3 documents, laid out as
// kubectl's plaintext explain template does (descriptions wrapped at 76-78 columns by words).
import { flag, type Command, type Ctx } from '../context.ts';
import { CommandError, fail, usageError } from '../errors.ts';
import { resolveType } from '../resources.ts';

type Schema = Record<string, any>;

/** go-wordwrap's WrapString: breaks at spaces only, a word longer than the limit stays whole. */
export function wrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (!word) {
        if (current + space.length > lim) current = 0;
        else out += space;
      } else out += space + word;
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (!space || word) {
        current += space.length + [...word].length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wl = [...word].length;
      if (current + wl + space.length > lim && wl < lim) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word) {
    if (current + space.length <= lim) out += space;
  } else out += space + word;
  return out;
}

function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** Go template truthiness of a decoded JSON value. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

const mapValue = (v: unknown): Schema | undefined => (truthy(v) && typeof v === 'object' ? (v as Schema) : undefined);

class Explainer {
  constructor(
    private readonly doc: Schema,
    private readonly recursive: boolean,
  ) {}

  resolve(ref: unknown): Schema | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    let cur: unknown = this.doc;
    for (const k of ref.slice(1).split('/')) {
      if (!k) continue;
      cur = (cur as Schema | undefined)?.[k];
    }
    return cur && typeof cur === 'object' ? (cur as Schema) : undefined;
  }

  typeGuess(s: Schema): string {
    if (truthy(s.items)) return `[]${this.typeGuess(s.items)}`;
    const extra = mapValue(s.additionalProperties);
    if (extra) return `map[string]${this.typeGuess(extra)}`;
    if (truthy(s.allOf) && !truthy(s.properties) && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (s.$ref) {
      const ref = this.resolve(s.$ref);
      if (!ref || !ref.type || ref.type === 'object') return String(s.$ref).split('/').pop()!.split('.').pop() || 'Object';
      return ref.type || 'Object';
    }
    return s.type === 'object' ? 'Object' : s.type || 'Object';
  }

  enumText(s: Schema, long: boolean, limit: number, indentAmount = 0): string {
    if (!truthy(s.enum)) return '';
    let out = long ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
    for (let i = 0; i < s.enum.length; i++) {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0 && !long) out += ', ';
      else if (long) out += '\n    ';
      const e = s.enum[i];
      out += e === '' ? '""' : String(e);
    }
    return out;
  }

  description(s: Schema): string {
    const r = this.resolve(s.$ref) ?? s;
    let out = r.description ? `${r.description}\n` : '';
    for (const sub of r.allOf ?? []) out += this.description(sub);
    if (truthy(r.items)) out += this.description(r.items);
    const extra = mapValue(r.additionalProperties);
    if (extra) out += this.description(extra);
    return out;
  }

  fieldDetail(name: string, parent: Schema, level: number): string {
    const indentAmount = level * 2;
    const field = parent.properties[name] as Schema;
    let out = `${indent(indentAmount, name)}\t<${this.typeGuess(field)}>`;
    if ((parent.required ?? []).includes(name)) out += ' -required-';
    out += this.enumText(field, false, 4, indentAmount);
    out += '\n';
    if (!this.recursive) out += `${indent(indentAmount + 2, wrap(field.description || '<no description>', 78 - indentAmount))}\n\n`;
    return out;
  }

  fieldList(s: Schema, level: number, history: Set<string>): string {
    const ref = typeof s.$ref === 'string' ? s.$ref : '';
    if (ref && history.has(ref)) return '';
    const next = new Set(history).add(ref);
    const r = this.resolve(ref) ?? s;
    let out = '';
    for (const k of Object.keys(r.properties ?? {}).sort()) {
      out += this.fieldDetail(k, r, level);
      if (this.recursive) out += this.fieldList(r.properties[k], level + 1, next);
    }
    for (const sub of r.allOf ?? []) out += this.fieldList(sub, level, next);
    if (truthy(r.items)) out += this.fieldList(r.items, level, next);
    const extra = mapValue(r.additionalProperties);
    if (extra) out += this.fieldList(extra, level, next);
    return out;
  }

  output(s: Schema, path: string[], history: Set<string>): string {
    const ref = typeof s.$ref === 'string' ? s.$ref : '';
    const next = new Set(history).add(ref);
    const r = this.resolve(ref) ?? s;
    if (!path.length) {
      let out = `DESCRIPTION:\n${indent(4, wrap(this.description(r) || '<empty>', 76))}\n`;
      const fields = this.fieldList(r, 1, new Set());
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (ref && history.has(ref)) return '';
    const sub = r.properties?.[path[0]!] as Schema | undefined;
    if (truthy(r.properties) && sub) {
      let out = '';
      if (path.length === 1) out += `FIELD: ${path[0]} <${this.typeGuess(sub)}>\n${this.enumText(sub, true, -1)}\n\n`;
      return out + this.output(sub, path.slice(1), new Set());
    }
    if (truthy(r.items)) return this.output(r.items, path, next);
    const extra = mapValue(r.additionalProperties);
    if (extra) return this.output(extra, path, next);
    for (const alt of r.allOf ?? []) {
      const out = this.output(alt, path, next);
      if (out) return out;
    }
    return '';
  }
}

async function documentFor(ctx: Ctx, group: string, version: string): Promise<Schema> {
  const index = await ctx.client.request<{ paths: Record<string, { serverRelativeURL: string }> }>('GET', '/openapi/v3');
  const entry = index.paths[group ? `apis/${group}/${version}` : `api/${version}`];
  if (!entry) throw fail(`couldn't find resource for "${group ? `${group}/` : ''}${version}"`);
  return ctx.client.request<Schema>('GET', entry.serverRelativeURL);
}

export const explain: Command = {
  path: 'explain',
  flags: [flag.bool('recursive'), flag.str('api-version'), flag.str('output', 'o')],
  async run(ctx, p) {
    const arg = p.args[0];
    if (!arg) throw new CommandError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    if (p.args.length > 1) throw usageError('explain', 'We accept only this format: explain RESOURCE');
    const [type, ...path] = arg.split('.');
    let resolved;
    try {
      resolved = resolveType(ctx.registry, p.str('api-version')?.includes('/') ? `${type}.${p.str('api-version')!.split('/')[0]}` : type!);
    } catch (e) {
      // explain reports an unknown type without kubectl's usual "error: " prefix.
      if (e instanceof CommandError) throw new CommandError(e.text.replace(/^error: /, ''));
      throw e;
    }
    for (const w of resolved.warnings) ctx.err(`${w}\n`);
    const s = resolved.strategy;
    const doc = await documentFor(ctx, s.group, s.version);
    const prefix = s.group ? `/apis/${s.group}` : '/api';
    let gvk: Schema | undefined;
    for (const search of [
      `${prefix}/${s.version}/${s.resource}`,
      `${prefix}/${s.version}/${s.resource}/{name}`,
      `${prefix}/${s.version}/namespaces/{namespace}/${s.resource}`,
      `${prefix}/${s.version}/namespaces/{namespace}/${s.resource}/{name}`,
    ]) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) gvk ??= doc.paths?.[search]?.[method]?.['x-kubernetes-group-version-kind'];
      if (gvk) break;
    }
    if (!gvk) throw fail(`GVR (${s.group ? `${s.group}/` : ''}${s.version}, Resource=${s.resource}) not found in OpenAPI schema`);
    const schema = Object.values((doc.components?.schemas ?? {}) as Record<string, Schema>).find((c) =>
      ((c['x-kubernetes-group-version-kind'] ?? []) as Schema[]).some((g) => g.group === gvk!.group && g.kind === gvk!.kind && g.version === gvk!.version && Object.keys(g).length === 3),
    );
    if (!schema) throw fail(`GVK ${JSON.stringify(gvk)} not found in OpenAPI schema`);
    const body = new Explainer(doc, p.bool('recursive')).output(schema, path, new Set());
    // The template streams: the header is out before a missing field stops it.
    ctx.out(`${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`);
    if (!body) throw fail(`field "${path[path.length - 1]}" does not exist`);
    ctx.out(`${body}\n`);
    return 0;
  },
};
