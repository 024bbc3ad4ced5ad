// `kubectl taint nodes NODE key[=value]:Effect ... [key:Effect-]`: the node's taint list replaced by a patch.
import { flag, type Command } from '../context.ts';
import { errorText, fail, ServerError, usageError } from '../errors.ts';
import { taintString } from '../describe/common.ts';
import { kindPrefix } from '../resources.ts';
import { finish, lookup } from '../targets.ts';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseTaint(spec: string): Taint {
  const fail = (m: string) => usageError('taint', m);
  const parts = spec.split(':');
  if (parts.length > 2) throw fail(`invalid taint spec: ${spec}`);
  const [kv, effect] = parts as [string, string | undefined];
  if (effect !== undefined && !EFFECTS.includes(effect)) throw fail(`invalid taint effect: ${effect}, unsupported taint effect`);
  const [key, value, ...extra] = kv.split('=');
  if (extra.length || (effect === undefined && value !== undefined)) throw fail(`invalid taint spec: ${spec}`);
  if (!key || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key))
    throw fail(`invalid taint spec: ${spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  const t: Taint = { key };
  if (value) t.value = value;
  if (effect) t.effect = effect;
  return t;
}

export const taint: Command = {
  path: 'taint',
  flags: [flag.bool('overwrite'), flag.str('selector', 'l'), flag.bool('all'), flag.str('dry-run'), flag.str('output', 'o'), flag.str('field-manager'), flag.str('validate')],
  async run(ctx, p) {
    const specs = p.args.filter((a, i) => i > 0 && (a.includes(':') || a.includes('=') || a.endsWith('-')));
    const resources = p.args.filter((a) => !specs.includes(a));
    if (!resources.length || !specs.length) throw fail('at least one taint update is required');
    const add: Taint[] = [];
    const remove: Taint[] = [];
    for (const spec of specs) {
      if (spec.endsWith('-')) remove.push(parseTaint(spec.slice(0, -1)));
      else {
        const t = parseTaint(spec);
        if (!t.effect) throw usageError('taint', `invalid taint spec: ${spec}`);
        add.push(t);
      }
    }
    if (resources[0] !== 'nodes' && resources[0] !== 'node' && resources[0] !== 'no' && !resources[0]!.startsWith('node/') && !resources[0]!.startsWith('nodes/'))
      throw fail(`invalid resource type ${resources[0]}, only node types are supported`);
    const { found, errors } = await lookup(ctx, p, resources, { selector: true });
    const overwrite = p.bool('overwrite');
    for (const { s, obj } of found) {
      const old: Taint[] = obj.spec?.taints ?? [];
      const clash = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
      if (!overwrite && clash.length) {
        errors.push(`error: node ${obj.metadata.name} already has ${clash.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        continue;
      }
      const next = [...add];
      for (const o of old) if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
      const added = next.length !== old.length;
      let kept = next;
      let removed = false;
      const missing: string[] = [];
      for (const r of remove) {
        const before = kept.length;
        kept = kept.filter((t) => (r.effect ? !(t.key === r.key && t.effect === r.effect) : t.key !== r.key));
        removed = kept.length !== before;
        if (!removed) missing.push(`taint "${taintString(r)}" not found`);
      }
      if (missing.length) {
        errors.push(`error: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}`);
        continue;
      }
      const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
      try {
        if (p.str('dry-run') !== 'client') await ctx.client.patch(s, undefined, obj.metadata.name!, 'strategic', { spec: { taints: kept.length ? kept : null } }, 'kubectl-taint');
        ctx.out(`${kindPrefix(s)}/${obj.metadata.name} ${operation}\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(errorText(e));
      }
    }
    return finish(ctx, errors);
  },
};
