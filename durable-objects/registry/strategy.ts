// What a resource kind tells the apiserver: identity, schema, defaulting, validation, printing (apiserver's RESTStrategy).
import type { z } from 'zod';
import type { FieldError } from '../apiserver/errors.ts';
import type { KubeObject } from '../types.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
export const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** One column of `kubectl get` output (a meta.k8s.io/v1 Table column plus how to compute its cell). */
export interface TableColumn<T extends KubeObject = KubeObject> {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: 'name' | string;
  description: string;
  /** 0 shows by default; >0 only with `-o wide`. */
  priority?: number;
  cell(obj: T, now: number): string | number | boolean;
}

export interface ScaleSubresource {
  /** JSON path pieces of the desired replica count, e.g. ['spec','replicas']. */
  specReplicasPath: string[];
  statusReplicasPath: string[];
  labelSelectorPath: string[];
}

export interface ResourceStrategy<T extends KubeObject = KubeObject> {
  kind: string;
  /** lowercase plural, as in URLs. */
  resource: string;
  singular: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: Verb[];
  /** Where objects live in the store when another group-version owns them (events.k8s.io/v1 -> core events). */
  storage?: {
    resource: string;
    toStorage(obj: T): KubeObject;
    fromStorage(obj: KubeObject): T;
  };
  /** OpenAPI definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  definition: string;
  schema: z.ZodType;
  /** The object has a status subresource: main-resource writes keep the old status and status writes keep the spec. */
  hasStatus?: boolean;
  /** A create may bring its status (a registering Node does). */
  statusOnCreate?: boolean;
  scale?: ScaleSubresource;
  /** Extra subresources this kind serves (discovery lists them): log, eviction, binding. */
  subresources?: Array<{ name: string; kind: string; group?: string; version?: string; verbs: Verb[] }>;
  /** Fills unset fields with Kubernetes defaults (imagePullPolicy, strategy, ...). */
  defaults?(obj: T): void;
  /** Per-kind create rules beyond the common ones (the common ones set uid, timestamps, generation). */
  prepareForCreate?(obj: T): void;
  prepareForUpdate?(obj: T, old: T): void;
  /** Cross-field rules the schema cannot express alone. */
  validate?(obj: T): FieldError[];
  validateUpdate?(obj: T, old: T): FieldError[];
  /** The spec-like part whose change bumps metadata.generation (default: everything but metadata and status). */
  generationSource?(obj: T): unknown;
  /** PUT of a missing object creates it (Events, Leases, Endpoints). */
  allowCreateOnUpdate?: boolean;
  /** Seconds a DELETE waits before the object goes (pods on a node); 0 deletes at once. */
  gracefulDeleteSeconds?(obj: T, requested: number | undefined): number;
  /** Finalizers kept outside metadata.finalizers (a Namespace's spec.finalizers). */
  extraFinalizers?(obj: T): string[];
  /** Called once when a deferred deletion starts (a Namespace turns Terminating). */
  markTerminating?(obj: T): void;
  printColumns: TableColumn<T>[];
  /** Field selector keys beyond metadata.name / metadata.namespace. */
  fieldSelectors?: Record<string, (obj: T) => string | undefined>;
}

/** Identity helper so each kind file can say `export default defineKind<Pod>({...})` and keep its type. */
export function defineKind<T extends KubeObject>(s: ResourceStrategy<T>): ResourceStrategy<T> {
  return s;
}
