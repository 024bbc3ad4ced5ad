// Sets of field paths as managedFields records them (FieldsV1), with the set algebra server-side apply needs.
import { ApiError } from '../errors.ts';
import { isObject, stableStringify, type Json, type JsonObject } from './json-value.ts';

/**
 * A tree of path elements. Keys are FieldsV1 path elements: `f:<field>`, `k:<json of list-map keys>`,
 * `v:<json value>` (set element) and `i:<index>`. `member` means the path itself is in the set
 * (FieldsV1 writes it as `{}` for a leaf or `".": {}` next to children).
 */
export interface FieldSet {
  member: boolean;
  children: Map<string, FieldSet>;
}

export function emptySet(): FieldSet {
  return { member: false, children: new Map() };
}

/** The child node for `key`, created when absent. */
export function childOf(set: FieldSet, key: string): FieldSet {
  let c = set.children.get(key);
  if (!c) {
    c = emptySet();
    set.children.set(key, c);
  }
  return c;
}

export function isEmptySet(set: FieldSet | undefined): boolean {
  return !set || (!set.member && set.children.size === 0);
}

/** Drops nodes that hold nothing, so "has a node" always means "owns something at or below". */
export function pruneEmpty(set: FieldSet): FieldSet {
  for (const [k, c] of set.children) {
    pruneEmpty(c);
    if (isEmptySet(c)) set.children.delete(k);
  }
  return set;
}

export function cloneSet(set: FieldSet): FieldSet {
  const out: FieldSet = { member: set.member, children: new Map() };
  for (const [k, c] of set.children) out.children.set(k, cloneSet(c));
  return out;
}

export function unionSets(a: FieldSet, b: FieldSet): FieldSet {
  const out = cloneSet(a);
  const merge = (into: FieldSet, from: FieldSet): void => {
    into.member ||= from.member;
    for (const [k, c] of from.children) merge(childOf(into, k), c);
  };
  merge(out, b);
  return out;
}

/** Members of `a` that are not members of `b`. */
export function subtractSets(a: FieldSet, b: FieldSet | undefined): FieldSet {
  if (!b) return cloneSet(a);
  const out: FieldSet = { member: a.member && !b.member, children: new Map() };
  for (const [k, c] of a.children) {
    const d = subtractSets(c, b.children.get(k));
    if (!isEmptySet(d)) out.children.set(k, d);
  }
  return out;
}

export function intersectSets(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && b.member, children: new Map() };
  for (const [k, c] of a.children) {
    const other = b.children.get(k);
    if (!other) continue;
    const d = intersectSets(c, other);
    if (!isEmptySet(d)) out.children.set(k, d);
  }
  return out;
}

const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

// Fields first, then list keys, set values and indices; alphabetical within a kind, as kube-apiserver prints them.
function compareKeys(a: string, b: string): number {
  const ra = KIND_RANK[a[0] as string] ?? 4;
  const rb = KIND_RANK[b[0] as string] ?? 4;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedChildren(set: FieldSet): Array<[string, FieldSet]> {
  return [...set.children].sort((x, y) => compareKeys(x[0], y[0]));
}

/** Every member path, depth first in display order, a node before its children. */
export function setMembers(set: FieldSet): string[][] {
  const out: string[][] = [];
  const walk = (node: FieldSet, path: string[]): void => {
    if (node.member) out.push(path);
    for (const [k, c] of sortedChildren(node)) walk(c, [...path, k]);
  };
  walk(set, []);
  return out;
}

/** A path as conflict messages print it: `.spec.containers[name="nginx"].image`. */
export function formatPath(path: string[]): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      switch (el.slice(0, 2)) {
        case 'f:':
          return `.${body}`;
        case 'k:': {
          const key = JSON.parse(body) as JsonObject;
          return `[${Object.keys(key)
            .map((k) => `${k}=${JSON.stringify(key[k])}`)
            .join(',')}]`;
        }
        case 'v:':
          return `[=${body}]`;
        case 'i:':
          return `[${body}]`;
        default:
          return el;
      }
    })
    .join('');
}

function invalid(message: string): ApiError {
  return new ApiError('BadRequest', `invalid managedFields: ${message}`);
}

/** Re-prints k:/v: elements canonically so equal keys compare equal whoever wrote them. */
function normalizeElement(key: string): string {
  const prefix = key.slice(0, 2);
  const body = key.slice(2);
  switch (prefix) {
    case 'f:':
      return key;
    case 'k:':
    case 'v:': {
      let parsed: Json;
      try {
        parsed = JSON.parse(body) as Json;
      } catch {
        throw invalid(`path element ${JSON.stringify(key)} does not hold valid JSON`);
      }
      if (prefix === 'k:' && !isObject(parsed)) throw invalid(`path element ${JSON.stringify(key)} must hold a JSON object`);
      return prefix + stableStringify(parsed);
    }
    case 'i:':
      if (!/^(0|[1-9][0-9]*)$/.test(body)) throw invalid(`path element ${JSON.stringify(key)} is not an index`);
      return key;
    default:
      throw invalid(`unknown path element ${JSON.stringify(key)}`);
  }
}

/** Decodes a `fieldsV1` object; malformed input is a 400 because clients may write managedFields. */
export function fieldSetFromFieldsV1(fields: unknown): FieldSet {
  if (!isObject(fields)) throw invalid('fieldsV1 must be a JSON object');
  const node = emptySet();
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (!isObject(value)) throw invalid(`value of ${JSON.stringify(key)} must be a JSON object`);
    if (key === '.') {
      node.member = true;
      continue;
    }
    const child = fieldSetFromFieldsV1(value);
    // `{}` names a leaf: the path itself is the member.
    if (Object.keys(value).length === 0) child.member = true;
    const target = childOf(node, normalizeElement(key));
    target.member ||= child.member;
    for (const [k, c] of child.children) target.children.set(k, c);
  }
  return node;
}

export function fieldSetToFieldsV1(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  for (const [k, c] of sortedChildren(set)) {
    if (isEmptySet(c)) continue;
    const inner = fieldSetToFieldsV1(c);
    if (c.member && Object.keys(inner).length > 0) out[k] = { '.': {}, ...inner };
    else out[k] = inner;
  }
  return out;
}
