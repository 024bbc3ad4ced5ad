// Namespace (core/v1): deleting one turns it Terminating until the namespace controller has emptied it.
import { defineKind } from '../strategy.ts';
import { NamespaceSchema, type Namespace } from '../schemas/index.ts';
import { ageColumn, nameColumn } from '../../apiserver/table.ts';

export default defineKind<Namespace>({
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  group: '',
  version: 'v1',
  namespaced: false,
  shortNames: ['ns'],
  definition: 'io.k8s.api.core.v1.Namespace',
  schema: NamespaceSchema,
  hasStatus: true,
  subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
  defaults(ns) {
    ns.spec ??= {};
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
  },
  prepareForCreate(ns) {
    ns.spec = { ...ns.spec, finalizers: ['kubernetes'] };
    ns.status = { phase: 'Active' };
  },
  prepareForUpdate(ns, old) {
    // spec.finalizers changes only through the finalize subresource.
    if (ns.spec && old.spec?.finalizers && !ns.metadata.deletionTimestamp) ns.spec.finalizers = old.spec.finalizers;
  },
  extraFinalizers: (ns) => ns.spec?.finalizers ?? [],
  markTerminating(ns) {
    ns.status = { ...ns.status, phase: 'Terminating' };
  },
  fieldSelectors: { 'status.phase': (ns) => ns.status?.phase ?? '' },
  printColumns: [nameColumn, { name: 'Status', type: 'string', description: 'Active or Terminating.', cell: (ns) => ns.status?.phase ?? '' }, ageColumn],
});
