// The Node a simulated kubelet registers: labels, taints, capacity, conditions and node info of a kubeadm node.
import type { KubeObject } from '../../types.ts';
import { rfc3339 } from '../../apiserver/context.ts';
import { nodeImageNames, resolveImage } from './images.ts';

export const KUBELET_VERSION = 'v1.32.0';
export const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export type NodeRole = 'control-plane' | 'worker';

/** Conditions of a healthy kubelet, in the order `kubectl describe node` lists them. */
export function healthyConditions(now: number, since: number): Array<Record<string, string>> {
  const t = rfc3339(now);
  const s = rfc3339(since);
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: t, lastTransitionTime: s, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: t, lastTransitionTime: s, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: t, lastTransitionTime: s, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', lastHeartbeatTime: t, lastTransitionTime: s, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
}

export function nodeInfo(name: string): Record<string, string> {
  const id = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0');
  return {
    machineID: `${id}${'0'.repeat(24)}`,
    systemUUID: `${id}-0000-4000-8000-000000000000`,
    bootID: `${id}-b007-4000-8000-000000000000`,
    kernelVersion: '6.8.0-sandbox',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    containerRuntimeVersion: 'containerd://1.7.24',
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: KUBELET_VERSION,
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}

/** Capacity of a simulated machine: control planes are smaller, workers get room for lessons on scheduling. */
export function capacityFor(role: NodeRole): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const cpu = role === 'control-plane' ? '2' : '4';
  const memKi = role === 'control-plane' ? 4 * 1024 * 1024 : 8 * 1024 * 1024;
  const capacity = { cpu, 'ephemeral-storage': '102687672Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: '110' };
  const allocatable = { ...capacity, 'ephemeral-storage': '94635070947', memory: `${memKi - 102400}Ki` };
  return { capacity, allocatable };
}

/** Images a kubeadm node already holds: the sandbox image and kube-proxy, plus the control plane's own. */
export function preloadedImages(role: NodeRole): Array<{ names: string[]; sizeBytes: number }> {
  const specs = ['registry.k8s.io/pause:3.10', `registry.k8s.io/kube-proxy:${KUBELET_VERSION}`];
  if (role === 'control-plane') {
    specs.push('registry.k8s.io/etcd:3.5.16-0', 'registry.k8s.io/coredns/coredns:v1.11.3');
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) specs.push(`registry.k8s.io/${c}:${KUBELET_VERSION}`);
  }
  const out: Array<{ names: string[]; sizeBytes: number }> = [];
  for (const spec of specs) {
    const r = resolveImage(spec);
    if (r.ok) out.push({ names: nodeImageNames(r), sizeBytes: r.sizeBytes });
  }
  return out.sort((a, b) => b.sizeBytes - a.sizeBytes);
}

export function nodeManifest(name: string, role: NodeRole, index: number, now: number): { metadata: KubeObject['metadata']; [k: string]: unknown } {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/zone': ZONES[index % ZONES.length]!,
  };
  if (role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const spec: Record<string, unknown> = { providerID: `kube-sandbox://${name}` };
  if (role === 'control-plane') spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return {
    metadata: {
      name,
      labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock' },
    },
    spec,
    status: {
      ...capacityFor(role),
      conditions: healthyConditions(now, now),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: nodeInfo(name),
      images: preloadedImages(role),
    },
  };
}
