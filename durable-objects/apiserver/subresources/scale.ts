// `<resource>/scale`: the autoscaling/v1 Scale view of a Deployment or ReplicaSet (`kubectl scale`).
import { ApiError, errors } from '../errors.ts';
import { readCurrent, updateObject } from '../rest.ts';
import { readJsonBody, writeOptions, type ApiEnv } from '../handler.ts';
import { applyPatchBody, type PatchType } from '../schema-support.ts';
import { formatLabelSelector, fromLabelSelectorSpec } from '../selectors.ts';
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { KubeObject } from '../../types.ts';
import { isPlainObject } from '../../util.ts';
import type { Subresource } from './types.ts';


function at(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) cur = isPlainObject(cur) ? cur[p] : undefined;
  return cur;
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

export function toScale(s: ResourceStrategy, obj: KubeObject): KubeObject {
  const sc = s.scale!;
  const sel = fromLabelSelectorSpec(at(obj, sc.labelSelectorPath) as never);
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: (at(obj, sc.specReplicasPath) as number | undefined) ?? 0 },
    status: { replicas: (at(obj, sc.statusReplicasPath) as number | undefined) ?? 0, selector: sel ? formatLabelSelector(sel) : '' },
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function writeReplicas(env: ApiEnv, s: ResourceStrategy, ns: string | undefined, name: string, scale: unknown, opts: ReturnType<typeof writeOptions>): KubeObject {
  if (!isPlainObject(scale)) throw new ApiError('BadRequest', 'the request body must be a Scale object');
  const replicas = at(scale, ['spec', 'replicas']);
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
    throw errors.invalid('Scale', 'autoscaling', name, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` },
    ]);
  const cur = readCurrent(env, s, ns ?? '', name);
  if (!cur) throw errors.notFound(s.resource, s.group, name);
  const rv = at(scale, ['metadata', 'resourceVersion']);
  if (typeof rv === 'string' && rv !== '' && rv !== cur.metadata.resourceVersion) throw errors.conflict(s.resource, s.group, name);
  setAt(cur as Record<string, unknown>, s.scale!.specReplicasPath, replicas);
  return updateObject(env, s, ns, name, cur, { ...opts, fieldValidation: 'Ignore' }).object;
}

export const scale = {
  name: 'scale',
  serves: (s) => !!s.scale,
  async handle({ env, req, url, info, strategy: s, caller }) {
    const ns = s.namespaced ? info.namespace : undefined;
    const cur = readCurrent(env, s, ns ?? '', info.name);
    if (!cur) throw errors.notFound(s.resource, s.group, info.name);
    switch (info.verb) {
      case 'get':
        return json(toScale(s, cur));
      case 'update': {
        const opts = writeOptions(url, req, caller);
        const out = writeReplicas(env, s, ns, info.name, await readJsonBody(req), opts);
        if (!opts.dryRun) env.onWrite?.({ caller, verb: 'scale', object: out, dryRun: false });
        return json(toScale(s, out));
      }
      case 'patch': {
        const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim() as PatchType;
        if (type === 'application/apply-patch+yaml') throw new ApiError('UnsupportedMediaType', 'server-side apply is not supported on the scale subresource');
        const patched = applyPatchBody(undefined, type, toScale(s, cur), await readJsonBody(req));
        const opts = writeOptions(url, req, caller);
        const out = writeReplicas(env, s, ns, info.name, patched, opts);
        if (!opts.dryRun) env.onWrite?.({ caller, verb: 'scale', object: out, dryRun: false });
        return json(toScale(s, out));
      }
      default:
        throw new ApiError('MethodNotAllowed', `${info.verb} is not supported on ${s.resource}/scale`);
    }
  },
} satisfies Subresource;
