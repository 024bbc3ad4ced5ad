// `POST /api/sessions/{id}/apply`: many YAML/JSON documents applied like `kubectl apply`, all or nothing.
import { ApiError, toStatus } from './errors.ts';
import { parseJson, parseYamlDocuments, type YamlDoc } from './decode.ts';
import type { ApiEnv, Caller } from './handler.ts';
import { applyObject } from './rest.ts';
import type { KubeObject } from '../types.ts';
import { isPlainObject } from '../util.ts';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResultItem {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  action: ApplyAction;
  /** kubectl's wording: `deployment.apps/nginx created`. */
  message: string;
}

export interface ApplyResponse {
  status: number;
  body: Record<string, unknown>;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const APPLY_MANAGER = 'kube-sandbox';
export const MAX_APPLY_OBJECTS = 1_000;

function documents(text: string, contentType: string | null): YamlDoc[] {
  const ct = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/json') {
    const v = parseJson(text);
    return (Array.isArray(v) ? v : [v]).map((value) => ({ value, line: 1 }));
  }
  return parseYamlDocuments(text);
}

/** Lists (`kind: List`, or `*List` with items) are unpacked, as kubectl does. */
function flatten(docs: YamlDoc[]): Array<{ obj: KubeObject; line: number }> {
  const out: Array<{ obj: KubeObject; line: number }> = [];
  for (const d of docs) {
    if (d.value === null || d.value === undefined) continue;
    if (!isPlainObject(d.value)) throw new ApiError('BadRequest', `document at line ${d.line} is not an object`);
    const v = d.value as KubeObject & { items?: unknown };
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      for (const item of v.items) {
        if (!isPlainObject(item)) throw new ApiError('BadRequest', `an item of the list at line ${d.line} is not an object`);
        out.push({ obj: item as KubeObject, line: d.line });
      }
    } else out.push({ obj: v, line: d.line });
  }
  return out;
}

/** Thrown at the end of a dry run so the store's transaction rolls every write back; carries what would have happened. */
class DryRunDone {
  constructor(readonly results: ApplyResultItem[]) {}
}

/** `dryRun`: every document goes through admission and validation, and nothing is stored (`?dryRun=All`). */
export function applyManifests(env: ApiEnv, text: string, contentType: string | null, caller: Caller, dryRun = false): ApplyResponse {
  try {
    const objs = flatten(documents(text, contentType));
    if (!objs.length) throw new ApiError('BadRequest', 'no objects passed to apply');
    // one request holds the cluster while it applies: a bound keeps every other client answered
    if (objs.length > MAX_APPLY_OBJECTS) throw new ApiError('RequestEntityTooLarge', `${objs.length} objects in one apply; at most ${MAX_APPLY_OBJECTS} are taken at once`);
    // Check every document's identity before writing anything.
    const plan = objs.map(({ obj, line }) => {
      if (typeof obj.apiVersion !== 'string' || !obj.apiVersion || typeof obj.kind !== 'string' || !obj.kind)
        throw new ApiError('BadRequest', `document at line ${line}: apiVersion and kind are required`);
      const s = env.registry.forKind(obj.apiVersion, obj.kind);
      if (!s) throw new ApiError('BadRequest', `document at line ${line}: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
      const meta = isPlainObject(obj.metadata) ? obj.metadata : undefined;
      const name = meta?.name;
      if (typeof name !== 'string' || !name) throw new ApiError('BadRequest', `document at line ${line}: ${obj.kind} has no metadata.name (apply needs a name)`);
      const namespace = s.namespaced ? (typeof meta?.namespace === 'string' && meta.namespace ? meta.namespace : 'default') : undefined;
      return { s, obj, name, namespace };
    });
    // Namespaces first, so a manifest that creates a namespace and fills it applies in one go.
    plan.sort((a, b) => Number(b.s.kind === 'Namespace') - Number(a.s.kind === 'Namespace'));
    const changed: KubeObject[] = [];
    let results: ApplyResultItem[];
    try {
      results = env.store.transaction(() => {
        const done = plan.map(({ s, obj, name, namespace }) => {
          const applied = JSON.parse(JSON.stringify(obj)) as KubeObject;
          const annotations = { ...(applied.metadata.annotations ?? {}) };
          delete annotations[LAST_APPLIED];
          const lastApplied = JSON.stringify({ ...applied, metadata: { ...applied.metadata, annotations: Object.keys(annotations).length ? annotations : undefined } });
          applied.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${lastApplied}\n` };
          if (namespace) applied.metadata.namespace = namespace;
          const r = applyObject(env, s, namespace, name, applied, { fieldManager: APPLY_MANAGER, force: true, fieldValidation: 'Strict' });
          if (r.changed) changed.push(r.object);
          const action: ApplyAction = r.created ? 'created' : r.changed ? 'configured' : 'unchanged';
          const item: ApplyResultItem = {
            apiVersion: obj.apiVersion,
            kind: obj.kind,
            name,
            action,
            message: `${s.singular}${s.group ? `.${s.group}` : ''}/${name} ${action}${dryRun ? ' (server dry run)' : ''}`,
          };
          if (namespace) item.namespace = namespace;
          return item;
        });
        if (dryRun) throw new DryRunDone(done);
        return done;
      });
    } catch (e) {
      if (!(e instanceof DryRunDone)) throw e;
      return { status: 200, body: { kind: 'ApplyResult', apiVersion: 'sandbox/v1', results: e.results } };
    }
    // Only what committed is activity: a rolled-back document never happened.
    for (const object of changed) env.onWrite?.({ caller, verb: 'apply', object, dryRun: false });
    return { status: 200, body: { kind: 'ApplyResult', apiVersion: 'sandbox/v1', results } };
  } catch (e) {
    const st = toStatus(e);
    return { status: st.code, body: st as unknown as Record<string, unknown> };
  }
}
