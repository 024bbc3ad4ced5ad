// `kubectl get`: server Tables for people, objects for -o yaml/json/name/jsonpath/custom-columns.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { KubeObject } from '../../types.ts';
import type { ParsedArgs } from '../argv.ts';
import type { Table } from '../client.ts';
import { flag, SELECTOR_FLAGS, type Command, type Ctx } from '../context.ts';
import { CommandError, errorText, fail, ServerError } from '../errors.ts';
import { selectAll } from '../output/jsonpath.ts';
import { parseOutput, printObjects } from '../output/printers.ts';
import { TablePrinter } from '../output/table.ts';
import { parseTargets, type Target } from '../resources.ts';

const GET_USAGE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

/** One answer of the builder: a Table (people) or objects (everything else), or an error to report. */
interface Info {
  strategy: ResourceStrategy;
  table?: Table;
  objects?: KubeObject[];
}

function sortValue(v: unknown): [number, number | string] {
  if (v === undefined || v === null) return [0, ''];
  if (typeof v === 'number') return [1, v];
  if (typeof v === 'boolean') return [1, v ? 1 : 0];
  return [2, typeof v === 'string' ? v : JSON.stringify(v)];
}

function byField<T>(items: T[], expr: string, pick: (t: T) => unknown): T[] {
  const keyed = items.map((item, i) => ({ item, i, k: sortValue(selectAll(expr.startsWith('{') ? expr : `{${expr.startsWith('.') ? '' : '.'}${expr}}`, pick(item))[0]) }));
  keyed.sort((a, b) => (a.k[0] !== b.k[0] ? a.k[0] - b.k[0] : a.k[1] < b.k[1] ? -1 : a.k[1] > b.k[1] ? 1 : a.i - b.i));
  return keyed.map((k) => k.item);
}

async function fetchInfos(ctx: Ctx, targets: Target[], ns: string | undefined, p: ParsedArgs, asTable: boolean, errors: string[]): Promise<Info[]> {
  const sel = { labelSelector: p.str('selector'), fieldSelector: p.str('field-selector') };
  const sortBy = p.str('sort-by');
  const infos: Info[] = [];
  for (const t of targets) {
    const s = t.strategy;
    const names = t.names ?? [undefined];
    for (const name of names) {
      try {
        if (asTable) {
          const table = await ctx.client.table(s, s.namespaced ? ns : undefined, name, name ? {} : sel, sortBy ? 'Object' : undefined);
          if (sortBy) table.rows = byField(table.rows, sortBy, (r) => r.object);
          infos.push({ strategy: s, table });
        } else if (name) {
          infos.push({ strategy: s, objects: [await ctx.client.get(s, s.namespaced ? ns : undefined, name)] });
        } else {
          const list = await ctx.client.list(s, s.namespaced ? ns : undefined, sel);
          const items = list.items.map((o) => ({ ...o, apiVersion: o.apiVersion ?? (s.group ? `${s.group}/${s.version}` : s.version), kind: o.kind ?? s.kind }));
          infos.push({ strategy: s, objects: sortBy ? byField(items, sortBy, (o) => o) : items });
        }
      } catch (e) {
        if (e instanceof ServerError && e.code === 404 && p.bool('ignore-not-found')) continue;
        if (!(e instanceof ServerError)) throw e;
        const text = errorText(e);
        if (!errors.includes(text)) errors.push(text);
      }
    }
  }
  return infos;
}

export const get: Command = {
  path: 'get',
  flags: [
    ...SELECTOR_FLAGS,
    flag.str('output', 'o'),
    flag.bool('show-labels'),
    flag.strs('label-columns', 'L'),
    flag.bool('no-headers'),
    flag.bool('watch', 'w'),
    flag.bool('watch-only'),
    flag.str('sort-by'),
    flag.bool('ignore-not-found'),
    flag.bool('show-kind'),
    flag.int('chunk-size'),
    flag.bool('show-managed-fields'),
    flag.bool('server-print'),
    flag.str('allow-missing-template-keys'),
  ],
  async run(ctx, p) {
    if (!p.args.length) throw new CommandError(GET_USAGE);
    if (p.bool('watch') || p.bool('watch-only')) throw fail('watch (-w) is not supported in the command box: run the command again to see the latest state');
    const fmt = parseOutput(p.str('output'));
    const all = p.bool('all-namespaces');
    const { targets, warnings } = parseTargets(ctx.registry, p.args, { allowEmptyNames: true });
    for (const w of warnings) ctx.err(`${w}\n`);
    const named = targets.some((t) => t.names);
    if (all && named) throw fail('a resource cannot be retrieved by name across all namespaces');
    const ns = all ? undefined : ctx.namespace;
    const errors: string[] = [];
    const infos = await fetchInfos(ctx, targets, ns, p, fmt.kind === 'table', errors);
    if (fmt.kind === 'table') {
      const kinds = new Set(infos.map((i) => i.strategy));
      const labelColumns = p.list('label-columns').flatMap((l) => l.split(',')).filter(Boolean);
      const printer = new TablePrinter({
        wide: fmt.wide,
        noHeaders: p.bool('no-headers'),
        withNamespace: all,
        withKind: kinds.size > 1 || p.bool('show-kind'),
        showLabels: p.bool('show-labels'),
        labelColumns,
      });
      for (const i of infos) printer.print(i.strategy, i.table!);
      const text = printer.finish();
      ctx.out(text);
      if (!printer.wroteAnything && !errors.length && !p.bool('ignore-not-found')) {
        const namespaced = !all && infos.every((i) => i.strategy.namespaced);
        ctx.err(namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
      }
    } else {
      const objects = infos.flatMap((i) => i.objects ?? []);
      const single = targets.length === 1 && targets[0]!.names?.length === 1 && !errors.length;
      if (objects.length || !(single || errors.length)) ctx.out(printObjects(fmt, objects, single, p.bool('no-headers')));
    }
    for (const e of errors) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
