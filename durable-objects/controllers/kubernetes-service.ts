// The API server's own Service: `default/kubernetes` (ClusterIP 10.96.0.1, port 443) with Endpoints and an
// EndpointSlice listing the control-plane nodes, as kube-apiserver's bootstrap reconciler keeps them. Bootstrap creates
// them; this loop puts them back when someone deletes them (`kubectl delete all --all` takes the Service with it).
import { ApiError } from '../apiserver/errors.ts';
import type { KubeObject } from '../types.ts';
import type { Controller, ReconcileContext } from './types.ts';

const NAME = 'kubernetes';
const NS = 'default';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

type Manifest = { apiVersion: string; kind: string; metadata: KubeObject['metadata']; [k: string]: unknown };

/** The three objects, for the control-plane nodes' addresses. */
export function kubernetesServiceObjects(apiIPs: string[]): Manifest[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: NAME, namespace: NS, labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: NAME, namespace: NS, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: apiIPs.map((ip) => ({ ip })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: NAME, namespace: NS, labels: { 'kubernetes.io/service-name': NAME, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints: apiIPs.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
  ];
}

const RESOURCE: Record<string, string> = { Service: 'services', Endpoints: 'endpoints', EndpointSlice: 'endpointslices.discovery.k8s.io' };

function controlPlaneIPs(ctx: ReconcileContext): string[] {
  return ctx.store
    .list('nodes')
    .map((e) => e.object)
    .filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined && !n.metadata.deletionTimestamp)
    .map((n) => (n.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses?.find((a) => a.type === 'InternalIP')?.address)
    .filter((ip): ip is string => !!ip);
}

export const kubernetesService = {
  name: 'kubernetes-service',
  watches: ['services', 'endpoints', 'endpointslices.discovery.k8s.io'],
  keysFor: (e) => (e.key.namespace === NS && e.key.name === NAME && e.type === 'DELETED' ? [`${NS}/${NAME}`] : []),
  resync: () => [`${NS}/${NAME}`],
  reconcile(_key, ctx) {
    const ns = ctx.store.get('namespaces', '', NS);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const ips = controlPlaneIPs(ctx);
    if (!ips.length) return;
    for (const o of kubernetesServiceObjects(ips)) {
      if (ctx.store.get(RESOURCE[o.kind]!, NS, NAME)) continue;
      try {
        ctx.client.create(o as KubeObject);
      } catch (e) {
        // someone else took 10.96.0.1 or the name meanwhile: as kube-apiserver does, leave it and look again later
        if (!(e instanceof ApiError)) throw e;
      }
    }
  },
} satisfies Controller;
