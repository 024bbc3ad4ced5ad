// Kinds without a dedicated describer: name, namespace, labels, annotations, then every other field as nested
// `Smart Label:\tvalue` lines (printUnstructuredContent), then events.
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** `podCIDRs` -> `Pod CID Rs`: Go camelcase splitting, title-cased, with known acronyms upper-cased. */
export function smartLabel(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  const parts: string[] = [];
  let cur = '';
  const kind = (c: string) => (/\p{Lu}/u.test(c) ? 'U' : /\p{Ll}/u.test(c) ? 'L' : /\p{N}/u.test(c) ? 'N' : 'O');
  let last = '';
  for (const c of field) {
    const k = kind(c);
    if (cur && k !== last) {
      parts.push(cur);
      cur = '';
    }
    cur += c;
    last = k;
  }
  if (cur) parts.push(cur);
  // Upper followed by lower belongs together: "HTTPServer" -> "HTTP", "Server".
  for (let i = 0; i < parts.length - 1; i++) {
    if (kind(parts[i]![0]!) === 'U' && kind(parts[i + 1]![0]!) === 'L') {
      const u = parts[i]!;
      parts[i + 1] = u.slice(-1) + parts[i + 1];
      parts[i] = u.slice(0, -1);
    }
  }
  return parts
    .filter((p) => p && p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join(' ');
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

export const describeGeneric: Describer = async (ctx, s, namespace, name) => {
  const obj = (await ctx.client.get(s, namespace, name)) as Obj;
  const events = await searchEvents(ctx, { name, namespace, kind: obj.kind, uid: obj.metadata.uid });
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  printContent(w, 0, obj, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(w, events, ctx.now());
  return w.toString();
};
