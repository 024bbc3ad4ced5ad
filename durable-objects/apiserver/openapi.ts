// OpenAPI v3, generated from the same zod schemas that validate: the index at /openapi/v3 and one document per
// group-version. kubectl reads them for `explain`, for server-side field validation and for client-side apply's merge keys.
import type { Registry } from '../registry/registry.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { apiVersionOf } from '../registry/registry.ts';
import { definitions } from '../registry/schemas/index.ts';
import { SERVER_VERSION } from './discovery.ts';

type Schema = Record<string, unknown>;
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: Schema) => ({ 'application/json': { schema }, 'application/yaml': { schema } });

/** Wrapper types every document needs besides the kinds' own schemas. */
function commonDefinitions(): Record<string, Schema> {
  return {
    [`${META}.ListMeta`]: {
      description: 'Metadata of a list: the revision it was read at and how to fetch the next page.',
      type: 'object',
      properties: {
        resourceVersion: { type: 'string', description: 'The store revision this list was read at; watch from here.' },
        continue: { type: 'string', description: 'Opaque token for the next page when the list was limited.' },
        remainingItemCount: { type: 'integer', format: 'int64', description: 'Items left after this page, when known.' },
        selfLink: { type: 'string', description: 'Deprecated; never set.' },
      },
    },
    [`${META}.Status`]: {
      description: 'The result of an operation that returns no object, and the shape of every error.',
      type: 'object',
      properties: {
        apiVersion: { type: 'string', description: 'Always v1.' },
        kind: { type: 'string', description: 'Always Status.' },
        metadata: { allOf: [ref(`${META}.ListMeta`)], description: 'Standard list metadata.' },
        status: { type: 'string', description: 'Success or Failure.' },
        message: { type: 'string', description: 'What happened, for people.' },
        reason: { type: 'string', description: 'Machine-readable reason, such as NotFound or Conflict.' },
        details: { type: 'object', description: 'Extra data about the reason: name, kind, causes.', 'x-kubernetes-preserve-unknown-fields': true },
        code: { type: 'integer', format: 'int32', description: 'The HTTP status code.' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }],
    },
    [`${META}.Patch`]: { description: 'A patch document; its format is chosen by the Content-Type header.', type: 'object' },
  };
}

function listDefinition(s: ResourceStrategy): Schema {
  return {
    description: `A list of ${s.kind} objects.`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string', description: 'Versioned schema of this representation.' },
      kind: { type: 'string', description: 'The REST resource this object represents.' },
      items: { type: 'array', items: ref(s.definition), description: `The ${s.resource}.` },
      metadata: { allOf: [ref(`${META}.ListMeta`)], description: 'Standard list metadata.' },
    },
    'x-kubernetes-group-version-kind': [{ group: s.group, kind: `${s.kind}List`, version: s.version }],
  };
}

function param(name: string, where: 'query' | 'path', description: string, schema: Schema = { type: 'string' }, required = false) {
  return { name, in: where, description, required: required || where === 'path', schema, ...(where === 'query' ? { style: 'form' } : {}) };
}

const P = {
  name: (s: ResourceStrategy) => param('name', 'path', `name of the ${s.kind}`, { type: 'string', uniqueItems: true }),
  namespace: param('namespace', 'path', 'object name and auth scope, such as for teams and projects', { type: 'string', uniqueItems: true }),
  pretty: param('pretty', 'query', "If 'true', then the output is pretty printed."),
  dryRun: param('dryRun', 'query', 'When present, indicates that modifications should not be persisted. The only valid value is All.'),
  fieldManager: param('fieldManager', 'query', 'A name associated with the actor or entity that is making these changes.'),
  fieldValidation: param('fieldValidation', 'query', 'How the server treats unknown or duplicate fields: Ignore, Warn or Strict.'),
  force: param('force', 'query', 'Force an apply request to take over fields owned by other managers.', { type: 'boolean' }),
  gracePeriodSeconds: param('gracePeriodSeconds', 'query', 'Seconds before the object is deleted.', { type: 'integer' }),
  propagationPolicy: param('propagationPolicy', 'query', 'Whether and how garbage collection deletes dependents: Orphan, Background or Foreground.'),
  list: [
    param('labelSelector', 'query', 'A selector to restrict the list of returned objects by their labels.'),
    param('fieldSelector', 'query', 'A selector to restrict the list of returned objects by their fields.'),
    param('limit', 'query', 'Maximum number of items to return; continue with the returned token.', { type: 'integer' }),
    param('continue', 'query', 'The continue token of a previous limited list.'),
    param('resourceVersion', 'query', 'Which revision to read or watch from.'),
    param('resourceVersionMatch', 'query', 'How resourceVersion applies to a list.'),
    param('watch', 'query', 'Watch for changes instead of listing.', { type: 'boolean' }),
    param('allowWatchBookmarks', 'query', 'Ask for BOOKMARK events while watching.', { type: 'boolean' }),
    param('timeoutSeconds', 'query', 'Timeout for the list or watch call.', { type: 'integer' }),
    param('sendInitialEvents', 'query', 'Start a watch with the current state as ADDED events.', { type: 'boolean' }),
  ],
};

function responses(schema: Schema, codes: string[] = ['200']) {
  const out: Record<string, unknown> = {};
  for (const c of codes) out[c] = { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: jsonContent(schema) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

function operations(s: ResourceStrategy): Record<string, Schema> {
  const gvk = { group: s.group, version: s.version, kind: s.kind };
  const id = `${s.group ? s.group.split('.')[0] : 'core'}${s.version[0]!.toUpperCase()}${s.version.slice(1)}${s.namespaced ? 'Namespaced' : ''}${s.kind}`;
  const op = (action: string, verb: string, extra: Schema): Schema => ({
    description: `${verb} ${s.kind}`,
    operationId: `${verb}${id.replace(/^./, (c) => c.toUpperCase())}`,
    tags: [apiVersionOf(s)],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const base = s.group ? `/apis/${s.group}/${s.version}` : `/api/${s.version}`;
  const coll = s.namespaced ? `${base}/namespaces/{namespace}/${s.resource}` : `${base}/${s.resource}`;
  const pathParams = (withName: boolean) => [...(withName ? [P.name(s)] : []), ...(s.namespaced ? [P.namespace] : []), P.pretty];
  const paths: Record<string, Schema> = {};
  paths[coll] = {
    parameters: pathParams(false),
    get: op('list', 'list', { parameters: P.list, responses: responses(ref(`${s.definition}List`)) }),
    post: op('post', 'create', {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: { required: true, content: { '*/*': { schema: ref(s.definition) } } },
      responses: responses(ref(s.definition), ['200', '201', '202']),
    }),
    delete: op('deletecollection', 'deleteCollection', { parameters: [...P.list, P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], responses: responses(ref(`${META}.Status`)) }),
  };
  paths[`${coll}/{name}`] = {
    parameters: pathParams(true),
    get: op('get', 'read', { responses: responses(ref(s.definition)) }),
    put: op('put', 'replace', {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: { required: true, content: { '*/*': { schema: ref(s.definition) } } },
      responses: responses(ref(s.definition), ['200', '201']),
    }),
    patch: op('patch', 'patch', {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
      requestBody: {
        required: true,
        content: Object.fromEntries(
          ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'].map((t) => [t, { schema: ref(`${META}.Patch`) }]),
        ),
      },
      responses: responses(ref(s.definition), ['200', '201']),
    }),
    delete: op('delete', 'delete', { parameters: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], responses: responses(ref(s.definition), ['200', '202']) }),
  };
  if (s.hasStatus) {
    paths[`${coll}/{name}/status`] = {
      parameters: pathParams(true),
      get: op('get', 'readStatus', { responses: responses(ref(s.definition)) }),
      put: op('put', 'replaceStatus', { parameters: [P.dryRun, P.fieldManager, P.fieldValidation], requestBody: { required: true, content: { '*/*': { schema: ref(s.definition) } } }, responses: responses(ref(s.definition)) }),
    };
  }
  if (s.namespaced) paths[`${base}/${s.resource}`] = { parameters: [P.pretty], get: op('list', 'listForAllNamespaces', { parameters: P.list, responses: responses(ref(`${s.definition}List`)) }) };
  return paths;
}

/** Every definition reachable from the roots through $refs. */
function closure(all: Record<string, Schema>, roots: string[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (out[name] || !all[name]) continue;
    out[name] = all[name]!;
    const text = JSON.stringify(all[name]);
    for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) stack.push(m[1]!);
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).toUpperCase();
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const docs = new Map<string, { body: Schema; hash: string }>();

function buildDocument(registry: Registry, group: string, version: string): { body: Schema; hash: string } | undefined {
  const key = gvPath(group, version);
  const cached = docs.get(key);
  if (cached) return cached;
  const kinds = registry.inGroupVersion(group, version);
  if (!kinds.length) return undefined;
  const all: Record<string, Schema> = { ...(definitions() as Record<string, Schema>), ...commonDefinitions() };
  for (const s of kinds) all[`${s.definition}List`] = listDefinition(s);
  const paths: Record<string, Schema> = {};
  for (const s of kinds) Object.assign(paths, operations(s));
  const roots = [...kinds.flatMap((s) => [s.definition, `${s.definition}List`]), `${META}.Status`, `${META}.Patch`];
  const body: Schema = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (kube-sandbox)', version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: closure(all, roots) },
  };
  const doc = { body, hash: hash(JSON.stringify(body)) };
  docs.set(key, doc);
  return doc;
}

export function openapiIndex(registry: Registry): Schema {
  const paths: Record<string, Schema> = {};
  for (const gv of registry.groupVersions()) {
    const d = buildDocument(registry, gv.group, gv.version)!;
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` };
  }
  return { paths };
}

/** The document for `api/v1` or `apis/<group>/<version>`, or undefined. */
export function openapiDocument(registry: Registry, path: string): Schema | undefined {
  const p = path.replace(/\/+$/, '');
  const m = p.match(/^api\/([^/]+)$/) ?? p.match(/^apis\/([^/]+)\/([^/]+)$/);
  if (!m) return undefined;
  const [group, version] = m.length === 2 ? ['', m[1]!] : [m[1]!, m[2]!];
  return buildDocument(registry, group, version)?.body;
}
