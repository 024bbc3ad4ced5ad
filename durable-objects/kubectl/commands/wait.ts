// `kubectl wait --for=...`: the box cannot wait, so every wait behaves like kubectl's `--timeout=0s` (check once):
// "condition met" when it already holds, "condition not met" otherwise. Run it again to check again.
import type { KubeObject } from '../../types.ts';
import { flag, type Command } from '../context.ts';
import { CommandError, errorText, fail, ServerError } from '../errors.ts';
import { selectAll } from '../output/jsonpath.ts';
import { kindPrefix, parseTargets } from '../resources.ts';
import { finish } from '../targets.ts';

type Obj = KubeObject & Record<string, any>;
type Check = (obj: Obj | undefined) => boolean;

function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    for (const c of (obj?.status?.conditions ?? []) as Obj[]) {
      if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
      const generation = obj!.metadata.generation;
      const observed = c.observedGeneration ?? obj!.status?.observedGeneration;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return c.status.toLowerCase() === value.toLowerCase();
    }
    return false;
  };
}

function jsonPathCheck(input: string): Check {
  const m = input.match(/^(\{.*\}|[^=]+)(?:=(.*))?$/s);
  if (!m || !m[1]) throw fail(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
  const expr = m[1].startsWith('{') ? m[1] : `{${m[1].startsWith('.') ? '' : '.'}${m[1]}}`;
  const want = m[2];
  return (obj) => {
    const found = selectAll(expr, obj);
    if (!found.length) return false;
    if (want === undefined) return true;
    const v = found[0];
    return (typeof v === 'object' ? JSON.stringify(v) : String(v)) === want;
  };
}

/** What `--for` asks; undefined means "gone" (delete), which is met by absence. */
function parseFor(spec: string): { kind: 'delete' | 'create' | 'check'; check?: Check } {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { kind: 'check', check: conditionCheck(eq < 0 ? rest : rest.slice(0, eq), eq < 0 ? 'true' : rest.slice(eq + 1)) };
  }
  if (spec.startsWith('jsonpath=')) return { kind: 'check', check: jsonPathCheck(spec.slice('jsonpath='.length)) };
  throw fail(`unrecognized condition: "${spec}"`);
}

export const wait: Command = {
  path: 'wait',
  flags: [flag.str('for'), flag.str('timeout'), flag.str('selector', 'l'), flag.bool('all'), flag.bool('all-namespaces', 'A'), flag.str('field-selector'), flag.strs('filename', 'f'), flag.str('output', 'o'), flag.bool('local')],
  async run(ctx, p) {
    const mode = parseFor(p.str('for') ?? '');
    if (!p.args.length) throw new CommandError('error: resource(s) were provided, but no name was specified');
    const selecting = p.has('selector') || p.bool('all') || p.has('field-selector');
    const { targets, warnings } = parseTargets(ctx.registry, p.args, { allowEmptyNames: selecting });
    for (const w of warnings) ctx.err(`${w}\n`);
    const errors: string[] = [];
    let visited = 0;
    for (const t of targets) {
      const s = t.strategy;
      const ns = s.namespaced && !p.bool('all-namespaces') ? ctx.namespace : undefined;
      let objs: Array<{ name: string; obj: Obj | undefined }>;
      if (t.names) {
        objs = [];
        for (const name of t.names) {
          try {
            objs.push({ name, obj: (await ctx.client.get(s, ns, name)) as Obj });
          } catch (e) {
            if (!(e instanceof ServerError)) throw e;
            if (e.code === 404 && mode.kind === 'delete') continue;
            errors.push(errorText(e));
          }
        }
      } else {
        const list = await ctx.client.list(s, ns, { labelSelector: p.str('selector'), fieldSelector: p.str('field-selector') });
        objs = list.items.map((o) => ({ name: o.metadata.name!, obj: o as Obj }));
      }
      for (const { name, obj } of objs) {
        visited++;
        const met = mode.kind === 'create' ? !!obj : mode.kind === 'delete' ? !obj : mode.check!(obj);
        if (met) ctx.out(`${kindPrefix(s)}/${name} condition met\n`);
        else errors.push(`error: condition not met for ${s.resource}/${name}`);
      }
    }
    if (!visited && !errors.length && mode.kind !== 'delete') errors.push('error: no matching resources found');
    return finish(ctx, errors);
  },
};
