// ServiceAccount and root-CA publisher controllers: every live namespace has a `default` ServiceAccount and the
// `kube-root-ca.crt` ConfigMap pods mount to trust the API server.
import type { KubeObject } from '../types.ts';
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';

/** A stand-in CA bundle: pods never dial the API here, but the object is where people expect it. */
const ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIBkTCCATegAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlLXNh\nbmRib3gwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAwMDAwWjAVMRMwEQYDVQQD\nEwprdWJlLXNhbmRib3g=\n-----END CERTIFICATE-----\n';

/** What every live namespace holds: the `default` ServiceAccount and the root CA bundle. */
export function namespaceDefaults(namespace: string): Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace: string; annotations?: Record<string, string> }; data?: Record<string, string> }> {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': 'CA bundle pods use to verify the API server of this sandbox.' } },
      data: { 'ca.crt': ROOT_CA },
    },
  ];
}

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
    for (const o of namespaceDefaults(name)) {
      const resource = o.kind === 'ServiceAccount' ? 'serviceaccounts' : 'configmaps';
      if (!ctx.store.get(resource, name, o.metadata.name)) ctx.client.create(o as KubeObject);
    }
  },
} satisfies Controller;
