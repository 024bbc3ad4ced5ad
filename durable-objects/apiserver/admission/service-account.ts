// ServiceAccount admission: a pod may only run as a ServiceAccount that exists in its namespace. `default` is left to
// the ServiceAccount controller (a namespace created a moment ago gets it on the next tick), and mirror pods of static
// pods are exempt, as in apiserver.
import { ApiError } from '../errors.ts';
import type { AdmissionPlugin } from '../context.ts';

export const serviceAccountAdmission = {
  name: 'ServiceAccount',
  handles: (r) => r === 'pods',
  admit(a, ctx) {
    if (a.operation !== 'create' || a.subresource !== undefined) return;
    if (a.object.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    const name = (a.object.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName;
    if (!name || name === 'default') return;
    const ns = a.object.metadata.namespace ?? '';
    if (ctx.store.get('serviceaccounts', ns, name)) return;
    const pod = a.object.metadata.name || a.object.metadata.generateName || '';
    throw new ApiError('Forbidden', `pods "${pod}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`, { name: pod, kind: 'pods' });
  },
} satisfies AdmissionPlugin;
