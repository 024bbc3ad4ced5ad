// core/v1 building blocks used by several kinds: quantities, resource lists, object references, shared enums.
import { z } from 'zod';
import { enumOf, named, opt, rules, str, TYPE_MARK, type Rules } from './dsl.ts';
import { mapKey, type Path } from './field-errors.ts';
import { parseQuantity } from './quantity.ts';

export const QuantitySchema = named(
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'An amount of a resource, as a number or a string with an optional suffix: 500m (half a CPU), 128Mi, 1Gi, 2, 1e3.',
  z.union([z.string(), z.number()], { error: `${TYPE_MARK}string` }),
);

/** A single quantity field whose value must parse. */
export function quantity() {
  return rules(QuantitySchema, (q, r) => {
    const p = parseQuantity(q);
    if (!p.ok) r.invalid([], q, p.error);
  });
}

/** Quantities by resource name; parse errors land on `limits[cpu]`, as apiserver words them. */
export function checkResourceList(r: Rules, path: Path, list: Record<string, string | number> | undefined): void {
  for (const [k, q] of Object.entries(list ?? {})) {
    const p = parseQuantity(q);
    if (!p.ok) r.invalid([...path, mapKey(k)], q, p.error);
  }
}

/** Numeric values of the parseable quantities of a resource list. */
export function quantityValues(list: Record<string, string | number> | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const [k, q] of Object.entries(list ?? {})) {
    const p = parseQuantity(q);
    if (p.ok) values.set(k, p.value);
  }
  return values;
}

/** A map from resource name (cpu, memory, ...) to quantity. */
export function resourceList() {
  return rules(z.record(z.string(), QuantitySchema), (m, r) => {
    checkResourceList(r, [], m);
  });
}

export const LocalObjectReferenceSchema = named(
  'io.k8s.api.core.v1.LocalObjectReference',
  'Names another object in the same namespace.',
  z.object({
    name: opt(str(), 'Name of the referenced object.', { default: '' }),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ObjectReferenceSchema = named(
  'io.k8s.api.core.v1.ObjectReference',
  'Points at any object, optionally at a field inside it (e.g. a container of a pod).',
  z.object({
    kind: opt(str(), 'Kind of the referenced object.'),
    namespace: opt(str(), 'Namespace of the referenced object.'),
    name: opt(str(), 'Name of the referenced object.'),
    uid: opt(str(), 'UID of the referenced object.'),
    apiVersion: opt(str(), 'API version of the referenced object.'),
    resourceVersion: opt(str(), 'Version of the object this reference was made from, if it matters.'),
    fieldPath: opt(str(), 'Path to a part of the object, e.g. spec.containers{nginx}.'),
  }),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const conditionStatus = () => enumOf(['True', 'False', 'Unknown']);
// apiserver lists the protocols sorted (it keeps them in a set).
export const protocol = () => enumOf(['SCTP', 'TCP', 'UDP']);

export type Quantity = z.infer<typeof QuantitySchema>;
export type ResourceList = Record<string, Quantity>;
export type LocalObjectReference = z.infer<typeof LocalObjectReferenceSchema>;
export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;
