// Reads: get, and list with label/field selectors and limit/continue paging over the store's ordered keys.
import { ApiError, errors } from './errors.ts';
import type { ApiContext } from './context.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { storageResource } from '../registry/registry.ts';
import type { KubeObject } from '../types.ts';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, type FieldRequirement, type LabelSelector } from './selectors.ts';

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continue?: string | null;
  /** `resourceVersion` and `resourceVersionMatch` of the request: NotOlderThan (the default) or Exact. */
  resourceVersion?: string | null;
  resourceVersionMatch?: string | null;
}

export interface ListResult {
  items: Array<{ object: KubeObject; json: string }>;
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A compiled filter: what watch and list both apply to each object. */
export interface ObjectFilter {
  namespace: string | undefined;
  labels: LabelSelector;
  fields: FieldRequirement[];
  matches(obj: KubeObject): boolean;
}

export function fieldSelectorKeys(s: ResourceStrategy): string[] {
  return ['metadata.name', 'metadata.namespace', ...Object.keys(s.fieldSelectors ?? {})];
}

export function fieldValue(s: ResourceStrategy, obj: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return obj.metadata.name;
  if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
  return s.fieldSelectors?.[field]?.(obj);
}

export function compileFilter(s: ResourceStrategy, namespace: string | undefined, labelSelector?: string | null, fieldSelector?: string | null): ObjectFilter {
  const labels = parseLabelSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector, fieldSelectorKeys(s));
  const ns = s.namespaced ? namespace : undefined;
  return {
    namespace: ns,
    labels,
    fields,
    matches(obj) {
      if (ns !== undefined && (obj.metadata.namespace ?? '') !== ns) return false;
      if (labels.length && !matchesLabels(labels, obj.metadata.labels)) return false;
      if (fields.length && !matchesFields(fields, (f) => fieldValue(s, obj, f))) return false;
      return true;
    },
  };
}

export function getObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, name: string): { object: KubeObject; json: string } {
  const resource = storageResource(s);
  const ns = s.namespaced ? (namespace ?? '') : '';
  const json = ctx.store.getJSON(resource, ns, name);
  if (json === undefined) throw errors.notFound(s.resource, s.group, name);
  const stored = ctx.store.get(resource, ns, name)!;
  if (s.storage) {
    const object = s.storage.fromStorage(JSON.parse(json) as KubeObject);
    return { object, json: JSON.stringify(object) };
  }
  return { object: stored, json };
}

interface ContinueToken {
  rv: number;
  after: string;
}

function encodeContinue(t: ContinueToken): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.after })).replace(/=+$/, '');
}

function decodeContinue(token: string, current: number): ContinueToken {
  let t: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    t = JSON.parse(atob(token)) as typeof t;
  } catch {
    throw new ApiError('BadRequest', 'continue key is not valid: the continue token could not be decoded');
  }
  if (t?.v !== 'meta.k8s.io/v1') throw new ApiError('BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof t.rv !== 'number' || !Number.isSafeInteger(t.rv) || t.rv <= 0 || t.rv > current || typeof t.start !== 'string')
    throw new ApiError('BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return { rv: t.rv, after: t.start };
}

/** A resourceVersion given to a list: a non-negative integer no newer than the store. */
function parseListRV(raw: string, current: number): number {
  if (!/^\d+$/.test(raw)) throw new ApiError('BadRequest', `invalid resource version: ${JSON.stringify(raw)}`);
  const rv = Number(raw);
  if (rv > current) throw new ApiError('Timeout', `Too large resource version: ${rv}, current: ${current}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
  return rv;
}

/**
 * The objects of `resource` as they were at revision `rv` (etcd serves continue pages and Exact lists at their
 * snapshot): today's list with every key changed since `rv` put back as it was. 410 when history has been compacted.
 */
function listAt(ctx: ApiContext, resource: string, namespace: string | undefined, rv: number): Array<{ object: KubeObject; json: string }> {
  let changes;
  try {
    changes = ctx.store.changesSince(rv, resource);
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'Expired')
      throw new ApiError('Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    throw e;
  }
  if (!changes.length) return ctx.store.list(resource, namespace);
  const then = new Map<string, { object: KubeObject; json: string } | null>();
  for (const c of changes) {
    if (namespace !== undefined && c.key.namespace !== namespace) continue;
    const key = `${c.key.namespace}/${c.key.name}`;
    if (then.has(key)) continue;
    const before = c.type === 'ADDED' ? undefined : (c.prev ?? c.object);
    then.set(key, before ? { object: before, json: JSON.stringify(before) } : null);
  }
  const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const out = ctx.store.list(resource, namespace).filter((e) => !then.has(keyOf(e.object)));
  for (const e of then.values()) if (e) out.push(e);
  return out.sort((a, b) => (keyOf(a.object) < keyOf(b.object) ? -1 : keyOf(a.object) > keyOf(b.object) ? 1 : 0));
}

export function listObjects(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, o: ListOptions = {}): ListResult {
  const filter = compileFilter(s, namespace, o.labelSelector, o.fieldSelector);
  const resource = storageResource(s);
  const current = ctx.store.revision;
  const match = o.resourceVersionMatch || undefined;
  if (match !== undefined && match !== 'Exact' && match !== 'NotOlderThan')
    throw new ApiError('BadRequest', `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  if (match !== undefined && !o.resourceVersion) throw new ApiError('BadRequest', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (match !== undefined && o.continue) throw new ApiError('BadRequest', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided');
  let after: string | undefined;
  let rv = current;
  let snapshot: number | undefined;
  if (o.continue) {
    const t = decodeContinue(o.continue, current);
    after = t.after;
    rv = t.rv;
    snapshot = t.rv;
  } else if (o.resourceVersion) {
    const asked = parseListRV(o.resourceVersion, current);
    if (match === 'Exact') {
      if (asked === 0) throw new ApiError('BadRequest', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
      rv = asked;
      snapshot = asked;
    }
  }
  const limit = o.limit && o.limit > 0 ? o.limit : Infinity;
  const all = snapshot !== undefined && snapshot < current ? listAt(ctx, resource, filter.namespace, snapshot) : ctx.store.list(resource, filter.namespace);
  const items: Array<{ object: KubeObject; json: string }> = [];
  let lastKey = '';
  let remaining = 0;
  for (const e of all) {
    const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
    if (after !== undefined && key <= after) continue;
    if (!filter.matches(e.object)) continue;
    if (items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(e);
    lastKey = key;
  }
  const converted = s.storage
    ? items.map((e) => {
        const object = s.storage!.fromStorage(JSON.parse(e.json) as KubeObject);
        return { object, json: JSON.stringify(object) };
      })
    : items;
  const res: ListResult = { items: converted, resourceVersion: String(rv) };
  if (remaining > 0) {
    res.continue = encodeContinue({ rv, after: lastKey });
    if (!filter.labels.length && !filter.fields.length) res.remainingItemCount = remaining;
  }
  return res;
}
