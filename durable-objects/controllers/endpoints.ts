// The Endpoints controller: every Service with a selector gets an Endpoints object listing its ready (and not-ready)
// pod addresses, grouped by port set as Kubernetes groups them.
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';
import type { Endpoints, Service } from '../registry/schemas/index.ts';
import { selectorOf, serviceBackends, servicesForPod, targetPortOn } from './service-backends.ts';
import { clone, deepEqual } from '../util.ts';

export const endpointsController = {
  name: 'endpoints',
  watches: ['services', 'pods', 'endpoints'],
  lowPriority: true,
  keysFor: (e, ctx) => (e.key.resource === 'pods' ? servicesForPod(ctx, e) : [`${e.key.namespace}/${e.key.name}`]),
  resync: (ctx) => ctx.store.list('services').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('services', ns, name) as Service | undefined;
    const current = ctx.store.get('endpoints', ns, name) as Endpoints | undefined;
    if (!svc) {
      // Endpoints of a deleted Service go with it, unless a person made them by hand (no selector-managed label).
      if (current && current.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller') ctx.client.delete('v1', 'Endpoints', ns, name);
      return;
    }
    if (!selectorOf(svc)) return;
    // Group addresses by the port list they resolve to: pods exposing a named port differently land in separate subsets.
    const subsets = new Map<string, { addresses: object[]; notReadyAddresses: object[]; ports: object[] }>();
    for (const b of serviceBackends(ctx, svc)) {
      const ports = (svc.spec?.ports ?? []).flatMap((sp) => {
        const port = targetPortOn(sp, b.pod);
        if (port === undefined) return [];
        const p: Record<string, unknown> = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) p.name = sp.name;
        return [p];
      });
      const id = JSON.stringify(ports);
      let sub = subsets.get(id);
      if (!sub) subsets.set(id, (sub = { addresses: [], notReadyAddresses: [], ports }));
      const addr: Record<string, unknown> = { ip: b.ip, targetRef: { kind: 'Pod', namespace: ns, name: b.pod.metadata.name, uid: b.pod.metadata.uid } };
      if (b.node) addr.nodeName = b.node;
      if (b.ready) sub.addresses.push(addr);
      else if (!b.terminating) sub.notReadyAddresses.push(addr);
    }
    const list = [...subsets.values()]
      .filter((s) => s.addresses.length || s.notReadyAddresses.length)
      .map((s) => {
        const o: Record<string, unknown> = {};
        if (s.addresses.length) o.addresses = s.addresses;
        if (s.notReadyAddresses.length) o.notReadyAddresses = s.notReadyAddresses;
        if (s.ports.length) o.ports = s.ports;
        return o;
      });
    const labels = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    const desired: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, subsets: list as Endpoints['subsets'] };
    if (!current) {
      ctx.client.create(desired);
      return;
    }
    if (deepEqual(current.subsets ?? [], list) && deepEqual(current.metadata.labels, labels)) return;
    const next = clone(current);
    next.metadata.labels = labels;
    next.subsets = list as Endpoints['subsets'];
    ctx.client.update(next);
  },
} satisfies Controller;
