// The index of served kinds: which schema validates each group/version/kind and which OpenAPI definition describes it.
import type { z } from 'zod';
import { DeploymentSchema, ReplicaSetSchema } from './apps.ts';
import { ConfigMapSchema, NamespaceSchema, SecretSchema, ServiceAccountSchema } from './config.ts';
import { EndpointSliceSchema, EndpointsSchema } from './endpoints.ts';
import { EventSchema, EventsV1EventSchema } from './events.ts';
import { DeleteOptionsSchema } from './meta.ts';
import { BindingSchema, EvictionSchema, LeaseSchema, ScaleSchema } from './misc.ts';
import { NodeSchema } from './node.ts';
import { PodSchema } from './pod.ts';
import { ServiceSchema } from './service.ts';

/** Schema per kind key `<group or core>/<version>/<Kind>`, e.g. `core/v1/Pod`, `apps/v1/Deployment`. */
export const SCHEMA_OF = {
  'core/v1/Namespace': NamespaceSchema,
  'core/v1/Node': NodeSchema,
  'core/v1/Pod': PodSchema,
  'core/v1/Service': ServiceSchema,
  'core/v1/Endpoints': EndpointsSchema,
  'core/v1/ConfigMap': ConfigMapSchema,
  'core/v1/Secret': SecretSchema,
  'core/v1/ServiceAccount': ServiceAccountSchema,
  'core/v1/Event': EventSchema,
  'core/v1/Binding': BindingSchema,
  'discovery.k8s.io/v1/EndpointSlice': EndpointSliceSchema,
  'events.k8s.io/v1/Event': EventsV1EventSchema,
  'apps/v1/Deployment': DeploymentSchema,
  'apps/v1/ReplicaSet': ReplicaSetSchema,
  'coordination.k8s.io/v1/Lease': LeaseSchema,
  'autoscaling/v1/Scale': ScaleSchema,
  'policy/v1/Eviction': EvictionSchema,
  'meta/v1/DeleteOptions': DeleteOptionsSchema,
} as const satisfies Record<string, z.ZodType>;

export type KindKey = keyof typeof SCHEMA_OF;

/** OpenAPI definition name per kind key, e.g. `apps/v1/Deployment` -> `io.k8s.api.apps.v1.Deployment`. */
export const DEFINITION_OF: Record<string, string> & Record<KindKey, string> = {
  'core/v1/Namespace': 'io.k8s.api.core.v1.Namespace',
  'core/v1/Node': 'io.k8s.api.core.v1.Node',
  'core/v1/Pod': 'io.k8s.api.core.v1.Pod',
  'core/v1/Service': 'io.k8s.api.core.v1.Service',
  'core/v1/Endpoints': 'io.k8s.api.core.v1.Endpoints',
  'core/v1/ConfigMap': 'io.k8s.api.core.v1.ConfigMap',
  'core/v1/Secret': 'io.k8s.api.core.v1.Secret',
  'core/v1/ServiceAccount': 'io.k8s.api.core.v1.ServiceAccount',
  'core/v1/Event': 'io.k8s.api.core.v1.Event',
  'core/v1/Binding': 'io.k8s.api.core.v1.Binding',
  'discovery.k8s.io/v1/EndpointSlice': 'io.k8s.api.discovery.v1.EndpointSlice',
  'events.k8s.io/v1/Event': 'io.k8s.api.events.v1.Event',
  'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'io.k8s.api.apps.v1.ReplicaSet',
  'coordination.k8s.io/v1/Lease': 'io.k8s.api.coordination.v1.Lease',
  'autoscaling/v1/Scale': 'io.k8s.api.autoscaling.v1.Scale',
  'policy/v1/Eviction': 'io.k8s.api.policy.v1.Eviction',
  'meta/v1/DeleteOptions': 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
};

/** `apps/v1` + `Deployment` -> `apps/v1/Deployment`; the core group is spelled `core`. */
export function kindKey(apiVersion: string, kind: string): string {
  return apiVersion.includes('/') ? `${apiVersion}/${kind}` : `core/${apiVersion}/${kind}`;
}

/** The schema of an apiVersion/kind pair, or undefined for kinds we do not serve. */
export function schemaFor(apiVersion: string, kind: string): z.ZodType | undefined {
  return (SCHEMA_OF as Record<string, z.ZodType>)[kindKey(apiVersion, kind)];
}
