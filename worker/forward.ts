// Hands a request to the cluster's Durable Object with the credential it presented; the object does the checking.
import type { Env } from './env.ts';
import { ApiError } from '../durable-objects/apiserver/errors.ts';
import { SESSION_ID_RE } from '../durable-objects/session/ids.ts';
import { readLimited } from '../durable-objects/apiserver/decode.ts';

export function clusterStub(env: Env, id: string): DurableObjectStub<import('../durable-objects/cluster-object.ts').ClusterObject> {
  // Unknown-looking ids never reach (and so never create) a Durable Object.
  if (!SESSION_ID_RE.test(id)) throw new ApiError('NotFound', 'this sandbox does not exist (it may have expired)');
  return env.CLUSTER.get(env.CLUSTER.idFromName(id));
}

/** The bearer token of `Authorization: Bearer ...`, if any. */
export function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  const m = h?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1]! : null;
}

/**
 * Bodies are read here, within the size limit, before the object sees the request: the object may answer (401, 403)
 * without reading, and an oversized upload is refused at the edge.
 */
export async function forward(env: Env, req: Request, id: string, internalPath: string, token: string | null): Promise<Response> {
  const url = new URL(req.url);
  const headers = new Headers(req.headers);
  for (const k of [...headers.keys()]) if (k.startsWith('x-sandbox-')) headers.delete(k);
  if (token) headers.set('x-sandbox-token', token);
  headers.set('x-sandbox-origin', url.origin);
  const init: RequestInit = { method: req.method, headers, redirect: 'manual' };
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers.get('upgrade') === null) init.body = await readLimited(req);
  const res = await clusterStub(env, id).fetch(new Request(`https://cluster.internal${internalPath}${url.search}`, init));
  return onThisMachine(url) ? uncompressed(res) : res;
}

/** A client on the machine that runs `npm run dev`: compressing for it costs more time than the bytes it saves. */
function onThisMachine(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Marks a response as sent as is, so the local runtime does not gzip a 3 MB list on the way over loopback. */
function uncompressed(res: Response): Response {
  if (res.webSocket || res.headers.has('content-encoding') || !res.body) return res;
  const out = new Response(res.body, res);
  out.headers.set('content-encoding', 'identity');
  return out;
}
