// ReplicaSet (apps/v1): keeps N pods matching a selector alive; Deployments own them.
import { defineKind } from '../strategy.ts';
import { ReplicaSetSchema, type ReplicaSet } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';
import { defaultPodSpec } from './pod-template.ts';
import { wideWorkloadColumns } from './workload-columns.ts';
import { immutableSelector } from './deployment.ts';

export default defineKind<ReplicaSet>({
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  group: 'apps',
  version: 'v1',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  definition: 'io.k8s.api.apps.v1.ReplicaSet',
  schema: ReplicaSetSchema,
  hasStatus: true,
  scale: { specReplicasPath: ['spec', 'replicas'], statusReplicasPath: ['status', 'replicas'], labelSelectorPath: ['spec', 'selector'] },
  defaults(rs) {
    const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
    spec.replicas ??= 1;
    defaultPodSpec(spec.template?.spec);
  },
  generationSource: (rs) => rs.spec,
  validateUpdate: (rs, old) => immutableSelector(rs.spec?.selector, old.spec?.selector),
  fieldSelectors: { 'status.replicas': (rs) => String(rs.status?.replicas ?? 0) },
  printColumns: [
    nameColumn,
    { name: 'Desired', type: 'integer', description: 'Pods wanted.', cell: (rs) => rs.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', description: 'Pods that exist.', cell: (rs) => rs.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', description: 'Pods that are ready.', cell: (rs) => rs.status?.readyReplicas ?? 0 },
    ageColumn,
    ...wideWorkloadColumns<ReplicaSet>(),
  ],
});
