// What `kubeadm init` + `join` leave behind, as the seed describes it: control-plane nodes running etcd, the API server,
// the controller manager and the scheduler; worker nodes for workloads; the system namespaces and Services.
import type { ApiContext } from './apiserver/context.ts';
import { createObject } from './apiserver/rest.ts';
import type { SessionOptions } from './session/options.ts';
import type { KubeObject } from './types.ts';
import { nodeManifest } from './controllers/kubelet/node-template.ts';
import { kubernetesServiceObjects } from './controllers/kubernetes-service.ts';
import { staticPodManifests } from './controllers/static-pods.ts';
import { namespaceDefaults } from './controllers/serviceaccount.ts';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];


function create(ctx: ApiContext, apiVersion: string, kind: string, obj: { metadata: KubeObject['metadata']; [k: string]: unknown }): KubeObject {
  const s = ctx.registry.forKind(apiVersion, kind);
  if (!s) throw new Error(`bootstrap: unknown kind ${apiVersion} ${kind}`);
  return createObject(ctx, s, obj.metadata.namespace, { apiVersion, kind, ...obj }, { trusted: true }).object;
}

export function bootstrap(ctx: ApiContext, options: SessionOptions): void {
  ctx.store.transaction(() => {
    for (const name of SYSTEM_NAMESPACES) {
      create(ctx, 'v1', 'Namespace', { metadata: { name } });
      // what the controller manager adds within a second of kubeadm init: here from the first revision on
      for (const o of namespaceDefaults(name)) create(ctx, o.apiVersion, o.kind, o);
    }
    const now = ctx.clock.now();
    const controlPlanes: KubeObject[] = [];
    for (let i = 1; i <= options.controlPlanes; i++) {
      controlPlanes.push(create(ctx, 'v1', 'Node', nodeManifest(`control-plane-${i}`, 'control-plane', i - 1, now)));
    }
    for (let i = 1; i <= options.workers; i++) create(ctx, 'v1', 'Node', nodeManifest(`worker-${i}`, 'worker', options.controlPlanes + i - 1, now));
    for (const cp of controlPlanes) for (const pod of staticPodManifests(cp)) create(ctx, 'v1', 'Pod', pod);

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
