// `kubectl replace -f -`: each document PUT over the live object (`--force` deletes and re-creates it instead).
import type { Status } from '../../apiserver/errors.ts';
import { resourcePath } from '../client.ts';
import { flag, FILENAME_FLAGS, type Command } from '../context.ts';
import { fail, renderStatuses, ServerError, withSource } from '../errors.ts';
import { readManifests, stdinOf } from '../manifests.ts';
import { objectName } from '../output/printers.ts';

export const replace: Command = {
  path: 'replace',
  flags: [...FILENAME_FLAGS, flag.bool('force'), flag.int('grace-period'), flag.str('cascade'), flag.bool('wait'), flag.str('output', 'o'), flag.str('dry-run'), flag.bool('validate'), flag.bool('save-config'), flag.str('field-manager')],
  async run(ctx, p) {
    const text = stdinOf(ctx, p);
    if (text === undefined) throw fail('must specify --filename to replace');
    const errors: Status[] = [];
    for (const m of readManifests(ctx, text, 'replace')) {
      const body = { ...m.obj, metadata: { ...m.obj.metadata, ...(m.namespace ? { namespace: m.namespace } : {}) } };
      try {
        if (p.bool('force')) {
          await ctx.client.delete(m.strategy, m.namespace, m.name, { propagationPolicy: 'Background', gracePeriodSeconds: p.int('grace-period') ?? 0 });
          ctx.out(`${objectName(m.obj)} deleted\n`);
          await ctx.client.create(m.strategy, m.namespace, body, { fieldManager: 'kubectl-replace' });
        } else {
          await ctx.client.request('PUT', resourcePath(m.strategy, m.namespace, m.name), { body, query: { fieldManager: 'kubectl-replace', fieldValidation: 'Strict' } });
        }
        ctx.out(`${objectName(m.obj)} replaced\n`);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(withSource(e.status, 'replacing'));
      }
    }
    for (const e of renderStatuses(errors)) ctx.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};
