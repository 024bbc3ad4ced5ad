// ServiceAccount and root-CA publisher controllers: every live namespace has a `default` ServiceAccount and the
// `kube-root-ca.crt` ConfigMap pods mount to trust the API server.
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';

/** A stand-in CA bundle: pods never dial the API here, but the object is where people expect it. */
const ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIBkTCCATegAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlLXNh\nbmRib3gwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAwMDAwWjAVMRMwEQYDVQQD\nEwprdWJlLXNhbmRib3g=\n-----END CERTIFICATE-----\n';

export const serviceAccounts = {
  name: 'serviceaccount',
  watches: ['namespaces', 'serviceaccounts', 'configmaps'],
  keysFor: (e) => {
    if (e.key.resource === 'serviceaccounts' && e.key.name !== 'default') return [];
    if (e.key.resource === 'configmaps' && e.key.name !== 'kube-root-ca.crt') return [];
    return [e.key.resource === 'namespaces' ? e.key.name : e.key.namespace];
  },
  resync: (ctx) => ctx.store.list('namespaces').map((e) => e.object.metadata.name!),
  reconcile(key, ctx) {
    const [, name] = splitKey(key);
    const ns = ctx.store.get('namespaces', '', name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (!ctx.store.get('serviceaccounts', name, 'default')) ctx.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    if (!ctx.store.get('configmaps', name, 'kube-root-ca.crt'))
      ctx.client.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'CA bundle pods use to verify the API server of this sandbox.' } },
        data: { 'ca.crt': ROOT_CA },
      });
  },
} satisfies Controller;
