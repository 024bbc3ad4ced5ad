// The namespace controller: a Terminating namespace is emptied of every namespaced object, then finalized and removed.
import type { Controller, ReconcileContext } from './types.ts';
import { storageResource } from '../registry/registry.ts';
import { clone } from '../util.ts';

/** Each store resource of a namespaced kind once (two event groups share one store resource). */
function namespacedKinds(ctx: ReconcileContext) {
  const seen = new Set<string>();
  return ctx.api.registry.strategies.filter((s) => {
    if (!s.namespaced || s.storage) return false;
    const r = storageResource(s);
    if (seen.has(r)) return false;
    seen.add(r);
    return true;
  });
}

export const namespaceController = {
  name: 'namespace',
  watches: ['namespaces', 'pods', 'replicasets.apps', 'deployments.apps', 'services', 'configmaps', 'secrets', 'serviceaccounts', 'endpoints', 'endpointslices.discovery.k8s.io', 'leases.coordination.k8s.io'],
  keysFor(e, ctx) {
    if (e.key.resource === 'namespaces') return [e.key.name];
    // Only a namespace being deleted cares that its contents changed.
    const ns = ctx.store.get('namespaces', '', e.key.namespace);
    return ns?.metadata.deletionTimestamp ? [e.key.namespace] : [];
  },
  resync: (ctx) => ctx.store.list('namespaces').filter((e) => e.object.metadata.deletionTimestamp).map((e) => e.object.metadata.name!),
  reconcile(name, ctx) {
    const ns = ctx.store.get('namespaces', '', name);
    if (!ns?.metadata.deletionTimestamp) return;
    for (const s of namespacedKinds(ctx)) {
      for (const e of ctx.store.list(storageResource(s), name)) {
        if (!e.object.metadata.deletionTimestamp) ctx.client.delete(e.object.apiVersion, e.object.kind, name, e.object.metadata.name!, { propagationPolicy: 'Background' });
      }
    }
    // Deletions of pods are graceful; their final removal wakes this key again.
    const left = namespacedKinds(ctx).reduce((n, s) => n + ctx.store.list(storageResource(s), name).length, 0);
    if (left > 0) return;
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    if (spec.finalizers?.length) {
      const copy = clone(ns);
      copy.spec = { ...spec, finalizers: [] };
      ctx.client.update(copy);
    }
  },
} satisfies Controller;
