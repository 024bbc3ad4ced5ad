// The garbage collector: dependents whose owners are gone are deleted (background cascading), owners deleted in the
// foreground wait for their dependents, and orphaning strips owner references before the owner goes.
import type { Controller, ReconcileContext } from './types.ts';
import type { KubeObject, OwnerReference } from '../types.ts';
import { clone } from '../util.ts';

/** Everything that can own or be owned. */
const RESOURCES = ['pods', 'replicasets.apps', 'deployments.apps', 'services', 'endpointslices.discovery.k8s.io', 'configmaps', 'secrets', 'serviceaccounts', 'leases.coordination.k8s.io', 'nodes'];

function key(resource: string, namespace: string, name: string): string {
  return `${resource}/${namespace}/${name}`;
}

function parse(k: string): [string, string, string] {
  const [resource, namespace, ...rest] = k.split('/');
  return [resource!, namespace!, rest.join('/')];
}

/** The apiVersion/kind the client needs to write an object of a store resource. */
function kindOf(o: KubeObject): [string, string] {
  return [o.apiVersion, o.kind];
}

function ownerExists(ctx: ReconcileContext, ref: OwnerReference, namespace: string): boolean {
  const found = ctx.index.byUid(ref.uid);
  if (!found) return false;
  // A namespaced dependent can only be owned from its own namespace (or by a cluster-scoped owner).
  return found.namespace === '' || found.namespace === namespace;
}

function removeFinalizer(ctx: ReconcileContext, obj: KubeObject, finalizer: string): void {
  const copy = clone(obj);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (!copy.metadata.finalizers.length) delete copy.metadata.finalizers;
  ctx.client.update(copy);
}

export const garbageCollector = {
  name: 'garbage-collector',
  watches: RESOURCES,
  keysFor(e, ctx) {
    const keys = [key(e.key.resource, e.key.namespace, e.key.name)];
    // An owner that went away (or is being deleted) affects its dependents; a dependent that went away may let a
    // foreground owner finish.
    if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) {
      const uid = e.object.metadata.uid;
      if (uid) for (const d of ctx.index.dependentsOf(uid)) keys.push(key(d.resource, d.namespace, d.name));
    }
    for (const ref of e.object.metadata.ownerReferences ?? []) {
      const owner = ctx.index.byUid(ref.uid);
      if (owner?.object.metadata.deletionTimestamp) keys.push(key(owner.resource, owner.namespace, owner.name));
    }
    return keys;
  },
  resync: (ctx) => RESOURCES.flatMap((r) => ctx.store.list(r).map((e) => key(r, e.object.metadata.namespace ?? '', e.object.metadata.name ?? ''))),
  reconcile(k, ctx) {
    const [resource, namespace, name] = parse(k);
    const obj = ctx.store.get(resource, namespace, name);
    if (!obj) return;
    const uid = obj.metadata.uid!;
    const finalizers = obj.metadata.finalizers ?? [];

    if (obj.metadata.deletionTimestamp && finalizers.includes('orphan')) {
      for (const d of ctx.index.dependentsOf(uid)) {
        const copy = clone(d.object);
        copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (!copy.metadata.ownerReferences.length) delete copy.metadata.ownerReferences;
        ctx.client.update(copy);
      }
      removeFinalizer(ctx, obj, 'orphan');
      return;
    }

    if (obj.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion')) {
      const deps = ctx.index.dependentsOf(uid);
      for (const d of deps) {
        if (d.object.metadata.deletionTimestamp) continue;
        const [apiVersion, kind] = kindOf(d.object);
        ctx.client.delete(apiVersion, kind, d.object.metadata.namespace, d.object.metadata.name!, { propagationPolicy: 'Foreground' });
      }
      // The owner goes once nothing that blocks it remains; dependents' changes wake us again.
      const blocking = ctx.index.dependentsOf(uid).filter((d) => d.object.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (!blocking.length) removeFinalizer(ctx, obj, 'foregroundDeletion');
      return;
    }

    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const alive = refs.filter((r) => ownerExists(ctx, r, namespace));
    if (alive.length === refs.length) return;
    const [apiVersion, kind] = kindOf(obj);
    if (alive.length === 0) {
      if (!obj.metadata.deletionTimestamp) ctx.client.delete(apiVersion, kind, obj.metadata.namespace, name, { propagationPolicy: 'Background' });
      return;
    }
    // Some owners remain: only the dangling references go.
    const copy = clone(obj);
    copy.metadata.ownerReferences = alive;
    ctx.client.update(copy);
  },
} satisfies Controller;
