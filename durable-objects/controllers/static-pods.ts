// The static pods kubeadm puts on every control-plane node (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler). Their manifests live on the node, so the kubelet mirrors them into the API and mirrors them again
// when someone deletes the API copy; they go only with their Node.
import { ApiError } from '../apiserver/errors.ts';
import type { KubeObject } from '../types.ts';
import type { Controller } from './types.ts';

export const KUBE_VERSION = 'v1.32.0';
const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
const MIRROR = 'kubernetes.io/config.mirror';

type PodManifest = { apiVersion: 'v1'; kind: 'Pod'; metadata: KubeObject['metadata']; spec: Record<string, unknown> };

/** The mirror pods of one control-plane node, owned by it. */
export function staticPodManifests(node: KubeObject): PodManifest[] {
  const nodeIP = (node.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const components: Array<[string, string, string[]]> = [
    ['etcd', 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${nodeIP}:2379`, '--data-dir=/var/lib/etcd']],
    ['kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`, ['kube-apiserver', `--advertise-address=${nodeIP}`, '--service-cluster-ip-range=10.96.0.0/12']],
    ['kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`, ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true']],
    ['kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`, ['kube-scheduler', '--leader-elect=true']],
  ];
  return components.map(([component, image, command]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.metadata.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file', [MIRROR]: 'static' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid!, controller: true }],
    },
    spec: {
      nodeName: node.metadata.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      containers: [{ name: component, image, command, resources: { requests: { cpu: component === 'kube-apiserver' ? '250m' : '100m' } } }],
    },
  }));
}

export const staticPods = {
  name: 'static-pods',
  watches: ['pods'],
  keysFor: (e) => {
    const node = (e.object.spec as { nodeName?: string } | undefined)?.nodeName;
    return e.type === 'DELETED' && e.key.namespace === 'kube-system' && e.object.metadata.annotations?.[MIRROR] !== undefined && node ? [`/${node}`] : [];
  },
  resync: (ctx) => ctx.store.list('nodes').filter((e) => e.object.metadata.labels?.[CONTROL_PLANE] !== undefined).map((e) => `/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const node = ctx.store.get('nodes', '', key.slice(1));
    if (!node || node.metadata.deletionTimestamp || node.metadata.labels?.[CONTROL_PLANE] === undefined) return;
    for (const pod of staticPodManifests(node)) {
      if (ctx.store.get('pods', 'kube-system', pod.metadata.name!)) continue;
      try {
        ctx.client.create(pod as unknown as KubeObject);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  },
} satisfies Controller;
