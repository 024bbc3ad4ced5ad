// `-o` for objects: yaml, json, name, jsonpath and custom-columns, as kubectl's generic printers produce them
// (managedFields hidden, several objects wrapped into a `kind: List`).
import type { KubeObject } from '../../types.ts';
import { CommandError, fail } from '../errors.ts';
import { escapeTerminal, tableWriter } from '../print.ts';
import { toJson } from './json.ts';
import { evalJsonPath, JsonPathError, parseJsonPath, selectAll } from './jsonpath.ts';
import { toYaml } from './yaml.ts';
import { withoutManagedFields } from './managed-fields.ts';

export { withoutManagedFields };

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; columns: Array<{ header: string; expr: string }> };

const KUBECTL_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses `-o`; `allowed` narrows what a command accepts (most write commands take only yaml, json and name). */
export function parseOutput(o: string | undefined, allowed?: readonly string[]): OutputFormat {
  if (o === undefined || o === '') return { kind: 'table', wide: false };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? '' : o.slice(eq + 1);
  const list = allowed ?? KUBECTL_FORMATS.split(',');
  const refuse = () => fail(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${[...list].sort().join(',')}`);
  if (allowed && !allowed.includes(name)) throw refuse();
  switch (name) {
    case 'wide':
      return { kind: 'table', wide: true };
    case 'yaml':
    case 'json':
    case 'name':
      return { kind: name };
    case 'jsonpath':
      if (!arg) throw fail('template format specified but no template given');
      try {
        parseJsonPath(arg);
      } catch (e) {
        throw fail(`error parsing jsonpath ${arg}, ${(e as Error).message}`);
      }
      return { kind: 'jsonpath', template: arg };
    case 'custom-columns': {
      if (!arg) throw fail('custom-columns format specified but no custom columns given');
      const columns = arg.split(',').map((part) => {
        const i = part.indexOf(':');
        if (i < 0) throw fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
        const m = part.slice(i + 1).match(/^\{?\.?([^{}]+)\}?$/);
        if (!m) throw fail(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
        return { header: part.slice(0, i), expr: `{.${m[1]}}` };
      });
      return { kind: 'custom-columns', columns };
    }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
    case 'jsonpath-file':
    case 'jsonpath-as-json':
    case 'custom-columns-file':
      throw fail(`the output format "${name}" is not supported in this command box; try -o jsonpath=... or -o custom-columns=...`);
    default:
      throw refuse();
  }
}

/** `kind: List` around several objects, as kubectl's printGeneric builds it. */
export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** `deployment.apps/web`: the name printer's form, from an object's own apiVersion and kind. */
export function objectName(obj: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): string {
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const kind = (obj.kind ?? '').toLowerCase();
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata?.name ?? ''}`;
}

/** Go's fmt.Sprint of a decoded JSON value, which custom-columns uses. */
function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goSprint(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Go's %q. */
function goQuote(s: string): string {
  return `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Go's %#v of a decoded JSON value, which kubectl dumps when a jsonpath template fails. */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[string]interface {}{${Object.keys(o)
      .sort()
      .map((k) => `${goQuote(k)}:${goSyntax(o[k])}`)
      .join(', ')}}`;
  }
  return String(v);
}

function jsonpath(template: string, data: unknown): string {
  try {
    return evalJsonPath(template, data);
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    throw new CommandError(
      `error: error executing jsonpath ${goQuote(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
    );
  }
}

/**
 * Prints objects in a non-table format. `single` is kubectl's "single item implied" (one object named by the
 * command): then the object itself is printed, otherwise a List of all of them.
 */
export function printObjects(fmt: Exclude<OutputFormat, { kind: 'table' }>, objects: KubeObject[], single: boolean, noHeaders = false): string {
  const clean = objects.map(withoutManagedFields);
  const data = single && clean.length === 1 ? clean[0] : listOf(clean);
  switch (fmt.kind) {
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data);
    case 'name':
      return clean.map((o) => `${objectName(o)}\n`).join('');
    case 'jsonpath':
      return jsonpath(fmt.template, data);
    case 'custom-columns': {
      const w = tableWriter();
      if (!noHeaders) w.write(`${fmt.columns.map((c) => c.header).join('\t')}\n`);
      for (const o of clean) {
        const cells = fmt.columns.map((c) => {
          let values: unknown[];
          try {
            values = selectAll(c.expr, o);
          } catch (e) {
            if (e instanceof JsonPathError) throw fail(e.message);
            throw e;
          }
          return values.length ? values.map((v) => escapeTerminal(goSprint(v))).join(',') : '<none>';
        });
        w.write(`${cells.join('\t')}\n`);
      }
      return w.toString();
    }
    default: {
      const never: never = fmt;
      throw new Error(`unknown output ${JSON.stringify(never)}`);
    }
  }
}
