// `<resource>/status`: reads the object, and writes that change only its status (what controllers and kubelets use).
import { ApiError } from '../errors.ts';
import { getObject } from '../read.ts';
import { patchObject, updateObject } from '../rest.ts';
import { readJsonBody, writeOptions } from '../handler.ts';
import type { PatchType } from '../schema-support.ts';
import type { Subresource } from './types.ts';

export const status = {
  name: 'status',
  serves: (s) => !!s.hasStatus,
  async handle({ env, req, url, info, strategy: s, caller, respond }) {
    const ns = s.namespaced ? info.namespace : undefined;
    const opts = { ...writeOptions(url, req, caller), subresource: 'status' };
    switch (info.verb) {
      case 'get':
        return respond(getObject(env, s, ns, info.name).object);
      case 'update': {
        const r = updateObject(env, s, ns, info.name, await readJsonBody(req), opts);
        return respond(r.object, 200);
      }
      case 'patch': {
        const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim() as PatchType;
        const r = patchObject(env, s, ns, info.name, type, await readJsonBody(req), opts);
        return respond(r.object, 200);
      }
      default:
        throw new ApiError('MethodNotAllowed', `${info.verb} is not supported on ${s.resource}/status`);
    }
  },
} satisfies Subresource;
