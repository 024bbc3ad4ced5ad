// `kubectl apply -f -`: each document goes through the sandbox's apply logic (apply-manifests.ts: server-side apply
// with the last-applied annotation kubectl keeps), one at a time and in order, so a bad document does not stop the
// others, as with kubectl. View-only callers get the Forbidden answer the API gives kubectl.
import { applyManifests } from '../../apiserver/apply-manifests.ts';
import type { Status } from '../../apiserver/errors.ts';
import { resourcePath } from '../client.ts';
import { flag, FILENAME_FLAGS, type Command, type Ctx } from '../context.ts';
import { CommandError, fail, renderStatuses, ServerError, withSource } from '../errors.ts';
import { readManifests, stdinOf, type Manifest } from '../manifests.ts';
import { objectName, parseOutput, printObjects } from '../output/printers.ts';

async function exists(ctx: Ctx, m: Manifest): Promise<boolean> {
  try {
    await ctx.client.get(m.strategy, m.namespace, m.name);
    return true;
  } catch (e) {
    if (e instanceof ServerError && e.code === 404) return false;
    throw e;
  }
}

/** A dry run through the API (`dryRun=All`): validation and admission run, nothing is stored. */
async function dryRunApply(ctx: Ctx, m: Manifest): Promise<{ created: boolean }> {
  const res = await ctx.client.raw('PATCH', resourcePath(m.strategy, m.namespace, m.name), {
    body: { ...m.obj, metadata: { ...m.obj.metadata, namespace: m.namespace } },
    contentType: 'application/apply-patch+yaml',
    query: { dryRun: 'All', fieldManager: 'kubectl', force: 'true', fieldValidation: 'Strict' },
  });
  const text = await res.text();
  if (res.status >= 300) throw new ServerError(JSON.parse(text) as Status);
  return { created: res.status === 201 };
}

export const apply: Command = {
  path: 'apply',
  flags: [...FILENAME_FLAGS, flag.str('output', 'o'), flag.str('dry-run'), flag.bool('server-side'), flag.bool('force-conflicts'), flag.str('field-manager'), flag.bool('validate'), flag.bool('prune'), flag.str('selector', 'l')],
  async run(ctx, p) {
    const text = stdinOf(ctx, p);
    if (text === undefined) throw fail('must specify one of -f and -k');
    const fmt = parseOutput(p.str('output'), ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    const dryRun = p.str('dry-run');
    if (dryRun !== undefined && dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server')
      throw new CommandError(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
    const manifests = readManifests(ctx, text, 'apply');
    const errors: Status[] = [];
    for (const m of manifests) {
      const existed = await exists(ctx, m);
      try {
        if (!ctx.client.canWrite) {
          // Ask the API to write, as kubectl would; it answers Forbidden for a view-only caller.
          const path = existed ? resourcePath(m.strategy, m.namespace, m.name) : resourcePath(m.strategy, m.namespace);
          await ctx.client.request(existed ? 'PATCH' : 'POST', path, { body: m.obj, contentType: existed ? 'application/merge-patch+json' : 'application/json' });
          continue;
        }
        if (dryRun === 'client' || dryRun === 'server') {
          const created = dryRun === 'server' ? (await dryRunApply(ctx, m)).created : !existed;
          const suffix = dryRun === 'server' ? ' (server dry run)' : ' (dry run)';
          ctx.out(`${objectName(m.obj)} ${created ? 'created' : 'configured'}${suffix}\n`);
          continue;
        }
        const doc = { ...m.obj, metadata: { ...m.obj.metadata, ...(m.namespace ? { namespace: m.namespace } : {}) } };
        const r = applyManifests(ctx.client.env, JSON.stringify(doc), 'application/json', ctx.client.caller);
        if (r.status >= 300) throw new ServerError(r.body as unknown as Status);
        const item = (r.body.results as Array<{ message: string; action: string }>)[0]!;
        // With --server-side kubectl does not tell created from configured.
        const message = p.bool('server-side') ? `${objectName(m.obj)} serverside-applied` : item.message;
        if (fmt.kind === 'table') ctx.out(`${message}\n`);
        else ctx.out(printObjects(fmt, [await ctx.client.get(m.strategy, m.namespace, m.name)], true));
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        // kubectl shows the three-way patch it sent when a patch fails; this names the verb and the source only.
        errors.push(withSource(e.status, existed ? 'patching' : 'creating'));
      }
    }
    for (const e of renderStatuses(errors)) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
