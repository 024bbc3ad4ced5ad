// Maps object values onto field sets: which paths an object sets, which paths a write changed, and where a path points.
import { deepEqual, hasOwn, isObject, stableStringify, type Json, type JsonObject } from './json-value.ts';
import { childOf, emptySet, pruneEmpty, type FieldSet } from './fieldset.ts';
import type { SchemaNode } from './schema-node.ts';

export type ListSemantics = { kind: 'atomic' } | { kind: 'set' } | { kind: 'map'; keys: string[] };

/**
 * How server-side apply treats a list. x-kubernetes-list-type wins; without it a list whose patch
 * strategy is merge is keyed by its patch merge key (or is a set of primitives); the rest are atomic.
 */
export function listSemantics(schema: SchemaNode | undefined): ListSemantics {
  if (!schema) return { kind: 'atomic' };
  const mergeKey = schema.patchMergeKey;
  switch (schema.listType) {
    case 'atomic':
      return { kind: 'atomic' };
    case 'set':
      return { kind: 'set' };
    case 'map': {
      const keys = schema.listMapKeys?.length ? schema.listMapKeys : mergeKey ? [mergeKey] : undefined;
      return keys ? { kind: 'map', keys } : { kind: 'atomic' };
    }
  }
  const strategies = (schema.patchStrategy ?? '').split(',').map((s) => s.trim());
  if (!strategies.includes('merge')) return { kind: 'atomic' };
  return mergeKey ? { kind: 'map', keys: [mergeKey] } : { kind: 'set' };
}

function isAtomicMap(schema: SchemaNode | undefined): boolean {
  return schema?.mapType === 'atomic';
}

/** The `k:` element of a list-map item; a key field that is absent falls back to its schema default. */
function mapElementKey(el: Json, keys: string[], items: SchemaNode | undefined): string | undefined {
  if (!isObject(el)) return undefined;
  const key: JsonObject = {};
  let found = 0;
  for (const name of keys) {
    const v = hasOwn(el, name) ? el[name] : items?.field(name)?.default;
    if (v === undefined || v === null) continue;
    key[name] = v;
    found++;
  }
  return found ? `k:${stableStringify(key)}` : undefined;
}

/**
 * The path element of each item, or undefined when some item cannot be keyed (a list-map item
 * without any key field, a set holding maps): such a list is then handled as atomic.
 */
export function elementKeys(list: Json[], sem: ListSemantics, items: SchemaNode | undefined): string[] | undefined {
  if (sem.kind === 'atomic') return undefined;
  const out: string[] = [];
  for (const el of list) {
    let key: string | undefined;
    if (sem.kind === 'map') key = mapElementKey(el, sem.keys, items);
    else if (!isObject(el) && !Array.isArray(el)) key = `v:${stableStringify(el)}`;
    if (key === undefined) return undefined;
    out.push(key);
  }
  return out;
}

function keyedList(list: Json[], schema: SchemaNode | undefined): { sem: ListSemantics; keys: string[] } | undefined {
  if (list.length === 0) return undefined;
  const sem = listSemantics(schema);
  const keys = elementKeys(list, sem, schema?.items());
  return keys ? { sem, keys } : undefined;
}

/**
 * The fields an object sets, as apply records them: every leaf, every list-map or set item
 * (plus the item's own fields), and atomic lists, atomic maps, empty maps and nulls as single leaves.
 */
export function fieldSetOf(obj: Json, schema: SchemaNode): FieldSet {
  const root = emptySet();
  if (isObject(obj)) collectFields(obj, schema, root);
  else collect(obj, schema, root);
  return pruneEmpty(root);
}

function collect(v: Json, schema: SchemaNode | undefined, node: FieldSet): void {
  if (Array.isArray(v)) {
    const keyed = keyedList(v, schema);
    if (!keyed) {
      node.member = true;
      return;
    }
    const items = schema?.items();
    v.forEach((el, i) => {
      const c = childOf(node, keyed.keys[i] as string);
      c.member = true;
      if (keyed.sem.kind === 'map' && isObject(el)) collectFields(el, items, c);
    });
    return;
  }
  if (isObject(v) && !isAtomicMap(schema) && Object.keys(v).length > 0) {
    collectFields(v, schema, node);
    return;
  }
  node.member = true;
}

function collectFields(obj: JsonObject, schema: SchemaNode | undefined, node: FieldSet): void {
  for (const k of Object.keys(obj)) collect(obj[k] as Json, schema?.field(k), childOf(node, `f:${k}`));
}

export interface FieldDiff {
  /** Paths added or modified by the write (a whole added subtree counts, item by item). */
  changed: FieldSet;
  /** Paths the write took away. */
  removed: FieldSet;
}

// Fields a Go typed object always carries, even when empty: value structs (schema default `{}`) and
// non-omitempty fields (listed in `required`). On the path from the root through such fields, filling one
// in does not "add" it, so kube-apiserver records no `.` for spec, metadata, template, containers...
function preExisting(zero: boolean, parent: SchemaNode | undefined, key: string, fieldSchema: SchemaNode | undefined): boolean {
  if (!zero) return false;
  const d = fieldSchema?.default;
  return (isObject(d) && Object.keys(d).length === 0) || (parent?.required?.includes(key) ?? false);
}

/** What a write changed, path by path, in the shape managedFields use. */
export function diffFields(oldObj: Json | undefined, newObj: Json | undefined, schema: SchemaNode): FieldDiff {
  const changed = emptySet();
  const removed = emptySet();
  diffValue(oldObj ?? {}, newObj ?? {}, schema, changed, removed, true);
  changed.member = false;
  removed.member = false;
  return { changed: pruneEmpty(changed), removed: pruneEmpty(removed) };
}

function diffValue(o: Json, n: Json, schema: SchemaNode | undefined, ch: FieldSet, rm: FieldSet, zero: boolean): void {
  if (isObject(o) && isObject(n) && !isAtomicMap(schema)) {
    for (const k of Object.keys(n)) {
      const fs = schema?.field(k);
      const pre = preExisting(zero, schema, k, fs);
      if (hasOwn(o, k)) diffValue(o[k] as Json, n[k] as Json, fs, childOf(ch, `f:${k}`), childOf(rm, `f:${k}`), pre);
      else addTree(n[k] as Json, fs, childOf(ch, `f:${k}`), pre);
    }
    for (const k of Object.keys(o)) if (!hasOwn(n, k)) addTree(o[k] as Json, schema?.field(k), childOf(rm, `f:${k}`), false);
    return;
  }
  if (Array.isArray(o) && Array.isArray(n)) {
    const sem = listSemantics(schema);
    const items = schema?.items();
    const ko = elementKeys(o, sem, items);
    const kn = elementKeys(n, sem, items);
    if (ko && kn) {
      const before = new Map<string, Json>();
      o.forEach((el, i) => {
        if (!before.has(ko[i] as string)) before.set(ko[i] as string, el);
      });
      const after = new Set<string>();
      n.forEach((el, i) => {
        const k = kn[i] as string;
        if (after.has(k)) return;
        after.add(k);
        const prev = before.get(k);
        if (prev === undefined) addTree(el, items, childOf(ch, k), false);
        else if (sem.kind === 'map') diffValue(prev, el, items, childOf(ch, k), childOf(rm, k), false);
      });
      for (const [k, el] of before) if (!after.has(k)) addTree(el, items, childOf(rm, k), false);
      return;
    }
  }
  if (deepEqual(o, n)) return;
  // A leaf changed, or the value changed shape: the path is modified and whatever hung below it went away.
  ch.member = true;
  addChildren(n, schema, ch, false);
  addChildren(o, schema, rm, false);
}

/** Marks a whole subtree as present: the node itself (unless it pre-existed) and every path below it. */
function addTree(v: Json, schema: SchemaNode | undefined, node: FieldSet, pre: boolean): void {
  // Only a granular container can pre-exist silently; an atomic value that appears was modified.
  const granular = isObject(v) ? !isAtomicMap(schema) : Array.isArray(v) && keyedList(v, schema) !== undefined;
  node.member = !(pre && granular);
  addChildren(v, schema, node, pre && isObject(v));
}

function addChildren(v: Json, schema: SchemaNode | undefined, node: FieldSet, zero: boolean): void {
  if (isObject(v)) {
    if (isAtomicMap(schema)) return;
    for (const k of Object.keys(v)) {
      const fs = schema?.field(k);
      addTree(v[k] as Json, fs, childOf(node, `f:${k}`), preExisting(zero, schema, k, fs));
    }
    return;
  }
  if (Array.isArray(v)) {
    const keyed = keyedList(v, schema);
    if (!keyed) return;
    const items = schema?.items();
    v.forEach((el, i) => addTree(el, items, childOf(node, keyed.keys[i] as string), false));
  }
}

/** The schema of the value one path element below. */
export function schemaBelow(schema: SchemaNode | undefined, element: string): SchemaNode | undefined {
  return element.startsWith('f:') ? schema?.field(element.slice(2)) : schema?.items();
}
