// What `kubeadm init` + `join` leave behind, as the seed describes it: control-plane nodes running etcd, the API server,
// the controller manager and the scheduler; worker nodes for workloads; the system namespaces and Services.
import type { ApiContext } from './apiserver/context.ts';
import { createObject } from './apiserver/rest.ts';
import type { SessionOptions } from './session/options.ts';
import type { KubeObject } from './types.ts';
import { nodeManifest } from './controllers/kubelet/node-template.ts';
import { kubernetesServiceObjects } from './controllers/kubernetes-service.ts';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export const KUBE_VERSION = 'v1.32.0';

function create(ctx: ApiContext, apiVersion: string, kind: string, obj: { metadata: KubeObject['metadata']; [k: string]: unknown }): KubeObject {
  const s = ctx.registry.forKind(apiVersion, kind);
  if (!s) throw new Error(`bootstrap: unknown kind ${apiVersion} ${kind}`);
  return createObject(ctx, s, obj.metadata.namespace, { apiVersion, kind, ...obj }, { trusted: true }).object;
}

/** The static pods kubeadm runs on every control-plane node; they mirror into the API owned by their Node. */
function controlPlanePods(ctx: ApiContext, node: KubeObject): void {
  const nodeIP = (node.status as { addresses?: Array<{ type: string; address: string }> }).addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const components: Array<[string, string, string[]]> = [
    ['etcd', 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${nodeIP}:2379`, '--data-dir=/var/lib/etcd']],
    ['kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`, ['kube-apiserver', `--advertise-address=${nodeIP}`, '--service-cluster-ip-range=10.96.0.0/12']],
    ['kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`, ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true']],
    ['kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`, ['kube-scheduler', '--leader-elect=true']],
  ];
  for (const [component, image, command] of components) {
    create(ctx, 'v1', 'Pod', {
      metadata: {
        name: `${component}-${node.metadata.name}`,
        namespace: 'kube-system',
        labels: { component, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'static' },
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
    });
  }
}

export function bootstrap(ctx: ApiContext, options: SessionOptions): void {
  ctx.store.transaction(() => {
    for (const name of SYSTEM_NAMESPACES) create(ctx, 'v1', 'Namespace', { metadata: { name } });
    const now = ctx.clock.now();
    const controlPlanes: KubeObject[] = [];
    for (let i = 1; i <= options.controlPlanes; i++) {
      controlPlanes.push(create(ctx, 'v1', 'Node', nodeManifest(`control-plane-${i}`, 'control-plane', i - 1, now)));
    }
    for (let i = 1; i <= options.workers; i++) create(ctx, 'v1', 'Node', nodeManifest(`worker-${i}`, 'worker', options.controlPlanes + i - 1, now));
    for (const cp of controlPlanes) controlPlanePods(ctx, cp);

    const apiIPs = controlPlanes.map((n) => (n.status as { addresses: Array<{ type: string; address: string }> }).addresses.find((a) => a.type === 'InternalIP')!.address);
    for (const o of kubernetesServiceObjects(apiIPs)) create(ctx, o.apiVersion, o.kind, o);
    create(ctx, 'v1', 'Service', {
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    });
    create(ctx, 'apps/v1', 'Deployment', {
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.3',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                readinessProbe: { httpGet: { path: '/ready', port: 8181 } },
              },
            ],
          },
        },
      },
    });
  });
}
