// NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted; system namespaces stay.
import { ApiError, errors } from '../errors.ts';
import type { AdmissionPlugin } from '../context.ts';

const UNDELETABLE = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycle = {
  name: 'NamespaceLifecycle',
  handles: () => true,
  admit(a, ctx) {
    if (a.resource === 'namespaces') {
      if (a.operation === 'delete' && UNDELETABLE.has(a.object.metadata.name ?? ''))
        throw new ApiError('Forbidden', `namespaces "${a.object.metadata.name}" is forbidden: this namespace may not be deleted`);
      return;
    }
    if (a.operation !== 'create' || !a.strategy.namespaced) return;
    const ns = a.object.metadata.namespace ?? '';
    const nsObj = ctx.store.get('namespaces', '', ns);
    if (!nsObj) throw errors.notFound('namespaces', '', ns);
    if (nsObj.metadata.deletionTimestamp && a.resource !== 'events')
      throw new ApiError('Forbidden', `${a.strategy.resource} "${a.object.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
  },
} satisfies AdmissionPlugin;
