// The Kubernetes API of one cluster: routes a request to discovery, OpenAPI, or a verb on a resource, and renders the answer.
import { stringify as toYaml } from 'yaml';
import { ApiError, statusResponse, successStatus } from './errors.ts';
import type { ApiContext } from './context.ts';
import { parseRequestInfo, type RequestInfo } from './request-info.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION, versionInfo } from './discovery.ts';
import { decodeBody, readBody, readLimited } from './decode.ts';
import { PROTOBUF_CONTENT_TYPE, decodeProtobuf } from './protobuf/index.ts';
import { negotiate, type Representation } from './negotiate.ts';
import { getObject, listObjects } from './read.ts';
import { createObject, deleteObject, patchObject, updateObject, type DeleteOptions, type FieldValidation, type WriteOptions, type WriteResult } from './rest.ts';
import { toTable } from './table.ts';
import { serveWatch, type Timers } from './watch-http.ts';
import type { WatchHub } from './watch-hub.ts';
import { openapiDocument, openapiIndex } from './openapi.ts';
import { OPENAPI_V2_PROTOBUF, openapiV2Document } from './openapi-v2.ts';
import { SUBRESOURCES } from './subresources/index.ts';
import { serveReview } from './review.ts';
import { lookupReview } from '../registry/reviews/index.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { apiVersionOf } from '../registry/registry.ts';
import type { KubeObject } from '../types.ts';
import type { PatchType } from './schema-support.ts';
import type { LogOptions } from './subresources/log.ts';
import type { ExecOptions } from './subresources/exec.ts';
import type { ExecProcess, ExecSink } from '../controllers/kubelet/exec-session.ts';

export interface Caller {
  /** The user name apiserver would report (`sandbox-admin`, `sandbox-viewer`). */
  name: string;
  canWrite: boolean;
  userAgent: string;
}

export interface ApiEnv extends ApiContext {
  hub: WatchHub;
  timers: Timers;
  /** Container logs from the simulated kubelets. */
  podLogs?(pod: KubeObject, opts: LogOptions): Response;
  /** Starts a command in a running container of the simulated kubelets (pods/exec). */
  podExec?(pod: KubeObject, opts: ExecOptions, sink: ExecSink): ExecProcess;
  /** Told about every successful external write: the activity feed. */
  onWrite?(e: { caller: Caller; verb: string; object: KubeObject; dryRun: boolean }): void;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
const PATCH_TYPES = new Set<PatchType>([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]);

function json(body: unknown, status = 200, headers?: Headers): Response {
  const h = headers ?? new Headers();
  h.set('content-type', 'application/json');
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: h });
}

/** Serves one API request; every failure becomes a Status response. */
export async function handleApi(env: ApiEnv, req: Request, path: string, caller: Caller): Promise<Response> {
  try {
    return await route(env, req, path, caller);
  } catch (e) {
    if (!(e instanceof ApiError)) console.error('api request failed', req.method, path, e);
    return statusResponse(e);
  }
}

async function route(env: ApiEnv, req: Request, path: string, caller: Caller): Promise<Response> {
  const url = new URL(req.url);
  const info = parseRequestInfo(req.method, path, url.searchParams);
  if (info.type === 'nonResource') return nonResource(env, req, info.path);
  // Reviews answer questions about the caller's own rights: a view link may ask them too.
  const review = lookupReview(info.group, info.version, info.resource);
  if (review) return serveReview(req, info, review, caller, readJsonBody);
  const s = env.registry.lookup(info.group, info.version, info.resource);
  if (!s) throw new ApiError('NotFound', 'the server could not find the requested resource');
  if (!caller.canWrite && !READ_VERBS.has(info.verb) && !(info.subresource === 'log' && info.verb === 'get')) {
    const where = s.namespaced && info.namespace ? ` in the namespace "${info.namespace}"` : '';
    const res = info.subresource ? `${s.resource}/${info.subresource}` : s.resource;
    throw new ApiError(
      'Forbidden',
      `${s.resource}${info.name ? ` "${info.name}"` : ''} is forbidden: User "${caller.name}" cannot ${info.verb} resource "${res}" in API group "${s.group}"${where}: this is a view-only link`,
      { name: info.name, group: s.group, kind: s.resource },
    );
  }
  // a namespaced kind's all-namespaces path serves list and watch only, as apiserver registers it
  if (s.namespaced && info.namespace === undefined && info.verb !== 'list' && info.verb !== 'watch') {
    if (info.verb === 'create' || info.verb === 'deletecollection') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  if (!s.namespaced && info.namespace !== undefined) throw new ApiError('NotFound', 'the server could not find the requested resource');
  if (info.subresource !== undefined) {
    const sub = SUBRESOURCES[info.subresource];
    if (!sub || !sub.serves(s)) throw new ApiError('NotFound', 'the server could not find the requested resource');
    if (!info.name) throw new ApiError('NotFound', 'the server could not find the requested resource');
    return sub.handle({ env, req, url, info: { ...info, name: info.name }, strategy: s, caller, respond: (o, st) => respondObject(req, s, o, env, st) });
  }
  return resourceVerb(env, req, url, info, s, caller);
}

function nonResource(env: ApiEnv, req: Request, path: string): Response {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  if (path === '/version' || path === '/version/') return json(versionInfo());
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  if (path === '/api') return json(apiVersions());
  if (path === '/apis') return json(apiGroupList(env.registry));
  if (path === '/openapi/v3') return json(openapiIndex(env.registry));
  if (path === '/openapi/v2') {
    if (!(req.headers.get('accept') ?? '').includes(OPENAPI_V2_PROTOBUF)) throw new ApiError('NotAcceptable', `only ${OPENAPI_V2_PROTOBUF} is served here; the schemas are in /openapi/v3`);
    // served as octet-stream, as kube-openapi does: Go's mime parser rejects the '@' of the requested type
    return new Response(openapiV2Document(SERVER_VERSION.gitVersion), { headers: { 'content-type': 'application/octet-stream' } });
  }
  if (path.startsWith('/openapi/v3/')) {
    const doc = openapiDocument(env.registry, path.slice('/openapi/v3/'.length));
    if (!doc) throw new ApiError('NotFound', 'the server could not find the requested resource');
    const h = new Headers({ 'cache-control': 'public, immutable' });
    return json(doc, 200, h);
  }
  const m = path.match(/^\/apis\/([^/]+)$/);
  if (m) {
    const g = apiGroup(env.registry, m[1]!);
    if (g) return json(g);
  }
  const gv = path.match(/^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/);
  if (gv) {
    const doc = gv[1] ? apiResourceList(env.registry, '', gv[1]) : apiResourceList(env.registry, gv[2]!, gv[3]!);
    if (doc) return json(doc);
  }
  throw new ApiError('NotFound', 'the server could not find the requested resource');
}

/** Renders one object as the client asked: JSON, YAML, a one-row Table or metadata only. */
export function respondObject(req: Request, s: ResourceStrategy, object: KubeObject, env: ApiEnv, status = 200, warnings: string[] = [], rawJson?: string): Response {
  const rep = negotiate(req.headers.get('accept'), new URL(req.url).searchParams.get('includeObject'));
  const h = new Headers();
  for (const w of warnings) h.append('warning', `299 - ${JSON.stringify(w)}`);
  return render(rep, s, env, status, h, { single: object, rawJson });
}

function render(
  rep: Representation,
  s: ResourceStrategy,
  env: ApiEnv,
  status: number,
  h: Headers,
  body: { single?: KubeObject; rawJson?: string; list?: { items: Array<{ object: KubeObject; json: string }>; resourceVersion: string; continue?: string; remainingItemCount?: number } },
): Response {
  switch (rep.format) {
    case 'table': {
      if (body.single && body.single.kind !== s.kind) return json(body.single, status, h);
      const objs = body.single ? [body.single] : body.list!.items.map((i) => i.object);
      const t = toTable(s, objs, env.clock.now(), {
        include: rep.include,
        resourceVersion: body.list?.resourceVersion ?? body.single?.metadata.resourceVersion,
        continue: body.list?.continue,
        remainingItemCount: body.list?.remainingItemCount,
      });
      return json(t, status, h);
    }
    case 'partial': {
      const pm = (o: KubeObject) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata });
      if (body.single) return json(pm(body.single), status, h);
      const l = body.list!;
      return json({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta(l), items: l.items.map((i) => pm(i.object)) }, status, h);
    }
    case 'yaml': {
      h.set('content-type', 'application/yaml');
      const obj = body.single ?? listBody(s, body.list!);
      return new Response(toYaml(obj), { status, headers: h });
    }
    case 'json': {
      if (body.single) return json(body.rawJson ?? JSON.stringify(body.single), status, h);
      const l = body.list!;
      // Concatenating the stored JSON text keeps a 1,000-item list from being decoded and re-encoded.
      const head = `{"kind":"${s.kind}List","apiVersion":"${apiVersionOf(s)}","metadata":${JSON.stringify(listMeta(l))},"items":[`;
      return json(head + l.items.map((i) => i.json).join(',') + ']}', status, h);
    }
    default: {
      const never: never = rep;
      throw new Error(`unknown representation ${JSON.stringify(never)}`);
    }
  }
}

function listMeta(l: { resourceVersion: string; continue?: string; remainingItemCount?: number }): Record<string, unknown> {
  const m: Record<string, unknown> = { resourceVersion: l.resourceVersion };
  if (l.continue) m.continue = l.continue;
  if (l.remainingItemCount !== undefined) m.remainingItemCount = l.remainingItemCount;
  return m;
}

function listBody(s: ResourceStrategy, l: { items: Array<{ object: KubeObject }>; resourceVersion: string; continue?: string; remainingItemCount?: number }) {
  return { kind: `${s.kind}List`, apiVersion: apiVersionOf(s), metadata: listMeta(l), items: l.items.map((i) => i.object) };
}

export function writeOptions(url: URL, req: Request, caller: Caller): WriteOptions {
  const q = url.searchParams;
  const dryRun = q.getAll('dryRun');
  for (const d of dryRun) if (d !== 'All') throw new ApiError('BadRequest', `Invalid value: "${d}": supported values: "All"`);
  const fv = q.get('fieldValidation');
  if (fv !== null && fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore')
    throw new ApiError('BadRequest', `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  const explicit = q.get('fieldManager');
  const manager = explicit || caller.userAgent.split('/')[0] || 'unknown';
  const o: WriteOptions = { dryRun: dryRun.length > 0, fieldManager: manager, explicitFieldManager: !!explicit, force: q.get('force') === 'true' };
  if (fv) o.fieldValidation = fv as FieldValidation;
  void req;
  return o;
}

/** A write body as a plain object: JSON, YAML, or the protobuf kubectl's typed generators send. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === PROTOBUF_CONTENT_TYPE) return decodeProtobuf(await readLimited(req));
  const text = await readBody(req);
  return decodeBody(text, req.headers.get('content-type'));
}

function writeResponse(req: Request, s: ResourceStrategy, env: ApiEnv, r: WriteResult, caller: Caller, verb: string, dryRun: boolean): Response {
  if (r.changed) env.onWrite?.({ caller, verb, object: r.object, dryRun });
  return respondObject(req, s, r.object, env, r.created ? 201 : 200, r.warnings);
}

async function deleteOptions(req: Request, url: URL): Promise<DeleteOptions> {
  const q = url.searchParams;
  let body: Record<string, unknown> = {};
  const text = await readBody(req);
  if (text.trim()) {
    const parsed = decodeBody(text, req.headers.get('content-type') ?? 'application/json');
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  }
  const o: DeleteOptions = {};
  const policy = (q.get('propagationPolicy') ?? body.propagationPolicy) as string | undefined;
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground')
      throw new ApiError('BadRequest', `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    o.propagationPolicy = policy;
  } else if (body.orphanDependents === true || q.get('orphanDependents') === 'true') o.propagationPolicy = 'Orphan';
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    const g = Number(grace);
    if (!Number.isInteger(g) || g < 0) throw new ApiError('BadRequest', `gracePeriodSeconds: Invalid value: ${JSON.stringify(grace)}: must be a non-negative integer`);
    o.gracePeriodSeconds = g;
  }
  if (body.preconditions && typeof body.preconditions === 'object') o.preconditions = body.preconditions as DeleteOptions['preconditions'];
  if (q.getAll('dryRun').includes('All') || (Array.isArray(body.dryRun) && body.dryRun.includes('All'))) o.dryRun = true;
  return o;
}

async function resourceVerb(env: ApiEnv, req: Request, url: URL, info: Extract<RequestInfo, { type: 'resource' }>, s: ResourceStrategy, caller: Caller): Promise<Response> {
  const q = url.searchParams;
  const ns = s.namespaced ? info.namespace : undefined;
  switch (info.verb) {
    case 'get': {
      const { object, json: raw } = getObject(env, s, ns, info.name!);
      return respondObject(req, s, object, env, 200, [], raw);
    }
    case 'list': {
      const rep = negotiate(req.headers.get('accept'), q.get('includeObject'));
      const rawLimit = q.get('limit');
      if (rawLimit && !/^-?\d+$/.test(rawLimit)) throw new ApiError('BadRequest', `limit: Invalid value: ${JSON.stringify(rawLimit)}: must be an integer`);
      const limit = rawLimit ? Number(rawLimit) : undefined;
      const l = listObjects(env, s, ns, {
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
        limit,
        continue: q.get('continue'),
        resourceVersion: q.get('resourceVersion'),
        resourceVersionMatch: q.get('resourceVersionMatch'),
      });
      return render(rep, s, env, 200, new Headers(), { list: l });
    }
    case 'watch': {
      const rep = negotiate(req.headers.get('accept'), q.get('includeObject'));
      return serveWatch({ ctx: env, hub: env.hub, strategy: s, namespace: ns, query: q, format: rep.format === 'table' ? 'table' : 'json', timers: env.timers });
    }
    case 'create': {
      const opts = writeOptions(url, req, caller);
      const body = await readJsonBody(req);
      const r = createObject(env, s, ns, body, opts);
      return writeResponse(req, s, env, r, caller, 'create', !!opts.dryRun);
    }
    case 'update': {
      const opts = writeOptions(url, req, caller);
      const body = await readJsonBody(req);
      const r = updateObject(env, s, ns, info.name!, body, opts);
      return writeResponse(req, s, env, r, caller, 'update', !!opts.dryRun);
    }
    case 'patch': {
      const opts = writeOptions(url, req, caller);
      const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() as PatchType;
      if (!PATCH_TYPES.has(type))
        throw new ApiError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${[...PATCH_TYPES].join(', ')}`);
      const body = await readJsonBody(req);
      const r = patchObject(env, s, ns, info.name!, type, body, opts);
      return writeResponse(req, s, env, r, caller, type === 'application/apply-patch+yaml' ? 'apply' : 'patch', !!opts.dryRun);
    }
    case 'delete': {
      const o = await deleteOptions(req, url);
      const r = deleteObject(env, s, ns, info.name!, o);
      if (!o.dryRun) env.onWrite?.({ caller, verb: 'delete', object: r.object, dryRun: false });
      return respondObject(req, s, r.object, env, 200);
    }
    case 'deletecollection': {
      const o = await deleteOptions(req, url);
      const l = listObjects(env, s, ns, { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') });
      const items: KubeObject[] = [];
      for (const e of l.items) {
        const r = deleteObject(env, s, e.object.metadata.namespace, e.object.metadata.name!, o);
        items.push(r.object);
        if (!o.dryRun) env.onWrite?.({ caller, verb: 'delete', object: r.object, dryRun: false });
      }
      return json({ kind: `${s.kind}List`, apiVersion: apiVersionOf(s), metadata: { resourceVersion: String(env.store.revision) }, items });
    }
    default: {
      const never: never = info.verb;
      throw new ApiError('MethodNotAllowed', `unsupported verb ${String(never)}`);
    }
  }
}

export { successStatus };
