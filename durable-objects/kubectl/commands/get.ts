// `kubectl get`: server Tables for people, objects for -o yaml/json/name/jsonpath/custom-columns.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { KubeObject } from '../../types.ts';
import type { ParsedArgs } from '../argv.ts';
import type { Table } from '../client.ts';
import { flag, SELECTOR_FLAGS, type Command, type Ctx } from '../context.ts';
import { CommandError, errorText, fail, ServerError } from '../errors.ts';
import { Quantity } from '../describe/quantity.ts';
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

/** The `{.a.b}` form kubectl turns a --sort-by expression into (RelaxedJSONPathExpression). */
function relaxed(expr: string): string {
  const m = expr.match(/^\{?\.?([^{}]*)\}?$/);
  return m ? `{.${m[1]}}` : expr;
}

/** kubectl's isLess for decoded JSON: numbers by value, quantities as quantities, other strings by bytes. */
function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/.test(a);
    const qb = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/.test(b);
    if (qa && qb) return Quantity.parse(a).nanos < Quantity.parse(b).nanos;
    return a < b;
  }
  return false;
}

/** Sorts by the first value the expression selects; objects without it go first (TableSorter). */
function byField<T>(items: T[], expr: string, pick: (t: T) => unknown): T[] {
  const field = relaxed(expr);
  const keyed = items.map((item) => {
    const found = selectAll(field, pick(item));
    return { item, has: found.length > 0, v: found[0] };
  });
  if (keyed.length && !keyed.some((k) => k.has)) throw fail(`couldn't find any field with path "${field}" in the list of objects`);
  // Insertion sort: stable, like Go's sort for the short lists a sandbox holds.
  for (let i = 1; i < keyed.length; i++) {
    for (let j = i; j > 0; j--) {
      const x = keyed[j]!;
      const y = keyed[j - 1]!;
      const lt = !x.has ? y.has : y.has && less(x.v, y.v);
      if (!lt) break;
      keyed[j] = y;
      keyed[j - 1] = x;
    }
  }
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
          if (sortBy) {
            try {
              table.rows = byField(table.rows, sortBy, (r) => r.object);
            } catch (e) {
              // kubectl's table printer drops its own sorting error and prints nothing for this table.
              if (!(e instanceof CommandError)) throw e;
              table.rows = [];
            }
          }
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
