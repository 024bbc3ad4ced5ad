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

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(atob(token)) as { rv?: unknown; start?: unknown };
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('shape');
    return { rv: t.rv, after: t.start };
  } catch {
    throw new ApiError('BadRequest', 'continue key is not valid: the continue token could not be decoded');
  }
}

export function listObjects(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, o: ListOptions = {}): ListResult {
  const filter = compileFilter(s, namespace, o.labelSelector, o.fieldSelector);
  const resource = storageResource(s);
  let after: string | undefined;
  let rv = ctx.store.revision;
  if (o.continue) {
    const t = decodeContinue(o.continue);
    after = t.after;
    rv = t.rv;
  }
  const limit = o.limit && o.limit > 0 ? o.limit : Infinity;
  const all = ctx.store.list(resource, filter.namespace);
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
