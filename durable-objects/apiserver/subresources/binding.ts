// `pods/binding`: how the scheduler places a pod; sets spec.nodeName once and marks the pod Scheduled.
import { ApiError, errors } from '../errors.ts';
import { readJsonBody } from '../handler.ts';
import { bindPod } from '../bind.ts';
import { isPlainObject } from '../../util.ts';
import type { Subresource } from './types.ts';

export const binding = {
  name: 'binding',
  serves: (s) => s.resource === 'pods' && s.group === '',
  async handle({ env, req, info, strategy: s, caller }) {
    if (info.verb !== 'create') throw new ApiError('MethodNotAllowed', 'only create is supported on pods/binding');
    const body = await readJsonBody(req);
    if (!isPlainObject(body) || (body.kind !== undefined && body.kind !== 'Binding')) throw new ApiError('BadRequest', 'the request body must be a Binding object');
    const target = isPlainObject(body.target) ? (body.target as { name?: string; kind?: string }) : undefined;
    if (!target?.name) throw errors.invalid('Binding', '', info.name, [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
    if (target.kind !== undefined && target.kind !== '' && target.kind !== 'Node')
      throw errors.invalid('Binding', '', info.name, [{ type: 'FieldValueNotSupported', field: 'target.kind', message: `Unsupported value: "${target.kind}": supported values: "Node"` }]);
    const pod = bindPod(env, s, info.namespace ?? 'default', info.name, target.name);
    env.onWrite?.({ caller, verb: 'bind', object: pod, dryRun: false });
    return new Response(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  },
} satisfies Subresource;
