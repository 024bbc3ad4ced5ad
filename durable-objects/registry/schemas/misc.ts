// Small kinds: Lease (leader election, node heartbeats) and the bodies of the scale, eviction and binding subresources.
import { z } from 'zod';
import { int32, named, opt, req, str, valueStruct } from './dsl.ts';
import { ObjectReferenceSchema } from './core-common.ts';
import { DeleteOptionsSchema, MicroTimeSchema } from './meta.ts';
import { NEGATIVE_ERROR } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';

export const LeaseSpecSchema = named(
  'io.k8s.api.coordination.v1.LeaseSpec',
  'Who holds the lease and until when.',
  z.object({
    holderIdentity: opt(str(), 'Identity of the current holder.'),
    leaseDurationSeconds: opt(int32(), 'Seconds the holder owns the lease after each renewal.'),
    acquireTime: opt(MicroTimeSchema, 'When the current holder acquired the lease.'),
    renewTime: opt(MicroTimeSchema, 'When the holder last renewed the lease.'),
    leaseTransitions: opt(int32(), 'How many times the lease changed hands.'),
    strategy: opt(str(), 'Strategy for picking leaders in coordinated leader election, e.g. OldestEmulationVersion.'),
    preferredHolder: opt(str(), 'Identity the lease should be handed to next, in coordinated leader election.'),
  }),
);

const LEASE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', definition: 'io.k8s.api.coordination.v1.Lease' } as const;

export const LeaseSchema = kindSchema(
  { ...LEASE, description: 'A lock with an expiry, renewed by its holder: used for leader election and node heartbeats (kube-node-lease).', name: 'subdomain', namespaced: true },
  {
    spec: opt(LeaseSpecSchema, 'Holder and timing of the lease.', valueStruct),
  },
  (l, r) => {
    const d = l.spec?.leaseDurationSeconds;
    if (d !== undefined && d <= 0) r.invalid(['spec', 'leaseDurationSeconds'], d, 'must be greater than 0');
    const t = l.spec?.leaseTransitions;
    if (t !== undefined && t < 0) r.invalid(['spec', 'leaseTransitions'], t, NEGATIVE_ERROR);
  },
);
export const LeaseListSchema = listSchema(LEASE, LeaseSchema);

export const ScaleSpecSchema = named('io.k8s.api.autoscaling.v1.ScaleSpec', 'Desired size of a scalable resource.', z.object({ replicas: opt(int32(), 'Desired number of replicas.') }));

export const ScaleStatusSchema = named(
  'io.k8s.api.autoscaling.v1.ScaleStatus',
  'Current size of a scalable resource.',
  z.object({
    replicas: req(int32(), 'Current number of replicas.'),
    selector: opt(str(), 'Label selector of the pods, in query-string form (e.g. app=nginx).'),
  }),
);

export const ScaleSchema = kindSchema(
  {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    definition: 'io.k8s.api.autoscaling.v1.Scale',
    description: 'The replica count of a Deployment or ReplicaSet, read and written through its /scale subresource (kubectl scale).',
    name: 'none',
    namespaced: false,
  },
  {
    spec: opt(ScaleSpecSchema, 'Desired replicas.', valueStruct),
    status: opt(ScaleStatusSchema, 'Current replicas and selector. Read-only.', valueStruct),
  },
  (s, r) => {
    const n = s.spec?.replicas;
    if (n !== undefined && n < 0) r.invalid(['spec', 'replicas'], n, NEGATIVE_ERROR);
  },
);

export const EvictionSchema = kindSchema(
  {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    definition: 'io.k8s.api.policy.v1.Eviction',
    description: 'A request, posted to a pod\'s /eviction subresource, to delete the pod if disruption budgets allow (kubectl drain).',
    name: 'none',
    namespaced: false,
  },
  {
    deleteOptions: opt(DeleteOptionsSchema, 'Options for the deletion, e.g. a grace period.'),
  },
);

export const BindingSchema = kindSchema(
  {
    apiVersion: 'v1',
    kind: 'Binding',
    definition: 'io.k8s.api.core.v1.Binding',
    description: 'Assigns a pod to a node; the scheduler posts it to the pod\'s /binding subresource.',
    name: 'none',
    namespaced: false,
  },
  {
    target: req(ObjectReferenceSchema, 'The node to bind to (kind Node, name of the node).', valueStruct),
  },
  (b, r) => {
    if (b.target.kind && b.target.kind !== 'Node') r.notSupported(['target', 'kind'], b.target.kind, ['Node', '<empty>']);
    if (!b.target.name) r.required(['target', 'name']);
  },
);

export type LeaseSpec = z.infer<typeof LeaseSpecSchema>;
export type Lease = z.infer<typeof LeaseSchema>;
export type Scale = z.infer<typeof ScaleSchema>;
export type Eviction = z.infer<typeof EvictionSchema>;
export type Binding = z.infer<typeof BindingSchema>;
