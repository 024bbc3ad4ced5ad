// Kubernetes strategic merge patch: what kubectl apply/edit/patch/set/rollout send for built-in kinds.
import { ApiError } from '../errors.ts';
import { cloneJson, deepEqual, hasOwn, isObject, setOwn, stableStringify, type Json, type JsonObject } from './json-value.ts';
import { arrangeList } from './list-order.ts';
import type { SchemaNode } from './schema-node.ts';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/** Returned by a map merge whose patch said `$patch: delete`: the parent drops the key. */
const DELETED = Symbol('deleted');
type MapResult = JsonObject | typeof DELETED;

function bad(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

function isDirectiveKey(key: string): boolean {
  return key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER) || key.startsWith(DELETE_FROM);
}

function strategies(schema: SchemaNode | undefined): string[] {
  return (schema?.patchStrategy ?? '').split(',').map((s) => s.trim());
}

function describe(v: Json): string {
  return JSON.stringify(v);
}

/**
 * Applies a strategic merge patch to a copy of `original`. Maps merge and null deletes; lists merge by
 * their patch merge key only when the schema says `x-kubernetes-patch-strategy: merge`, else they are
 * replaced. Directives ($patch, $retainKeys, $setElementOrder/, $deleteFromPrimitiveList/) are honoured
 * and never appear in the result. Malformed patches throw a 400 ApiError.
 */
export function strategicMergePatch(original: Json, patch: Json, schema: SchemaNode): JsonObject {
  if (!isObject(patch)) throw bad(`strategic merge patch must be a JSON object, got ${Array.isArray(patch) ? 'an array' : describe(patch)}`);
  if (!isObject(original)) throw bad('strategic merge patch can only be applied to a JSON object');
  const result = mergeMap(cloneJson(original), patch, schema);
  return result === DELETED ? {} : result;
}

// `target` is always a private copy owned by this call; `patch` is only read, never aliased into the result.
function mergeMap(target: JsonObject, patch: JsonObject, schema: SchemaNode | undefined): MapResult {
  if (hasOwn(patch, PATCH)) {
    const directive = patch[PATCH];
    if (directive === 'delete') return DELETED;
    if (directive === 'replace') {
      const rest: JsonObject = {};
      for (const k of Object.keys(patch)) if (k !== PATCH) setOwn(rest, k, patch[k] as Json);
      return mergeMap({}, rest, schema);
    }
    if (directive !== 'merge') throw bad(`unknown patch type: ${describe(directive as Json)} in map: ${describe(patch)}`);
  }

  if (hasOwn(patch, RETAIN_KEYS)) applyRetainKeys(target, patch);

  const orders = new Map<string, Json>();
  const deletions = new Map<string, Json>();
  for (const key of Object.keys(patch)) {
    if (key.startsWith(SET_ORDER)) {
      const field = key.slice(SET_ORDER.length);
      if (!field) throw bad('invalid patch format of setElementOrder list');
      orders.set(field, patch[key] as Json);
    } else if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      if (!field) throw bad('invalid patch format of primitive list');
      deletions.set(field, patch[key] as Json);
    }
  }

  for (const key of Object.keys(patch)) {
    if (isDirectiveKey(key)) continue;
    const value = patch[key] as Json;
    if (value === null) {
      delete target[key];
      continue;
    }
    const fieldSchema = schema?.field(key);
    const current = hasOwn(target, key) ? target[key] : undefined;
    if (Array.isArray(value)) {
      setOwn(target, key, mergeList(Array.isArray(current) ? current : undefined, value, fieldSchema, orders.get(key), key));
    } else if (isObject(value)) {
      const base = isObject(current) && !strategies(fieldSchema).includes('replace') ? current : {};
      const merged = mergeMap(base, value, fieldSchema);
      if (merged === DELETED) delete target[key];
      else setOwn(target, key, merged);
    } else {
      setOwn(target, key, value);
    }
  }

  // An order for a list the patch leaves alone still reorders the live list.
  for (const [field, order] of orders) {
    if (Array.isArray(patch[field])) continue;
    const current = target[field];
    const fieldSchema = schema?.field(field);
    if (Array.isArray(current) && strategies(fieldSchema).includes('merge')) setOwn(target, field, mergeList(current, [], fieldSchema, order, field));
  }

  for (const [field, values] of deletions) {
    if (!Array.isArray(values)) throw bad('invalid patch format of primitive list');
    const current = target[field];
    if (Array.isArray(current)) setOwn(target, field, current.filter((item) => !values.some((v) => deepEqual(v, item))));
  }
  return target;
}

function applyRetainKeys(target: JsonObject, patch: JsonObject): void {
  const list = patch[RETAIN_KEYS];
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) throw bad('invalid patch format of retainKeys');
  const keep = new Set(list as string[]);
  for (const k of Object.keys(patch)) {
    if (isDirectiveKey(k) || patch[k] === null) continue;
    if (!keep.has(k)) throw bad(`invalid patch format of retainKeys: ${JSON.stringify(k)} is patched but not listed in $retainKeys`);
  }
  for (const k of Object.keys(target)) if (!keep.has(k)) delete target[k];
}

/** A list that is replaced wholesale still loses its directives and nulls inside maps. */
function cleanList(list: Json[], items: SchemaNode | undefined): Json[] {
  const out: Json[] = [];
  for (const el of list) {
    if (isObject(el)) {
      if (hasOwn(el, PATCH)) continue;
      out.push(mergeMap({}, el, items) as JsonObject);
    } else if (Array.isArray(el)) {
      out.push(cleanList(el, undefined));
    } else {
      out.push(el);
    }
  }
  return out;
}

function mergeList(current: Json[] | undefined, patch: Json[], schema: SchemaNode | undefined, order: Json | undefined, field: string): Json[] {
  if (!strategies(schema).includes('merge')) return cleanList(patch, schema?.items());
  const original = current ?? [];
  if (order !== undefined && !Array.isArray(order)) throw bad('invalid patch format of setElementOrder list');
  const all = [...original, ...patch, ...((order as Json[] | undefined) ?? [])];
  if (all.some(Array.isArray)) throw bad('lists of lists are not supported');
  const objects = all.filter(isObject).length;
  if (objects === 0) return mergePrimitiveList(original, patch, order as Json[] | undefined, field);
  if (objects !== all.filter((x) => x !== null).length) throw bad(`list "${field}" mixes maps and scalars and cannot be merged`);
  return mergeMapList(original, patch as JsonObject[], schema, order as JsonObject[] | undefined, field);
}

function primitiveKey(v: Json): string {
  return stableStringify(v);
}

function mergePrimitiveList(original: Json[], patch: Json[], order: Json[] | undefined, field: string): Json[] {
  const seen = new Set<string>();
  const merged: Json[] = [];
  for (const v of [...original, ...patch]) {
    const k = primitiveKey(v);
    if (seen.has(k)) continue;
    seen.add(k);
    merged.push(v);
  }
  if (order) checkOrder(patch.map(primitiveKey), order.map(primitiveKey), field);
  return arrangeList(merged, merged.map(primitiveKey), (order ?? patch).map(primitiveKey), original.map(primitiveKey));
}

function mergeMapList(original: Json[], patch: JsonObject[], schema: SchemaNode | undefined, order: JsonObject[] | undefined, field: string): Json[] {
  const mergeKey = schema?.patchMergeKey;
  if (!mergeKey) throw bad(`cannot merge lists without merge key for ${field}`);
  const requireKey = (el: JsonObject): void => {
    if (!hasOwn(el, mergeKey)) throw bad(`map: ${describe(el)} does not contain declared merge key: ${mergeKey}`);
  };
  const keyOf = (el: Json): string => primitiveKey(isObject(el) ? (el[mergeKey] ?? null) : el);
  const items = schema?.items();
  const previous = original.map(keyOf);
  let work = [...original];
  let workKeys = [...previous];
  let replace = false;
  const elements: JsonObject[] = [];
  for (const el of patch) {
    const directive = el[PATCH];
    if (directive === undefined || directive === 'merge') {
      // A bare {"$patch":"merge"} marker only restates the default.
      if (directive === 'merge' && !hasOwn(el, mergeKey) && Object.keys(el).length === 1) continue;
      requireKey(el);
      elements.push(el);
    } else if (directive === 'delete') {
      requireKey(el);
      const doomed = keyOf(el);
      const keep = workKeys.map((k) => k !== doomed);
      work = work.filter((_, i) => keep[i]);
      workKeys = workKeys.filter((_, i) => keep[i]);
    } else if (directive === 'replace') {
      replace = true;
    } else {
      throw bad(`unknown patch type: ${describe(directive as Json)} in map: ${describe(el)}`);
    }
  }
  if (replace) {
    work = [];
    workKeys = [];
  }
  if (order) {
    order.forEach(requireKey);
    checkOrder(elements.map(keyOf), order.map(keyOf), field);
  }

  const index = new Map<string, number>();
  workKeys.forEach((k, i) => {
    if (!index.has(k)) index.set(k, i);
  });
  const elementKeys: string[] = [];
  for (const el of elements) {
    const k = keyOf(el);
    elementKeys.push(k);
    const at = index.get(k);
    if (at !== undefined && isObject(work[at])) {
      work[at] = mergeMap(work[at] as JsonObject, el, items) as JsonObject;
    } else {
      index.set(k, work.length);
      work.push(mergeMap({}, el, items) as JsonObject);
      workKeys.push(k);
    }
  }
  return arrangeList(work, workKeys, order ? order.map(keyOf) : elementKeys, previous);
}

/** $setElementOrder must list the patched elements in the same relative order as the patch does. */
function checkOrder(patchKeys: string[], orderKeys: string[], field: string): void {
  if (orderKeys.length === 0) return;
  let j = 0;
  for (const k of patchKeys) {
    while (j < orderKeys.length && orderKeys[j] !== k) j++;
    if (j === orderKeys.length) throw bad(`the order of "${field}" in the patch list doesn't match its $setElementOrder list`);
    j++;
  }
}
