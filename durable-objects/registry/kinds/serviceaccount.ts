// ServiceAccount (core/v1): the identity pods run as; every namespace gets `default`.
import { defineKind } from '../strategy.ts';
import { ServiceAccountSchema, type ServiceAccount } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

export default defineKind<ServiceAccount>({
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['sa'],
  definition: 'io.k8s.api.core.v1.ServiceAccount',
  schema: ServiceAccountSchema,
  printColumns: [nameColumn, { name: 'Secrets', type: 'integer', description: 'Number of token secrets.', cell: (sa) => sa.secrets?.length ?? 0 }, ageColumn],
});
