// metadata.managedFields: decoding, encoding, the fields nobody owns, and ownership after non-apply writes.
import { ApiError } from '../errors.ts';
import type { KubeObject, ManagedFieldsEntry } from '../../types.ts';
import { deepEqual, isObject, type Json } from './json-value.ts';
import {
  fieldSetFromFieldsV1,
  fieldSetToFieldsV1,
  isEmptySet,
  subtractSets,
  unionSets,
  type FieldSet,
} from './fieldset.ts';
import { diffFields } from './object-fields.ts';
import type { SchemaNode } from './schema-node.ts';
import { NO_SCHEMA } from './schema-node.ts';

/** One managedFields entry with its field set decoded. */
export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** Fields the server sets or that name the object: never owned, never a conflict. */
const UNOWNED_METADATA = [
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
];

/** Server-owned metadata an applied configuration may not set. */
export const SERVER_METADATA = UNOWNED_METADATA.filter((f) => f !== 'name' && f !== 'namespace');

/**
 * Removes what ownership never covers: identity (apiVersion, kind, metadata.name/namespace), server-set
 * metadata, and status on the main resource; on the status subresource only status is tracked.
 */
export function stripUnowned(set: FieldSet, subresource?: string): FieldSet {
  set.member = false;
  if (subresource === 'status') {
    for (const k of [...set.children.keys()]) if (k !== 'f:status') set.children.delete(k);
    return set;
  }
  set.children.delete('f:apiVersion');
  set.children.delete('f:kind');
  set.children.delete('f:status');
  const meta = set.children.get('f:metadata');
  if (meta) {
    meta.member = false;
    for (const f of UNOWNED_METADATA) meta.children.delete(`f:${f}`);
    if (isEmptySet(meta)) set.children.delete('f:metadata');
  }
  return set;
}

/** managedFields times are RFC 3339 with whole seconds. */
export function formatTime(now: Date | number | string): string {
  const d = now instanceof Date ? now : new Date(now);
  if (Number.isNaN(d.getTime())) return String(now);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

function invalid(message: string): ApiError {
  return new ApiError('BadRequest', `invalid managedFields: ${message}`);
}

export function sameManager(e: ManagerEntry, manager: string, operation: 'Apply' | 'Update', apiVersion: string, subresource?: string): boolean {
  // Appliers keep one entry across versions; updaters get one per apiVersion.
  return (
    e.manager === manager &&
    e.operation === operation &&
    (e.subresource ?? '') === (subresource ?? '') &&
    (operation === 'Apply' || e.apiVersion === apiVersion)
  );
}

/** Decodes metadata.managedFields; entries with the same identity are merged. */
export function decodeManagedFields(entries: unknown): ManagerEntry[] {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw invalid('must be a list');
  const out: ManagerEntry[] = [];
  for (const raw of entries) {
    if (!isObject(raw)) throw invalid('each entry must be an object');
    const { manager, operation, apiVersion, time, subresource, fieldsType, fieldsV1 } = raw;
    if (operation !== 'Apply' && operation !== 'Update') throw invalid(`operation must be "Apply" or "Update", got ${JSON.stringify(operation ?? null)}`);
    if (fieldsType !== undefined && fieldsType !== 'FieldsV1') throw invalid(`fieldsType must be "FieldsV1", got ${JSON.stringify(fieldsType)}`);
    const entry: ManagerEntry = {
      manager: typeof manager === 'string' ? manager : '',
      operation,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
      set: fieldsV1 === undefined ? { member: false, children: new Map() } : fieldSetFromFieldsV1(fieldsV1),
    };
    if (typeof time === 'string') entry.time = time;
    if (typeof subresource === 'string' && subresource) entry.subresource = subresource;
    const twin = out.find((e) => sameManager(e, entry.manager, entry.operation, entry.apiVersion, entry.subresource));
    if (twin) twin.set = unionSets(twin.set, entry.set);
    else out.push(entry);
  }
  return out;
}

/** Encodes entries the way kube-apiserver orders them (operation, time, manager, apiVersion), dropping empty ones. */
export function encodeManagedFields(entries: ManagerEntry[]): ManagedFieldsEntry[] {
  const kept = entries.filter((e) => !isEmptySet(e.set));
  const seconds = (t?: string): number => (t ? Math.floor(Date.parse(t) / 1000) || 0 : 0);
  kept.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return kept.map((e) => {
    const out: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = fieldSetToFieldsV1(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface UpdateManagedFieldsOptions {
  /** The object before the write; undefined on create. */
  old: KubeObject | undefined;
  /** The object about to be stored. */
  updated: KubeObject;
  manager: string;
  operation?: 'Update';
  apiVersion: string;
  now: Date | number | string;
  subresource?: string;
  /** Needed so keyed lists are owned item by item, consistently with apply. */
  schema: SchemaNode;
}

/**
 * managedFields after a create/update/patch: the fields this write changed become owned by `manager`
 * (merged into its Update entry for this apiVersion) and are taken away from every other manager.
 * A client may reset tracking by sending managedFields `[{}]`, or replace it by sending different entries.
 */
export function updateManagedFields(opts: UpdateManagedFieldsOptions): ManagedFieldsEntry[] {
  const { old, updated, manager, apiVersion, subresource } = opts;
  const schema = opts.schema ?? NO_SCHEMA;
  const before = old?.metadata?.managedFields;
  const sent = updated.metadata?.managedFields as unknown;
  if (Array.isArray(sent) && sent.length === 1 && isObject(sent[0]) && Object.keys(sent[0]).length === 0) return [];
  const sentNew = Array.isArray(sent) && sent.length > 0 && !deepEqual(sent as Json, (before ?? null) as Json);
  const entries = decodeManagedFields(sentNew ? sent : before);

  const diff = diffFields(old as unknown as Json, updated as unknown as Json, schema);
  const changed = stripUnowned(diff.changed, subresource);
  const removed = stripUnowned(diff.removed, subresource);
  if (isEmptySet(changed) && isEmptySet(removed)) return encodeManagedFields(entries);

  let mine = entries.find((e) => sameManager(e, manager, 'Update', apiVersion, subresource));
  for (const e of entries) if (e !== mine) e.set = subtractSets(subtractSets(e.set, changed), removed);
  if (!mine && !isEmptySet(changed)) {
    mine = { manager, operation: 'Update', apiVersion, set: { member: false, children: new Map() } };
    if (subresource) mine.subresource = subresource;
    entries.push(mine);
  }
  if (mine) {
    mine.set = subtractSets(unionSets(mine.set, changed), removed);
    if (!isEmptySet(changed)) mine.time = formatTime(opts.now);
  }
  return encodeManagedFields(entries);
}
