// Lease (coordination.k8s.io/v1): node heartbeats and leader election.
import { defineKind } from '../strategy.ts';
import { LeaseSchema, type Lease } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

export default defineKind<Lease>({
  kind: 'Lease',
  resource: 'leases',
  singular: 'lease',
  group: 'coordination.k8s.io',
  version: 'v1',
  namespaced: true,
  definition: 'io.k8s.api.coordination.v1.Lease',
  schema: LeaseSchema,
  allowCreateOnUpdate: true,
  printColumns: [nameColumn, { name: 'Holder', type: 'string', description: 'Who holds the lease.', cell: (l) => l.spec?.holderIdentity ?? '' }, ageColumn],
});
