// `namespaces/{name}/finalize`: the namespace controller clears spec.finalizers here once the namespace is empty.
import { ApiError, errors } from '../errors.ts';
import { readCurrent, updateObject } from '../rest.ts';
import { readJsonBody } from '../handler.ts';
import { isPlainObject } from '../../util.ts';
import type { Subresource } from './types.ts';

export const finalize = {
  name: 'finalize',
  serves: (s) => s.resource === 'namespaces' && s.group === '',
  async handle({ env, req, info, strategy: s, respond }) {
    if (info.verb !== 'update') throw new ApiError('MethodNotAllowed', 'only update is supported on namespaces/finalize');
    const body = await readJsonBody(req);
    const cur = readCurrent(env, s, '', info.name);
    if (!cur) throw errors.notFound('namespaces', '', info.name);
    const finalizers = isPlainObject(body) && isPlainObject(body.spec) ? (body.spec.finalizers as string[] | undefined) : undefined;
    cur.spec = { ...(cur.spec as object), finalizers: finalizers ?? [] };
    return respond(updateObject(env, s, undefined, info.name, cur, { trusted: true }).object);
  },
} satisfies Subresource;
