// `kubectl delete` by name, `-l`, `--all` or `-f -`. kubectl then waits until the objects are gone; the box cannot
// wait for a grace period to pass, so it reports the deletion as soon as the API accepted it.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import { flag, FILENAME_FLAGS, SELECTOR_FLAGS, type Command } from '../context.ts';
import { CommandError, errorText, fail, renderStatus, ServerError, withSource } from '../errors.ts';
import { readManifests, stdinOf } from '../manifests.ts';
import { kindPrefix, parseTargets } from '../resources.ts';

const USAGE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

function deleteOptions(p: { str(n: string): string | undefined; bool(n: string): boolean; int(n: string): number | undefined }): Record<string, unknown> {
  const cascade = p.str('cascade') ?? 'background';
  const policy = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' }[cascade];
  if (!policy) throw fail(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  const body: Record<string, unknown> = { propagationPolicy: policy };
  let grace = p.int('grace-period');
  if (p.bool('now')) grace = 1;
  if (p.bool('force') && (grace === undefined || grace < 0)) grace = 0;
  if (grace !== undefined && grace >= 0) body.gracePeriodSeconds = grace;
  if (p.str('dry-run') === 'server') body.dryRun = ['All'];
  return body;
}

export const del: Command = {
  path: 'delete',
  flags: [
    ...SELECTOR_FLAGS,
    ...FILENAME_FLAGS,
    flag.bool('all'),
    flag.bool('ignore-not-found'),
    flag.int('grace-period'),
    flag.bool('force'),
    flag.bool('now'),
    flag.str('cascade'),
    flag.bool('wait'),
    flag.str('timeout'),
    flag.str('dry-run'),
    flag.str('output', 'o'),
  ],
  async run(ctx, p) {
    const text = stdinOf(ctx, p);
    const work: Array<{ s: ResourceStrategy; namespace: string | undefined; name: string; fromList: boolean }> = [];
    const errors: string[] = [];
    if (text !== undefined) {
      for (const m of readManifests(ctx, text, 'delete')) work.push({ s: m.strategy, namespace: m.namespace, name: m.name, fromList: false });
    } else {
      if (!p.args.length) throw new CommandError(USAGE);
      const selecting = p.has('selector') || p.has('field-selector') || p.bool('all');
      const { targets, warnings } = parseTargets(ctx.registry, p.args, { allowEmptyNames: selecting });
      for (const w of warnings) ctx.err(`${w}\n`);
      const all = p.bool('all-namespaces');
      for (const t of targets) {
        const s = t.strategy;
        if (t.names) {
          for (const name of t.names) work.push({ s, namespace: s.namespaced ? ctx.namespace : undefined, name, fromList: false });
          continue;
        }
        const list = await ctx.client.list(s, s.namespaced && !all ? ctx.namespace : undefined, { labelSelector: p.str('selector'), fieldSelector: p.str('field-selector') });
        for (const o of list.items) work.push({ s, namespace: o.metadata.namespace, name: o.metadata.name!, fromList: true });
      }
      if (!work.length) {
        ctx.out('No resources found\n');
        return 0;
      }
    }
    const body = deleteOptions(p);
    if (body.gracePeriodSeconds === 0 && p.bool('force'))
      ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    const dry = p.str('dry-run') === 'client' ? ' (dry run)' : p.str('dry-run') === 'server' ? ' (server dry run)' : '';
    for (const w of work) {
      try {
        if (dry === ' (dry run)') await ctx.client.get(w.s, w.namespace, w.name);
        else await ctx.client.delete(w.s, w.namespace, w.name, body);
        if (p.str('output') === 'name') ctx.out(`${kindPrefix(w.s)}/${w.name}\n`);
        else ctx.out(`${kindPrefix(w.s)} "${w.name}" ${body.gracePeriodSeconds === 0 && p.bool('force') ? 'force deleted' : 'deleted'}${dry}\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        if (e.code === 404 && (p.bool('ignore-not-found') || w.fromList)) continue;
        errors.push(text !== undefined ? renderStatus(withSource(e.status, 'deleting')) : errorText(e));
      }
    }
    for (const e of errors) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};

