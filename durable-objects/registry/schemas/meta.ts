// meta/v1 shapes every object shares: timestamps, ObjectMeta and its owner references, managed fields, conditions.
import { z } from 'zod';
import { atomicList, enumOf, int32, int64, mergeList, named, opt, req, rules, setList, str, stringMap, typedString, valueStruct, type Rules } from './dsl.ts';
import type { Path } from './field-errors.ts';
import { isQualifiedName, isValidLabelValue, NEGATIVE_ERROR } from './names.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const TimeSchema = named(
  `${META}.Time`,
  'A point in time, written as an RFC 3339 string in UTC (e.g. 2024-05-01T12:00:00Z); second precision.',
  rules(str(), (v, r) => {
    if (!RFC3339.test(v)) r.typeInvalid([], v, 'date-time');
  }),
  { format: 'date-time' },
);

export const MicroTimeSchema = named(
  `${META}.MicroTime`,
  'A point in time with microsecond precision, written as RFC 3339 with six fractional digits (e.g. 2024-05-01T12:00:00.000000Z).',
  rules(str(), (v, r) => {
    if (!RFC3339.test(v)) r.typeInvalid([], v, 'date-time');
  }),
  { format: 'date-time' },
);

/** Label map checks shared by metadata.labels, selectors and nodeSelector: errors land on the map itself. */
export function checkLabels(r: Rules, path: Path, labels: Record<string, string> | undefined): void {
  if (!labels) return;
  for (const [k, v] of Object.entries(labels)) {
    r.invalidEach(path, k, isQualifiedName(k));
    r.invalidEach(path, v, isValidLabelValue(v));
  }
}

export const OwnerReferenceSchema = named(
  `${META}.OwnerReference`,
  'Points at an object this one depends on; when every owner is gone, the garbage collector deletes this object.',
  z.object({
    apiVersion: req(str(), 'API version of the owner, e.g. apps/v1.'),
    kind: req(str(), 'Kind of the owner, e.g. ReplicaSet.'),
    name: req(str(), 'Name of the owner (same namespace as this object).'),
    uid: req(str(), 'UID of the owner; a new object with the same name does not count as the owner.'),
    controller: opt(z.boolean(), 'True if the owner manages this object; at most one owner may say so.'),
    blockOwnerDeletion: opt(z.boolean(), "If true, a foreground deletion of the owner waits until this object is deleted."),
  }),
);

const FieldsV1Schema = named(
  `${META}.FieldsV1`,
  'A set of field paths in the server-side apply trie format (keys like "f:spec", "k:{...}", "v:...").',
  z.record(z.string(), z.unknown()),
);

export const ManagedFieldsEntrySchema = named(
  `${META}.ManagedFieldsEntry`,
  'Records which fields one manager (a client or controller) set, for server-side apply conflict detection.',
  z.object({
    manager: opt(str(), 'Name of the workflow that set the fields, e.g. kubectl-client-side-apply.'),
    operation: opt(enumOf(['Apply', 'Update']), 'Apply for server-side apply, Update for every other write.'),
    apiVersion: opt(str(), 'API version the fields were written in, needed to read the field set.'),
    time: opt(TimeSchema, 'When the manager last changed these fields.'),
    fieldsType: opt(enumOf(['FieldsV1']), 'Format of fieldsV1; always "FieldsV1".'),
    fieldsV1: opt(FieldsV1Schema, 'The fields this manager owns.'),
    subresource: opt(str(), 'Subresource the write went through (e.g. status), empty for the main resource.'),
  }),
);

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
const ANNOTATIONS_LIMIT = 256 * 1024;

function checkObjectMeta(m: ObjectMetaShape, r: Rules): void {
  if (m.generation !== undefined && m.generation < 0) r.invalid(['generation'], m.generation, NEGATIVE_ERROR);
  checkLabels(r, ['labels'], m.labels);
  if (m.annotations) {
    let size = 0;
    for (const [k, v] of Object.entries(m.annotations)) {
      r.invalidEach(['annotations'], k, isQualifiedName(k.toLowerCase()));
      size += k.length + v.length;
    }
    if (size > ANNOTATIONS_LIMIT) r.tooLong(['annotations'], ANNOTATIONS_LIMIT);
  }
  if (m.ownerReferences) {
    let controller = '';
    for (const ref of m.ownerReferences) {
      const p = ['ownerReferences'];
      const slash = ref.apiVersion.split('/');
      const version = slash.length === 1 ? slash[0] : slash.length === 2 ? slash[1] : '';
      if (!version) r.invalid([...p, 'apiVersion'], ref.apiVersion, 'version must not be empty');
      if (!ref.kind) r.invalid([...p, 'kind'], ref.kind, 'kind must not be empty');
      if (!ref.name) r.invalid([...p, 'name'], ref.name, 'name must not be empty');
      if (!ref.uid) r.invalid([...p, 'uid'], ref.uid, 'uid must not be empty');
      if (ref.apiVersion === 'v1' && ref.kind === 'Event') r.invalid(p, ref, '/v1, Kind=Event is disallowed from being an owner');
      if (ref.controller) {
        const current = `${ref.kind}/${ref.name}`;
        if (controller) {
          r.invalid(p, m.ownerReferences, `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${current}`);
        } else controller = current;
      }
    }
  }
  if (m.finalizers) {
    m.finalizers.forEach((f, i) => {
      r.invalidEach(['finalizers'], f, isQualifiedName(f));
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) r.invalid(['finalizers', i], f, 'name is neither a standard finalizer name nor is it fully qualified');
    });
    if (m.finalizers.includes('orphan') && m.finalizers.includes('foregroundDeletion')) {
      r.invalid(['finalizers'], m.finalizers, 'finalizer orphan and foregroundDeletion cannot be both set');
    }
  }
}

const objectMetaShape = z.object({
  name: opt(str(), 'Unique name within the namespace (or cluster, for cluster-scoped kinds). Cannot change once set.'),
  generateName: opt(str(), 'Prefix for a server-generated name, used when name is empty; a random suffix is appended.'),
  namespace: opt(str(), 'Namespace the object lives in; empty for cluster-scoped kinds. Cannot change.'),
  selfLink: opt(str(), 'Deprecated and never set.'),
  uid: opt(str(), 'Server-assigned ID, unique over the lifetime of the cluster. Read-only.'),
  resourceVersion: opt(str(), 'Opaque version of this object, used for optimistic concurrency and watches. Read-only.'),
  generation: opt(int64(), 'Counter the server bumps when the desired state (spec) changes. Read-only.'),
  creationTimestamp: opt(TimeSchema, 'When the object was created. Read-only.'),
  deletionTimestamp: opt(TimeSchema, 'When deletion was requested; the object goes away once its finalizers are done. Read-only.'),
  deletionGracePeriodSeconds: opt(int64(), 'Seconds the object was given to shut down when deletion was requested. Read-only.'),
  labels: opt(stringMap(), 'Key/value pairs for grouping and selecting objects (selectors match on these).'),
  annotations: opt(stringMap(), 'Free-form key/value data for tools; not used for selection.'),
  ownerReferences: opt(z.array(OwnerReferenceSchema), 'Objects this one depends on; used by garbage collection.', mergeList('uid')),
  finalizers: opt(z.array(str()), 'Keys that must all be removed before the object is deleted from storage.', { ...setList, 'x-kubernetes-patch-strategy': 'merge' }),
  managedFields: opt(z.array(ManagedFieldsEntrySchema), 'Which manager set which fields; maintained by the server.', atomicList),
});
type ObjectMetaShape = z.output<typeof objectMetaShape>;

export const ObjectMetaSchema = named(
  `${META}.ObjectMeta`,
  'Metadata every persisted object has: name, namespace, labels, annotations, owners and server-managed bookkeeping.',
  rules(objectMetaShape, checkObjectMeta),
);

export const LabelSelectorRequirementSchema = named(
  `${META}.LabelSelectorRequirement`,
  'One condition on a label: key, an operator and (for In/NotIn) a list of values.',
  z.object({
    key: req(str(), 'Label key the condition applies to.'),
    // Bad operators get apiserver's "not a valid selector operator" from checkLabelSelector.
    operator: req(typedString(['In', 'NotIn', 'Exists', 'DoesNotExist']), 'How the key is tested: In, NotIn, Exists or DoesNotExist.'),
    values: opt(z.array(str()), 'Values for In and NotIn; must be empty for Exists and DoesNotExist.', atomicList),
  }),
);

export type LabelSelectorShape = { matchLabels?: Record<string, string> | undefined; matchExpressions?: Array<{ key: string; operator: string; values?: string[] | undefined }> | undefined };

/** metav1 ValidateLabelSelector: label syntax, operators and their values. */
export function checkLabelSelector(r: Rules, sel: LabelSelectorShape): void {
  checkLabels(r, ['matchLabels'], sel.matchLabels);
  sel.matchExpressions?.forEach((e, i) => {
    const p = ['matchExpressions', i];
    const n = e.values?.length ?? 0;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (n === 0) r.required([...p, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (n > 0) r.forbidden([...p, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      r.invalid([...p, 'operator'], e.operator, 'not a valid selector operator');
    }
    r.invalidEach([...p, 'key'], e.key, isQualifiedName(e.key));
    e.values?.forEach((v, j) => r.invalidEach([...p, 'values', j], v, isValidLabelValue(v)));
  });
}

export const LabelSelectorSchema = named(
  `${META}.LabelSelector`,
  'Selects objects by label. All matchLabels and matchExpressions must hold; an empty selector matches everything.',
  rules(
    z.object({
      matchLabels: opt(stringMap(), 'Exact key=value pairs that must all be present.'),
      matchExpressions: opt(z.array(LabelSelectorRequirementSchema), 'Set-based conditions that must all hold.', atomicList),
    }),
    (sel, r) => checkLabelSelector(r, sel),
  ),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ConditionSchema = named(
  `${META}.Condition`,
  'A standard condition: one aspect of an object\'s current state, with when and why it last changed.',
  z.object({
    type: req(str(), 'Condition type in CamelCase, e.g. Available.'),
    status: req(enumOf(['True', 'False', 'Unknown']), 'True, False or Unknown.'),
    observedGeneration: opt(int64(), 'metadata.generation the condition was computed from.'),
    lastTransitionTime: req(TimeSchema, 'When status last changed.'),
    reason: req(str(), 'Machine-readable CamelCase reason for the last transition.'),
    message: req(str(), 'Human-readable details about the last transition.'),
  }),
);

export const PreconditionsSchema = named(
  `${META}.Preconditions`,
  'Conditions the object must meet for the operation (usually a delete) to go ahead.',
  z.object({
    uid: opt(str(), 'Only proceed if the object still has this UID.'),
    resourceVersion: opt(str(), 'Only proceed if the object is still at this resourceVersion.'),
  }),
);

const DELETE_GROUPS = ['', 'apps', 'autoscaling', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'policy'];

export const DeleteOptionsSchema = named(
  `${META}.DeleteOptions`,
  'Options for a delete request: grace period, preconditions and how dependents are handled.',
  rules(
    z.object({
      apiVersion: opt(str(), 'API version of this body, e.g. v1.'),
      kind: opt(str(), 'Always DeleteOptions.'),
      gracePeriodSeconds: opt(int64(), 'Seconds to wait before the object is deleted; 0 means immediately.'),
      preconditions: opt(PreconditionsSchema, 'Checks that must pass before deletion.'),
      orphanDependents: opt(z.boolean(), 'Deprecated: use propagationPolicy. If true, dependents are orphaned.'),
      propagationPolicy: opt(typedString(['Foreground', 'Background', 'Orphan']), 'What happens to dependents: Orphan, Background (default for most kinds) or Foreground.'),
      dryRun: opt(z.array(str()), 'If ["All"], validate the request but do not persist anything.', atomicList),
      ignoreStoreReadErrorWithClusterBreakingPotential: opt(z.boolean(), 'Force-delete an object whose stored data cannot be read. Dangerous.'),
    }),
    (o, r) => {
      if (o.orphanDependents !== undefined && o.propagationPolicy !== undefined) {
        r.invalid(['propagationPolicy'], o.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set');
      }
      if (o.propagationPolicy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(o.propagationPolicy)) {
        r.notSupported(['propagationPolicy'], o.propagationPolicy, ['Foreground', 'Background', 'Orphan', 'nil']);
      }
      if (o.dryRun && o.dryRun.some((d) => d !== 'All')) r.notSupported(['dryRun'], o.dryRun, ['All']);
    },
  ),
  { 'x-kubernetes-group-version-kind': DELETE_GROUPS.map((group) => ({ group, kind: 'DeleteOptions', version: 'v1' })) },
);

export const ListMetaSchema = named(
  `${META}.ListMeta`,
  'Metadata of a list response: the collection version to watch from and the token for the next page.',
  z.object({
    selfLink: opt(str(), 'Deprecated and never set.'),
    resourceVersion: opt(str(), 'Version of the collection when it was read; pass it to a watch to continue from here.'),
    continue: opt(str(), 'Opaque token for the next page when the list was limited; empty on the last page.'),
    remainingItemCount: opt(int64(), 'Estimated number of items after this page, when known.'),
  }),
);

export const StatusCauseSchema = named(
  `${META}.StatusCause`,
  'One reason a request failed, often tied to a field.',
  z.object({
    reason: opt(str(), 'Machine-readable cause, e.g. FieldValueInvalid.'),
    message: opt(str(), 'Human-readable description of the cause.'),
    field: opt(str(), 'Path of the field at fault, e.g. spec.containers[0].name.'),
  }),
);

export const StatusDetailsSchema = named(
  `${META}.StatusDetails`,
  'Extra data about a failed request: which object and the field-level causes.',
  z.object({
    name: opt(str(), 'Name of the object involved.'),
    group: opt(str(), 'API group of the object involved.'),
    kind: opt(str(), 'Kind (or resource) of the object involved.'),
    uid: opt(str(), 'UID of the object involved.'),
    causes: opt(z.array(StatusCauseSchema), 'Individual reasons, e.g. one per invalid field.', atomicList),
    retryAfterSeconds: opt(int32(), 'Seconds to wait before retrying, when the error is temporary.'),
  }),
);

export const StatusSchema = named(
  `${META}.Status`,
  'Result of an operation that does not return an object, and the body of every error response.',
  z.object({
    apiVersion: opt(str(), 'Always v1.'),
    kind: opt(str(), 'Always Status.'),
    metadata: opt(ListMetaSchema, 'Standard list metadata (usually empty).', valueStruct),
    status: opt(str(), 'Success or Failure.'),
    message: opt(str(), 'Human-readable description of the result.'),
    reason: opt(str(), 'Machine-readable reason, e.g. NotFound or Invalid.'),
    details: opt(StatusDetailsSchema, 'More data about the failure, if any.'),
    code: opt(int32(), 'HTTP status code of the response.'),
  }),
  { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }] },
);

export const PatchSchema = named(
  `${META}.Patch`,
  'Body of a PATCH request: a JSON patch, merge patch, strategic merge patch or apply configuration, per the Content-Type.',
  z.object({}),
);

export type Time = z.infer<typeof TimeSchema>;
export type MicroTime = z.infer<typeof MicroTimeSchema>;
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;
export type OwnerReference = z.infer<typeof OwnerReferenceSchema>;
export type ManagedFieldsEntry = z.infer<typeof ManagedFieldsEntrySchema>;
export type LabelSelector = z.infer<typeof LabelSelectorSchema>;
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirementSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type DeleteOptions = z.infer<typeof DeleteOptionsSchema>;
export type ListMeta = z.infer<typeof ListMetaSchema>;
export type Status = z.infer<typeof StatusSchema>;
