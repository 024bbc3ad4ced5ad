// What `label` and `annotate` share: splitting resources from `key=value` / `key-` arguments, and writing the change
// as a merge patch of metadata.labels or metadata.annotations.
import type { ParsedArgs } from '../argv.ts';
import type { Ctx } from '../context.ts';
import { fail, ServerError, errorText } from '../errors.ts';
import { kindPrefix } from '../resources.ts';
import { finish, lookup } from '../targets.ts';

export interface Pairs {
  set: Map<string, string>;
  remove: string[];
}

/** GetResourcesAndPairs + ParsePairs. */
export function splitPairs(args: string[], pairType: string): { resources: string[]; pairs: Pairs } {
  const resources: string[] = [];
  const raw: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && a[0] !== '=') || (a.endsWith('-') && a !== '-');
    if (pair) raw.push(a);
    else if (raw.length) throw fail(`all resources must be specified before ${pairType} changes: ${a}`);
    else resources.push(a);
  }
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const r of raw) {
    if (r.includes('=')) {
      const parts = r.split('=');
      if (pairType === 'label' && parts.length !== 2) throw fail(`invalid label spec: ${r}`);
      set.set(parts[0]!, parts.slice(1).join('='));
    } else remove.push(r.slice(0, -1));
  }
  return { resources, pairs: { set, remove } };
}

export interface EditOptions {
  field: 'labels' | 'annotations';
  pairType: 'label' | 'annotation';
  manager: string;
  /** Refuses a change (overwrite rules); returns an error message. */
  check(current: Record<string, string>, pairs: Pairs): string | undefined;
  /** The word printed after the object: labeled, unlabeled, annotated... */
  message(before: Record<string, string>, after: Record<string, string>): string;
}

export async function editMetadata(ctx: Ctx, p: ParsedArgs, o: EditOptions): Promise<number> {
  const { resources, pairs } = splitPairs(p.args, o.pairType);
  if (!resources.length && !p.has('selector') && !p.bool('all')) throw fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!pairs.set.size && !pairs.remove.length && !p.bool('list')) throw fail(`at least one ${o.pairType} update is required`);
  const { found, errors } = await lookup(ctx, p, resources, { selector: true });
  for (const { s, obj } of found) {
    const current: Record<string, string> = { ...((obj.metadata[o.field] as Record<string, string> | undefined) ?? {}) };
    if (p.bool('list')) {
      for (const [k, v] of Object.entries(current)) ctx.out(`${k}=${v}\n`);
      continue;
    }
    if (o.field === 'labels') for (const r of pairs.remove) if (!(r in current)) ctx.out(`label "${r}" not found.\n`);
    const problem = o.check(current, pairs);
    if (problem) {
      errors.push(`error: ${problem}`);
      continue;
    }
    const next = { ...current };
    for (const [k, v] of pairs.set) next[k] = v;
    for (const r of pairs.remove) delete next[r];
    const patch: Record<string, string | null> = {};
    for (const [k, v] of pairs.set) if (current[k] !== v) patch[k] = v;
    for (const r of pairs.remove) if (r in current) patch[r] = null;
    const word = o.message(current, next);
    try {
      if (Object.keys(patch).length && p.str('dry-run') !== 'client') {
        const body: Record<string, unknown> = { metadata: { [o.field]: patch } };
        if (p.str('resource-version')) (body.metadata as Record<string, unknown>).resourceVersion = p.str('resource-version');
        await ctx.client.patch(s, obj.metadata.namespace, obj.metadata.name!, 'merge', body, o.manager);
      }
      ctx.out(`${kindPrefix(s)}/${obj.metadata.name} ${word}${p.str('dry-run') === 'client' ? ' (dry run)' : ''}\n`);
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      errors.push(errorText(e));
    }
  }
  return finish(ctx, errors);
}
