// Server-side apply (application/apply-patch+yaml): merge a manager's intent into the live object and track who owns what.
import { ApiError } from '../errors.ts';
import type { KubeObject, ManagedFieldsEntry } from '../../types.ts';
import { cloneJson, deepEqual, hasOwn, isObject, setOwn, type Json, type JsonObject } from './json-value.ts';
import {
  formatPath,
  intersectSets,
  isEmptySet,
  setMembers,
  subtractSets,
  unionSets,
  emptySet,
  type FieldSet,
} from './fieldset.ts';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  sameManager,
  SERVER_METADATA,
  stripUnowned,
  type ManagerEntry,
} from './managed-fields.ts';
import { diffFields, elementKeys, fieldSetOf, listSemantics, schemaBelow } from './object-fields.ts';
import type { SchemaNode } from './schema-node.ts';

/** The manager kube-apiserver invents for objects that predate field tracking. */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

export interface ServerSideApplyOptions {
  /** The stored object; undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration (the request body, already decoded from YAML/JSON). */
  applied: unknown;
  manager: string;
  force?: boolean;
  schema: SchemaNode;
  now: Date | number | string;
  /** 'status' when applying to the status subresource: only status is then taken from `applied`. */
  subresource?: string;
}

export interface ServerSideApplyResult {
  /** The object to store, with metadata.managedFields already set. */
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

function bad(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

/** A private copy of the applied configuration without anything the server alone decides. */
function sanitizeApplied(applied: JsonObject, subresource?: string): JsonObject {
  const out = cloneJson(applied);
  const meta = out.metadata;
  if (meta !== undefined && !isObject(meta)) throw bad('metadata must be a JSON object');
  if (isObject(meta)) for (const f of SERVER_METADATA) delete meta[f];
  if (subresource === 'status') {
    for (const k of Object.keys(out)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) delete out[k];
    if (isObject(meta)) for (const k of Object.keys(meta)) if (k !== 'name' && k !== 'namespace') delete meta[k];
  } else {
    delete out.status;
  }
  return out;
}

/** Nulls in applied subtrees mean "unset": they never reach the stored object. */
function dropNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else setOwn(v, k, dropNulls(v[k] as Json));
    }
  }
  return v;
}

/**
 * The order of a merged keyed list: applied items come in applied order; a live item the configuration
 * does not mention stays where it was relative to the items around it, so new items land after it.
 */
function mergedOrder(liveKeys: string[], appliedKeys: string[]): Array<{ live: number } | { applied: number }> {
  const liveSet = new Set(liveKeys);
  const appliedSet = new Set(appliedKeys);
  const shared = appliedKeys.filter((k) => liveSet.has(k));
  const done = new Set<string>();
  const out: Array<{ live: number } | { applied: number }> = [];
  let next = 0;
  let li = 0;
  let ri = 0;
  const emitApplied = (): void => {
    const k = appliedKeys[ri] as string;
    if (!done.has(k)) out.push({ applied: ri });
    done.add(k);
    if (shared[next] === k) next++;
    ri++;
  };
  while (li < liveKeys.length || ri < appliedKeys.length) {
    if (li < liveKeys.length) {
      const k = liveKeys[li] as string;
      if (ri < appliedKeys.length && k === appliedKeys[ri]) {
        li++;
        emitApplied();
        continue;
      }
      if (!appliedSet.has(k)) {
        out.push({ live: li++ });
        continue;
      }
      // A live item the configuration also names is emitted when the applied walk reaches it.
      if (done.has(k) || (next < shared.length && shared[next] !== k) || ri >= appliedKeys.length) {
        li++;
        continue;
      }
    }
    if (ri < appliedKeys.length) emitApplied();
  }
  return out;
}

/**
 * live ⊕ applied: maps merge, list-maps merge item by item, sets union, atomic values are replaced.
 * Both arguments are private copies; the result reuses them. Undefined means "remove the field".
 */
function mergeApplied(live: Json | undefined, applied: Json, schema: SchemaNode | undefined): Json | undefined {
  if (applied === null) return undefined;
  if (isObject(applied)) {
    if (!isObject(live) || schema?.mapType === 'atomic') return dropNulls(applied);
    for (const k of Object.keys(applied)) {
      const merged = mergeApplied(hasOwn(live, k) ? live[k] : undefined, applied[k] as Json, schema?.field(k));
      if (merged === undefined) delete live[k];
      else setOwn(live, k, merged);
    }
    return live;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const sem = listSemantics(schema);
    const items = schema?.items();
    const liveKeys = elementKeys(live, sem, items);
    const appliedKeys = elementKeys(applied, sem, items);
    if (liveKeys && appliedKeys) {
      const at = new Map<string, number>();
      liveKeys.forEach((k, i) => {
        if (!at.has(k)) at.set(k, i);
      });
      const take = (i: number): Json => {
        const el = applied[i] as Json;
        const idx = at.get(appliedKeys[i] as string);
        if (idx === undefined) return dropNulls(el);
        const current = live[idx] as Json;
        return sem.kind === 'map' ? (mergeApplied(current, el, items) ?? current) : current;
      };
      return mergedOrder(liveKeys, appliedKeys).map((step) => ('live' in step ? (live[step.live] as Json) : take(step.applied)));
    }
  }
  return dropNulls(applied);
}

/**
 * Removes what the manager applied last time but no longer does, unless the new configuration
 * or another manager still holds that path or anything below it.
 */
function prune(value: Json, last: FieldSet, applied: FieldSet | undefined, others: FieldSet | undefined, schema: SchemaNode | undefined): void {
  const decide = (element: string, lastChild: FieldSet, child: Json | undefined, remove: () => void): void => {
    if (child === undefined) return;
    const keptByApplied = applied?.children.get(element);
    const keptByOthers = others?.children.get(element);
    if (lastChild.member && isEmptySet(keptByApplied) && isEmptySet(keptByOthers)) remove();
    else if (lastChild.children.size > 0 && (isObject(child) || Array.isArray(child))) {
      prune(child, lastChild, keptByApplied, keptByOthers, schemaBelow(schema, element));
    }
  };
  if (isObject(value)) {
    for (const [element, lastChild] of last.children) {
      if (!element.startsWith('f:')) continue;
      const field = element.slice(2);
      decide(element, lastChild, hasOwn(value, field) ? value[field] : undefined, () => delete value[field]);
    }
    return;
  }
  if (!Array.isArray(value)) return;
  // Items are found by key once; removals wait until the walk is over so indices stay valid.
  const keys = elementKeys(value, listSemantics(schema), schema?.items()) ?? [];
  const index = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!index.has(k)) index.set(k, i);
  });
  const doomed = new Set<number>();
  for (const [element, lastChild] of last.children) {
    const at = element.startsWith('i:') ? Number(element.slice(2)) : index.get(element);
    if (at === undefined || at >= value.length) continue;
    decide(element, lastChild, value[at], () => doomed.add(at));
  }
  if (doomed.size > 0) {
    const kept = value.filter((_, i) => !doomed.has(i));
    value.length = 0;
    value.push(...kept);
  }
}

function sameExceptManagedFields(a: JsonObject, b: JsonObject): boolean {
  const strip = (o: JsonObject): JsonObject => {
    if (!isObject(o.metadata)) return o;
    const { managedFields: _ignored, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(a), strip(b));
}

function keepOldTimes(fresh: ManagedFieldsEntry[], old: ManagedFieldsEntry[] | undefined): ManagedFieldsEntry[] {
  if (!old) return fresh;
  return fresh.map((e) => {
    const twin = old.find(
      (o) =>
        o.manager === e.manager &&
        o.operation === e.operation &&
        o.apiVersion === e.apiVersion &&
        (o.subresource ?? '') === (e.subresource ?? '') &&
        deepEqual((o.fieldsV1 ?? {}) as Json, (e.fieldsV1 ?? {}) as Json),
    );
    return twin?.time ? { ...e, time: twin.time } : e;
  });
}

function describeManager(e: ManagerEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

function conflictError(conflicts: Array<{ entry: ManagerEntry; paths: string[] }>): ApiError {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  conflicts.sort(
    (a, b) => cmp(a.entry.manager, b.entry.manager) || cmp(a.entry.operation, b.entry.operation) || cmp(a.entry.apiVersion, b.entry.apiVersion),
  );
  const total = conflicts.reduce((n, c) => n + c.paths.length, 0);
  const causes = conflicts.flatMap((c) =>
    c.paths.map((field) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c.entry)}`, field })),
  );
  let message: string;
  if (total === 1) {
    const only = conflicts[0] as { entry: ManagerEntry; paths: string[] };
    message = `Apply failed with 1 conflict: conflict with ${describeManager(only.entry)}: ${only.paths[0]}`;
  } else {
    const lines = conflicts.flatMap((c) => [`conflicts with ${describeManager(c.entry)}:`, ...c.paths.map((p) => `- ${p}`)]);
    message = `Apply failed with ${total} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError('Conflict', message, { causes });
}

/**
 * Applies `applied` on behalf of `manager`. Throws a 409 Conflict when the configuration would change
 * a field another manager owns (unless `force`, which takes the field over), and a 400 for malformed input.
 */
export function serverSideApply(opts: ServerSideApplyOptions): ServerSideApplyResult {
  const { live, manager, schema, subresource } = opts;
  if (!manager) throw bad('PATCH, application/apply-patch+yaml: fieldManager is required for apply requests');
  if (!isObject(opts.applied)) throw bad('the applied configuration must be a JSON object');
  const applied = sanitizeApplied(opts.applied, subresource);
  const liveJson = live as unknown as JsonObject | undefined;
  const apiVersion = typeof applied.apiVersion === 'string' ? applied.apiVersion : (live?.apiVersion ?? '');
  const now = formatTime(opts.now);

  let entries = decodeManagedFields(live?.metadata?.managedFields);
  if (liveJson && entries.length === 0) {
    entries = [{ manager: BEFORE_FIRST_APPLY, operation: 'Update', apiVersion: live?.apiVersion ?? apiVersion, time: now, set: stripUnowned(fieldSetOf(liveJson, schema)) }];
  }
  const appliedSet = stripUnowned(fieldSetOf(applied, schema), subresource);
  const previous = entries.find((e) => sameManager(e, manager, 'Apply', apiVersion, subresource));
  const others = entries.filter((e) => e !== previous);
  const othersUnion = others.reduce((u, e) => unionSets(u, e.set), emptySet());

  let object: JsonObject;
  if (liveJson) {
    object = mergeApplied(cloneJson(liveJson), applied, schema) as JsonObject;
    if (previous) prune(object, previous.set, appliedSet, othersUnion, schema);
  } else {
    object = dropNulls(applied) as JsonObject;
  }

  if (liveJson) {
    const diff = diffFields(liveJson, object, schema);
    const changed = stripUnowned(diff.changed, subresource);
    const removed = stripUnowned(diff.removed, subresource);
    // Unsetting someone else's field (an explicit null) is as much a conflict as changing it.
    const contested = unionSets(changed, intersectSets(removed, appliedSet));
    const conflicts: Array<{ entry: ManagerEntry; paths: string[] }> = [];
    for (const e of others) {
      const clash = intersectSets(e.set, contested);
      if (isEmptySet(clash)) continue;
      conflicts.push({ entry: e, paths: setMembers(clash).map(formatPath) });
      if (opts.force) e.set = subtractSets(e.set, clash);
    }
    if (conflicts.length > 0 && !opts.force) throw conflictError(conflicts);
    for (const e of others) e.set = subtractSets(e.set, removed);
  }

  const mine: ManagerEntry = { manager, operation: 'Apply', apiVersion, time: now, set: appliedSet };
  if (subresource) mine.subresource = subresource;
  let managedFields = encodeManagedFields([...others, mine]);
  // Like kube-apiserver, an apply that changes nothing but timestamps keeps the old ones, so it is a no-op.
  if (liveJson && sameExceptManagedFields(object, liveJson)) managedFields = keepOldTimes(managedFields, live?.metadata?.managedFields);

  if (!isObject(object.metadata)) object.metadata = {};
  const meta = object.metadata as JsonObject;
  if (managedFields.length > 0) meta.managedFields = managedFields as unknown as Json;
  else delete meta.managedFields;
  return { object: object as unknown as KubeObject, managedFields };
}
