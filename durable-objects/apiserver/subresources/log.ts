// `pods/log`: plain-text container logs from the simulated kubelet, streamed with `follow`.
import { ApiError } from '../errors.ts';
import { getObject } from '../read.ts';
import type { Subresource } from './types.ts';

export interface LogOptions {
  container: string | undefined;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines: number | undefined;
  sinceSeconds: number | undefined;
  limitBytes: number | undefined;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ApiError('BadRequest', `${name}: Invalid value: "${v}": must be a non-negative integer`);
  return n;
}

export const log = {
  name: 'log',
  serves: (s) => s.resource === 'pods' && s.group === '',
  async handle({ env, url, info, strategy: s }) {
    if (info.verb !== 'get') throw new ApiError('MethodNotAllowed', 'only get is supported on pods/log');
    const pod = getObject(env, s, info.namespace, info.name).object;
    const q = url.searchParams;
    const opts: LogOptions = {
      container: q.get('container') || undefined,
      follow: q.get('follow') === 'true',
      previous: q.get('previous') === 'true',
      timestamps: q.get('timestamps') === 'true',
      tailLines: intParam(q, 'tailLines'),
      sinceSeconds: intParam(q, 'sinceSeconds'),
      limitBytes: intParam(q, 'limitBytes'),
    };
    if (!env.podLogs) throw new ApiError('BadRequest', `container logs are not available: no kubelet runs pod "${info.name}"`);
    return env.podLogs(pod, opts);
  },
} satisfies Subresource;
