// The objects a command acts on: `TYPE NAME...`, `TYPE/NAME...` or `TYPE -l selector` (kubectl's resource builder),
// fetched with their current state; lookups that fail are kept as kubectl's error lines.
import type { ResourceStrategy } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';
import type { ParsedArgs } from './argv.ts';
import type { Ctx } from './context.ts';
import { errorText, ServerError } from './errors.ts';
import { parseTargets } from './resources.ts';

export interface Found {
  s: ResourceStrategy;
  obj: KubeObject & Record<string, any>;
}

export interface Lookup {
  found: Found[];
  errors: string[];
}

/** `selector`: `-l`/`--all` may stand for names; `typeOnly`: a bare type means every object of it (rollout). */
export async function lookup(ctx: Ctx, p: ParsedArgs, args: string[], o: { selector?: boolean; typeOnly?: boolean } = {}): Promise<Lookup> {
  const selecting = !!o.typeOnly || (!!o.selector && (p.has('selector') || p.bool('all')));
  const { targets, warnings } = parseTargets(ctx.registry, args, { allowEmptyNames: selecting });
  for (const w of warnings) ctx.err(`${w}\n`);
  const found: Found[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    const s = t.strategy;
    const ns = s.namespaced ? ctx.namespace : undefined;
    if (!t.names) {
      const list = await ctx.client.list(s, ns, { labelSelector: p.str('selector') });
      for (const obj of list.items) found.push({ s, obj: { ...obj, apiVersion: obj.apiVersion ?? (s.group ? `${s.group}/${s.version}` : s.version), kind: obj.kind ?? s.kind } });
      continue;
    }
    for (const name of t.names) {
      try {
        found.push({ s, obj: await ctx.client.get(s, ns, name) });
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(errorText(e));
      }
    }
  }
  return { found, errors };
}

/** Prints collected errors after the output and turns them into the exit code. */
export function finish(ctx: Ctx, errors: string[]): number {
  for (const e of errors) ctx.err(`${e.endsWith('\n') ? e : `${e}\n`}`);
  return errors.length ? 1 : 0;
}
