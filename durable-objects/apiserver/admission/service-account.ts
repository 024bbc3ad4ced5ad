// ServiceAccount admission: a pod may only run as a ServiceAccount that exists in its namespace (`default` is left to
// the ServiceAccount controller: a namespace created a moment ago gets it on the next tick), and it gets the projected
// `kube-api-access-xxxxx` volume with the account's token, the cluster CA and its namespace, mounted read-only in every
// container. Mirror pods of static pods are exempt, as in apiserver.
import { ApiError } from '../errors.ts';
import type { AdmissionPlugin, Random } from '../context.ts';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** apimachinery's rand.String alphabet: no vowels, no look-alikes. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

type Mount = { name: string; mountPath: string; readOnly?: boolean };
type Spec = {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  volumes?: Array<{ name: string; [k: string]: unknown }>;
  containers?: Array<{ volumeMounts?: Mount[] }>;
  initContainers?: Array<{ volumeMounts?: Mount[] }>;
};

function suffix(random: Random): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[Math.floor(random.float() * ALPHABET.length)];
  return s;
}

/** The token volume and its mounts, unless the pod or its ServiceAccount opts out or a container mounts the path already. */
function mountToken(spec: Spec, saAutomount: boolean | undefined, random: Random): void {
  if (spec.automountServiceAccountToken === false || (spec.automountServiceAccountToken === undefined && saAutomount === false)) return;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  if (containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === SA_DIR))) return;
  const name = `kube-api-access-${suffix(random)}`;
  (spec.volumes ??= []).push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  for (const c of containers) (c.volumeMounts ??= []).push({ name, readOnly: true, mountPath: SA_DIR });
}

export const serviceAccountAdmission = {
  name: 'ServiceAccount',
  handles: (r) => r === 'pods',
  admit(a, ctx) {
    if (a.operation !== 'create' || a.subresource !== undefined) return;
    if (a.object.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    const spec = a.object.spec as Spec | undefined;
    const name = spec?.serviceAccountName;
    if (!spec || !name) return;
    const ns = a.object.metadata.namespace ?? '';
    const sa = ctx.store.get('serviceaccounts', ns, name) as { automountServiceAccountToken?: boolean } | undefined;
    if (!sa && name !== 'default') {
      const pod = a.object.metadata.name || a.object.metadata.generateName || '';
      throw new ApiError('Forbidden', `pods "${pod}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`, { name: pod, kind: 'pods' });
    }
    mountToken(spec, sa?.automountServiceAccountToken, ctx.random);
  },
} satisfies AdmissionPlugin;
