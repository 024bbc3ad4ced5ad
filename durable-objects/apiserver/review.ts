// Serves the create-only review kinds (registry/reviews): any link may post one, since the answer only describes the
// caller's own rights; nothing is stored and no watcher hears of it.
import { stringify as toYaml } from 'yaml';
import { ApiError } from './errors.ts';
import type { RequestInfo } from './request-info.ts';
import { negotiate } from './negotiate.ts';
import type { Caller } from './handler.ts';
import { isPlainObject } from '../util.ts';
import type { ReviewKind, Rights } from '../registry/reviews/index.ts';

export function rightsOf(caller: Caller): Rights {
  return caller.canWrite ? 'edit' : 'view';
}

/** Checks the body is an object of the review's kind (apiVersion/kind may be omitted), as the decoder does. */
function checkBody(r: ReviewKind, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw new ApiError('BadRequest', `the request body must be a JSON or YAML object of kind ${r.kind}`);
  const want = `${r.group}/${r.version}`;
  const obj: Record<string, unknown> = { ...body, apiVersion: body.apiVersion || want, kind: body.kind || r.kind };
  if (obj.kind !== r.kind) throw new ApiError('BadRequest', `the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.kind})`);
  if (obj.apiVersion !== want) throw new ApiError('BadRequest', `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`);
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (!isPlainObject(obj.metadata)) throw new ApiError('BadRequest', 'metadata must be an object');
  return obj;
}

export async function serveReview(
  req: Request,
  info: Extract<RequestInfo, { type: 'resource' }>,
  r: ReviewKind,
  caller: Caller,
  readBody: (req: Request) => Promise<unknown>,
): Promise<Response> {
  if (info.namespace !== undefined || info.name !== undefined || info.subresource !== undefined)
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  if (info.verb !== 'create') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const answer = r.review(checkBody(r, await readBody(req)), { name: caller.name, rights: rightsOf(caller) });
  const rep = negotiate(req.headers.get('accept'), null);
  if (rep.format === 'yaml') return new Response(toYaml(answer), { status: 201, headers: { 'content-type': 'application/yaml' } });
  return new Response(JSON.stringify(answer), { status: 201, headers: { 'content-type': 'application/json' } });
}
