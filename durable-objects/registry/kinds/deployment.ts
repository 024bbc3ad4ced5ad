// Deployment (apps/v1): declarative rollouts of ReplicaSets; selector is immutable, scale is a subresource.
import { defineKind } from '../strategy.ts';
import { DeploymentSchema, type Deployment } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';
import type { FieldError } from '../../apiserver/errors.ts';
import { deepEqual } from '../../util.ts';
import { defaultPodSpec } from './pod-template.ts';
import { wideWorkloadColumns } from './workload-columns.ts';

/** Workload selectors cannot change after creation (apps/v1 made them immutable). */
export function immutableSelector(next: unknown, old: unknown): FieldError[] {
  if (deepEqual(next, old)) return [];
  return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${JSON.stringify(next)}: field is immutable` }];
}

export default defineKind<Deployment>({
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  group: 'apps',
  version: 'v1',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  definition: 'io.k8s.api.apps.v1.Deployment',
  schema: DeploymentSchema,
  hasStatus: true,
  scale: { specReplicasPath: ['spec', 'replicas'], statusReplicasPath: ['status', 'replicas'], labelSelectorPath: ['spec', 'selector'] },
  defaults(d) {
    const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    const strategy = (spec.strategy ??= {});
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      ru.maxSurge ??= '25%';
      ru.maxUnavailable ??= '25%';
    }
    defaultPodSpec(spec.template?.spec);
  },
  generationSource: (d) => d.spec,
  validateUpdate: (d, old) => immutableSelector(d.spec?.selector, old.spec?.selector),
  printColumns: [
    nameColumn,
    { name: 'Ready', type: 'string', description: 'Ready pods out of desired pods.', cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}` },
    { name: 'Up-to-date', type: 'integer', description: 'Pods running the latest template.', cell: (d) => d.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', description: 'Pods ready for at least minReadySeconds.', cell: (d) => d.status?.availableReplicas ?? 0 },
    ageColumn,
    ...wideWorkloadColumns<Deployment>(),
  ],
});
