// The generic registry store (apiserver's genericregistry.Store): create, update, patch, apply and delete for every kind.
import { ApiError, errors, type FieldError } from './errors.ts';
import type { ApiContext, AdmissionAttributes, Operation } from './context.ts';
import { rfc3339 } from './context.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { apiVersionOf, storageResource } from '../registry/registry.ts';
import type { KubeObject, ObjectMeta } from '../types.ts';
import { clone, deepEqual, isPlainObject } from '../util.ts';
import { checkSchema, findUnknownFields, trackManagedFields, applyPatchBody, serverSideApplyBody, type PatchType } from './schema-support.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  /** Who makes the change (managedFields); defaults from the user agent. */
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** `status` writes keep the spec; main-resource writes keep the status. */
  subresource?: string;
  /** Internal control-plane writes: skip schema validation and field ownership tracking (they build valid objects). */
  trusted?: boolean;
  force?: boolean;
  /** The client named the manager (server-side apply requires it). */
  explicitFieldManager?: boolean;
  /** Set by apply, which computes field ownership itself. */
  ownershipComputed?: boolean;
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  /** HTTP-ish outcome: 201 for a create, 200 otherwise. */
  created: boolean;
  /** False when the write changed nothing (no new revision). */
  changed: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function meta(obj: KubeObject): ObjectMeta {
  return obj.metadata;
}

/** Checks the body is an object of this kind and fills apiVersion/kind when omitted, as the decoder does. */
function checkKind(s: ResourceStrategy, body: unknown, subresource?: string): KubeObject {
  if (!isPlainObject(body)) throw new ApiError('BadRequest', `the request body must be a JSON or YAML object of kind ${s.kind}`);
  const want = apiVersionOf(s);
  const obj = body as KubeObject;
  if (obj.apiVersion === undefined || obj.apiVersion === '') obj.apiVersion = want;
  if (obj.kind === undefined || obj.kind === '') obj.kind = s.kind;
  if (subresource === undefined || subresource === 'status') {
    if (obj.kind !== s.kind) throw new ApiError('BadRequest', `the kind in the data (${String(obj.kind)}) does not match the expected kind (${s.kind})`);
    if (obj.apiVersion !== want) throw new ApiError('BadRequest', `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`);
  }
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (!isPlainObject(obj.metadata)) throw new ApiError('BadRequest', 'metadata must be an object');
  return obj;
}

function finalizersOf(s: ResourceStrategy, obj: KubeObject): string[] {
  return [...(meta(obj).finalizers ?? []), ...(s.extraFinalizers?.(obj) ?? [])];
}

/** Validation common to every kind plus the kind's own rules; throws 422 Invalid with every cause. */
function validate(ctx: ApiContext, s: ResourceStrategy, obj: KubeObject, old: KubeObject | undefined, opts: WriteOptions): void {
  if (opts.trusted) return;
  const causes: FieldError[] = [...checkSchema(s, obj)];
  causes.push(...(old ? (s.validateUpdate?.(obj, old) ?? []) : (s.validate?.(obj) ?? [])));
  if (old) {
    if (meta(obj).uid !== undefined && meta(obj).uid !== meta(old).uid)
      causes.push({ type: 'FieldValueInvalid', field: 'metadata.uid', message: `Invalid value: "${meta(obj).uid}": field is immutable` });
  }
  if (causes.length) throw errors.invalid(s.kind, s.group, meta(obj).name ?? '', causes);
  void ctx;
}

function runAdmission(ctx: ApiContext, a: AdmissionAttributes): void {
  for (const p of ctx.admission) if (p.handles(a.resource)) p.admit(a, ctx);
}

function generationChanged(s: ResourceStrategy, obj: KubeObject, old: KubeObject): boolean {
  const pick = s.generationSource ?? ((o: KubeObject) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind')));
  return !deepEqual(pick(obj), pick(old));
}

function unknownFieldCheck(s: ResourceStrategy, obj: KubeObject, opts: WriteOptions, warnings: string[]): void {
  if (opts.trusted) return;
  const unknown = findUnknownFields(s, obj);
  if (!unknown.length) return;
  const mode = opts.fieldValidation ?? 'Warn';
  if (mode === 'Strict') throw new ApiError('BadRequest', `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  if (mode === 'Warn') for (const f of unknown) warnings.push(`unknown field "${f}"`);
}

function storeWrite(ctx: ApiContext, s: ResourceStrategy, obj: KubeObject, old: KubeObject | undefined, expectedRV: string | undefined): KubeObject {
  const resource = storageResource(s);
  const stored = s.storage ? s.storage.toStorage(obj) : obj;
  const out = old ? ctx.store.update(resource, stored, expectedRV) : ctx.store.create(resource, stored);
  return s.storage ? s.storage.fromStorage(out) : out;
}

/** Reads the current object as this kind presents it (converting from shared storage when needed). */
export function readCurrent(ctx: ApiContext, s: ResourceStrategy, namespace: string, name: string): KubeObject | undefined {
  const o = ctx.store.getMutable(storageResource(s), s.namespaced ? namespace : '', name);
  if (!o) return undefined;
  return s.storage ? s.storage.fromStorage(o) : o;
}

export function createObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, body: unknown, opts: WriteOptions = {}): WriteResult {
  const obj = checkKind(s, body);
  const m = meta(obj);
  const warnings: string[] = [];
  if (s.namespaced) {
    if (m.namespace !== undefined && m.namespace !== '' && namespace !== undefined && m.namespace !== namespace)
      throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    m.namespace = namespace ?? m.namespace ?? 'default';
  } else {
    delete m.namespace;
  }
  unknownFieldCheck(s, obj, opts, warnings);
  if (!m.name) {
    if (m.generateName) {
      for (let i = 0; i < 8; i++) {
        let suffix = '';
        for (let j = 0; j < 5; j++) suffix += GENERATE_ALPHABET[Math.floor(ctx.random.float() * GENERATE_ALPHABET.length)];
        m.name = `${m.generateName}${suffix}`;
        if (!readCurrent(ctx, s, m.namespace ?? '', m.name)) break;
      }
    } else {
      throw errors.invalid(s.kind, s.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    }
  }
  const now = ctx.clock.now();
  m.uid = ctx.random.uuid();
  m.creationTimestamp = rfc3339(now);
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  if (s.generationSource) m.generation = 1;
  else delete m.generation;
  if (s.hasStatus && !s.statusOnCreate && opts.subresource === undefined && !opts.trusted) delete obj.status;
  s.defaults?.(obj);
  s.prepareForCreate?.(obj);
  runAdmission(ctx, { operation: 'create', resource: storageResource(s), subresource: opts.subresource, strategy: s, object: obj, old: undefined, dryRun: !!opts.dryRun });
  validate(ctx, s, obj, undefined, opts);
  if (!opts.trusted && !opts.ownershipComputed) trackManagedFields(s, undefined, obj, managerOf(opts), now, opts.subresource);
  if (opts.dryRun) return { object: obj, warnings, created: true, changed: true };
  return { object: storeWrite(ctx, s, obj, undefined, undefined), warnings, created: true, changed: true };
}

function managerOf(opts: WriteOptions): string {
  return opts.fieldManager || 'unknown';
}

/**
 * Finishes any update (PUT, patch, apply, status): keeps what the caller may not change, bumps generation, validates,
 * skips no-op writes, and deletes an object whose last finalizer went away while it was being deleted.
 */
function finishUpdate(ctx: ApiContext, s: ResourceStrategy, obj: KubeObject, old: KubeObject, expectedRV: string | undefined, opts: WriteOptions, warnings: string[]): WriteResult {
  const m = meta(obj);
  const om = meta(old);
  if (!opts.trusted) {
    // what a patch may not change, worded as apiserver words it
    if (s.namespaced && m.namespace && m.namespace !== om.namespace)
      throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    if (m.uid && m.uid !== om.uid)
      throw errors.conflict(s.resource, s.group, om.name ?? '', `Precondition failed: UID in precondition: ${m.uid}, UID in object meta: ${om.uid}`);
    if (om.deletionTimestamp) {
      const added = (m.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f));
      if (added.length)
        throw errors.invalid(s.kind, s.group, om.name ?? '', [
          { type: 'FieldValueForbidden', field: 'metadata.finalizers', message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` },
        ]);
    }
  }
  m.name = om.name;
  if (s.namespaced) m.namespace = om.namespace;
  else delete m.namespace;
  m.uid = om.uid;
  m.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  if (opts.subresource === 'status') {
    // The status endpoint changes status (and labels/annotations), never the spec or owners.
    for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
    for (const k of Object.keys(old)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') obj[k] = clone(old[k]);
    if (om.ownerReferences) m.ownerReferences = clone(om.ownerReferences);
    else delete m.ownerReferences;
  } else if (s.hasStatus && !opts.trusted) {
    if (old.status !== undefined) obj.status = clone(old.status);
    else delete obj.status;
  }
  if (om.generation !== undefined) m.generation = om.generation + (opts.subresource !== 'status' && generationChanged(s, obj, old) ? 1 : 0);
  s.defaults?.(obj);
  s.prepareForUpdate?.(obj, old);
  runAdmission(ctx, { operation: 'update', resource: storageResource(s), subresource: opts.subresource, strategy: s, object: obj, old, dryRun: !!opts.dryRun });
  validate(ctx, s, obj, old, opts);
  const now = ctx.clock.now();
  if (opts.trusted) {
    if (om.managedFields) m.managedFields = clone(om.managedFields);
  } else if (!opts.ownershipComputed) trackManagedFields(s, old, obj, managerOf(opts), now, opts.subresource);
  m.resourceVersion = om.resourceVersion;
  if (deepEqual(obj, old)) return { object: old, warnings, created: false, changed: false };
  if (m.deletionTimestamp && finalizersOf(s, obj).length === 0 && !(m.deletionGracePeriodSeconds ?? 0)) {
    if (opts.dryRun) return { object: obj, warnings, created: false, changed: true };
    const gone = ctx.store.delete(storageResource(s), s.namespaced ? (m.namespace ?? '') : '', m.name ?? '', expectedRV);
    return { object: s.storage ? s.storage.fromStorage(gone) : gone, warnings, created: false, changed: true };
  }
  if (opts.dryRun) return { object: obj, warnings, created: false, changed: true };
  return { object: storeWrite(ctx, s, obj, old, expectedRV), warnings, created: false, changed: true };
}

/** PUT: replaces the object; a resourceVersion in the body is a compare-and-swap precondition. */
export function updateObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): WriteResult {
  const obj = checkKind(s, body, opts.subresource);
  const m = meta(obj);
  if (m.name !== name) throw new ApiError('BadRequest', `the name of the object (${m.name ?? ''}) does not match the name on the URL (${name})`);
  if (s.namespaced && m.namespace && namespace !== undefined && m.namespace !== namespace)
    throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  const old = readCurrent(ctx, s, namespace ?? '', name);
  if (!old) {
    if (s.allowCreateOnUpdate && opts.subresource === undefined) {
      m.name = name;
      return createObject(ctx, s, namespace, obj, opts);
    }
    throw errors.notFound(s.resource, s.group, name);
  }
  const warnings: string[] = [];
  unknownFieldCheck(s, obj, opts, warnings);
  const expectedRV = m.resourceVersion || undefined;
  if (expectedRV !== undefined && expectedRV !== meta(old).resourceVersion) throw errors.conflict(s.resource, s.group, name);
  return finishUpdate(ctx, s, obj, old, expectedRV, opts, warnings);
}

/** PATCH (merge, JSON, strategic): the DO is single-threaded, so read-patch-write is atomic and never conflicts by itself. */
export function patchObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): WriteResult {
  if (type === 'application/apply-patch+yaml') return applyObject(ctx, s, namespace, name, patch, opts);
  const old = readCurrent(ctx, s, namespace ?? '', name);
  if (!old) throw errors.notFound(s.resource, s.group, name);
  const patched = applyPatchBody(s, type, old, patch);
  if (!isPlainObject(patched)) throw new ApiError('BadRequest', 'the patch did not produce an object');
  const obj = checkKind(s, patched, opts.subresource);
  const warnings: string[] = [];
  unknownFieldCheck(s, obj, opts, warnings);
  const m = meta(obj);
  if (m.name !== undefined && m.name !== name) throw new ApiError('BadRequest', `the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
  // A resourceVersion the patch itself sets is a precondition (kubectl sends one for `rollout undo` and `replace`-like patches).
  const patchedRV = m.resourceVersion;
  const expectedRV = patchedRV && patchedRV !== meta(old).resourceVersion ? patchedRV : undefined;
  if (expectedRV !== undefined) throw errors.conflict(s.resource, s.group, name);
  return finishUpdate(ctx, s, obj, old, undefined, opts, warnings);
}

/** Server-side apply: creates when absent, otherwise merges by field ownership; conflicts are 409 unless forced. */
export function applyObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): WriteResult {
  if (!opts.fieldManager || opts.explicitFieldManager === false) throw new ApiError('BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const applied = checkKind(s, body, opts.subresource);
  const am = meta(applied);
  if (am.name !== undefined && am.name !== name) throw new ApiError('BadRequest', `the name of the object (${am.name}) does not match the name on the URL (${name})`);
  am.name = name;
  const warnings: string[] = [];
  unknownFieldCheck(s, applied, opts, warnings);
  const old = readCurrent(ctx, s, namespace ?? '', name);
  const now = ctx.clock.now();
  const merged = serverSideApplyBody(s, old, applied, opts.fieldManager, !!opts.force, now, opts.subresource);
  // Ownership was computed by the apply itself; the shared paths must not re-attribute the fields to an Update.
  const inner: WriteOptions = { ...opts, trusted: false, fieldValidation: 'Ignore', ownershipComputed: true };
  if (!old) {
    const res = createObject(ctx, s, namespace, merged, inner);
    return { ...res, warnings: [...warnings, ...res.warnings] };
  }
  if (am.resourceVersion && am.resourceVersion !== meta(old).resourceVersion) throw errors.conflict(s.resource, s.group, name);
  return finishUpdate(ctx, s, merged, old, undefined, inner, warnings);
}

/** DELETE: graceful when the kind asks for it, deferred while finalizers remain, immediate otherwise. */
export function deleteObject(ctx: ApiContext, s: ResourceStrategy, namespace: string | undefined, name: string, o: DeleteOptions = {}): { object: KubeObject; deleted: boolean } {
  const old = readCurrent(ctx, s, namespace ?? '', name);
  if (!old) throw errors.notFound(s.resource, s.group, name);
  const om = meta(old);
  if (o.preconditions?.uid && o.preconditions.uid !== om.uid)
    throw errors.conflict(s.resource, s.group, name, `Precondition failed: UID in precondition: ${o.preconditions.uid}, UID in object meta: ${om.uid}`);
  if (o.preconditions?.resourceVersion && o.preconditions.resourceVersion !== om.resourceVersion)
    throw errors.conflict(s.resource, s.group, name, `Precondition failed: ResourceVersion in precondition: ${o.preconditions.resourceVersion}, ResourceVersion in object meta: ${om.resourceVersion}`);
  const resource = storageResource(s);
  const ns = s.namespaced ? (om.namespace ?? '') : '';
  runAdmission(ctx, { operation: 'delete' as Operation, resource, subresource: undefined, strategy: s, object: old, old, dryRun: !!o.dryRun });

  const obj = clone(old);
  const m = meta(obj);
  const finalizers = new Set(m.finalizers ?? []);
  if (o.propagationPolicy === 'Orphan') finalizers.add('orphan');
  if (o.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
  const grace = s.gracefulDeleteSeconds?.(old, o.gracePeriodSeconds) ?? 0;
  const now = ctx.clock.now();
  const pending = finalizers.size > 0 || (s.extraFinalizers?.(old).length ?? 0) > 0;

  if (!pending && grace === 0) {
    if (o.dryRun) return { object: old, deleted: true };
    const gone = ctx.store.delete(resource, ns, name);
    return { object: s.storage ? s.storage.fromStorage(gone) : gone, deleted: true };
  }
  // Deferred: mark the object; whoever owns the finalizer or the grace period finishes the deletion.
  if (finalizers.size) m.finalizers = [...finalizers];
  if (!m.deletionTimestamp) {
    m.deletionTimestamp = rfc3339(now + grace * 1000);
    m.deletionGracePeriodSeconds = grace;
    s.markTerminating?.(obj);
  } else if (grace < (m.deletionGracePeriodSeconds ?? 0)) {
    // A shorter grace period may replace a longer one (kubectl delete --grace-period=1 on a terminating pod).
    m.deletionTimestamp = rfc3339(now + grace * 1000);
    m.deletionGracePeriodSeconds = grace;
  }
  if (deepEqual(obj, old)) return { object: old, deleted: false };
  if (o.dryRun) return { object: obj, deleted: false };
  const stored = ctx.store.update(resource, s.storage ? s.storage.toStorage(obj) : obj);
  return { object: s.storage ? s.storage.fromStorage(stored) : stored, deleted: false };
}
