// The EndpointSlice controller: one slice per selecting Service, owned by it, with each pod's readiness conditions.
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';
import type { EndpointSlice, Service } from '../registry/schemas/index.ts';
import { selectorOf, serviceBackends, servicesForPod, targetPortOn } from './service-backends.ts';
import { clone, deepEqual } from '../util.ts';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

export const endpointSliceController = {
  name: 'endpointslice',
  watches: ['services', 'pods', 'endpointslices.discovery.k8s.io'],
  lowPriority: true,
  keysFor(e, ctx) {
    if (e.key.resource === 'pods') return servicesForPod(ctx, e);
    if (e.key.resource === 'services') return [`${e.key.namespace}/${e.key.name}`];
    const svc = e.object.metadata.labels?.['kubernetes.io/service-name'];
    return svc ? [`${e.key.namespace}/${svc}`] : [];
  },
  resync: (ctx) => ctx.store.list('services').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('services', ns, name) as Service | undefined;
    if (!svc || !selectorOf(svc)) return; // the garbage collector removes slices of deleted Services
    const mine = ctx.store
      .list('endpointslices.discovery.k8s.io', ns)
      .map((e) => e.object as EndpointSlice)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name && s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY);
    const backends = serviceBackends(ctx, svc);
    const ports = (svc.spec?.ports ?? []).map((sp) => {
      const p: Record<string, unknown> = { port: backends[0] ? (targetPortOn(sp, backends[0].pod) ?? null) : null, protocol: sp.protocol ?? 'TCP' };
      p.name = sp.name ?? '';
      return p;
    });
    const endpoints = backends.map((b) => {
      const zone = b.node ? (ctx.store.get('nodes', '', b.node)?.metadata.labels?.['topology.kubernetes.io/zone'] ?? undefined) : undefined;
      const e: Record<string, unknown> = {
        addresses: [b.ip],
        conditions: { ready: b.ready, serving: !b.terminating || b.ready, terminating: b.terminating },
        targetRef: { kind: 'Pod', namespace: ns, name: b.pod.metadata.name, uid: b.pod.metadata.uid },
      };
      if (b.node) e.nodeName = b.node;
      if (zone) e.zone = zone;
      return e;
    });
    const labels = { ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY };
    const [first, ...extra] = mine;
    for (const s of extra) ctx.client.delete('discovery.k8s.io/v1', 'EndpointSlice', ns, s.metadata.name!);
    if (!first) {
      ctx.client.create({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace: ns,
          labels,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints,
        ports,
      } as unknown as EndpointSlice);
      return;
    }
    if (deepEqual(first.endpoints ?? [], endpoints) && deepEqual(first.ports ?? [], ports) && deepEqual(first.metadata.labels, labels)) return;
    const next = clone(first);
    next.metadata.labels = labels;
    next.endpoints = endpoints as EndpointSlice['endpoints'];
    next.ports = ports as EndpointSlice['ports'];
    ctx.client.update(next);
  },
} satisfies Controller;
