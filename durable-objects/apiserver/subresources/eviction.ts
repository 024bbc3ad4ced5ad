// `pods/eviction`: a polite delete (what `kubectl drain` uses), answered with a Success Status.
import { ApiError } from '../errors.ts';
import { deleteObject } from '../rest.ts';
import { readJsonBody } from '../handler.ts';
import { isPlainObject } from '../../util.ts';
import type { Subresource } from './types.ts';

export const eviction = {
  name: 'eviction',
  serves: (s) => s.resource === 'pods' && s.group === '',
  async handle({ env, req, info, strategy: s, caller }) {
    if (info.verb !== 'create') throw new ApiError('MethodNotAllowed', 'only create is supported on pods/eviction');
    const body = await readJsonBody(req);
    if (!isPlainObject(body) || (body.kind !== undefined && body.kind !== 'Eviction')) throw new ApiError('BadRequest', 'the request body must be an Eviction object');
    const name = (body.metadata as { name?: string } | undefined)?.name;
    if (name && name !== info.name) throw new ApiError('BadRequest', `name in URL does not match name in Eviction object`);
    const opts = (isPlainObject(body.deleteOptions) ? body.deleteOptions : {}) as { gracePeriodSeconds?: number; dryRun?: string[] };
    const r = deleteObject(env, s, info.namespace, info.name, { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun?.includes('All') });
    env.onWrite?.({ caller, verb: 'evict', object: r.object, dryRun: false });
    return new Response(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  },
} satisfies Subresource;
