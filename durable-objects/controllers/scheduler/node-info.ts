// One node as the scheduler sees it: the Node's labels, taints and allocatable, plus what its pods already use. Kept
// current incrementally (adding or removing one pod is O(1)), never rebuilt from every pod per scheduling attempt.
import type { Node, Taint } from '../../registry/schemas/index.ts';
import { amount, isScheduledResource } from './quantity.ts';
import type { HostPort, PodInfo, Resources } from './pod-info.ts';

export class NodeInfo {
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable: Resources = new Map();
  /** Image name -> size in bytes, from status.images. */
  images = new Map<string, number>();
  readonly requested: Resources = new Map();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** `ip/protocol/port` -> how many pods hold it. */
  readonly usedPorts = new Map<string, number>();
  /** Pods here with any (anti-)affinity term: what InterPodAffinity checks against the incoming pod. */
  readonly podsWithAffinity = new Set<PodInfo>();

  constructor(readonly name: string) {}

  setNode(node: Node | undefined): void {
    this.node = node;
    this.labels = node?.metadata.labels ?? {};
    this.taints = node?.spec?.taints ?? [];
    this.unschedulable = !!node?.spec?.unschedulable;
    this.allocatable = new Map();
    for (const [k, q] of Object.entries((node?.status?.allocatable ?? {}) as Record<string, string | number>)) {
      if (k === 'pods') this.allocatable.set('pods', amount('pods', q));
      else if (isScheduledResource(k)) this.allocatable.set(k, amount(k, q));
    }
    this.images = new Map();
    for (const img of node?.status?.images ?? []) for (const n of img.names ?? []) this.images.set(n, img.sizeBytes ?? 0);
  }

  get allowedPods(): number {
    return this.allocatable.get('pods') ?? 0;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    for (const [k, v] of p.requests) this.requested.set(k, (this.requested.get(k) ?? 0) + v);
    this.nonZeroCPU += p.nonZeroCPU;
    this.nonZeroMemory += p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = portKey(hp);
      this.usedPorts.set(k, (this.usedPorts.get(k) ?? 0) + 1);
    }
    if (p.hasAffinity) this.podsWithAffinity.add(p);
  }

  removePod(p: PodInfo): void {
    if (!this.pods.delete(p.key)) return;
    for (const [k, v] of p.requests) this.requested.set(k, (this.requested.get(k) ?? 0) - v);
    this.nonZeroCPU -= p.nonZeroCPU;
    this.nonZeroMemory -= p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = portKey(hp);
      const n = (this.usedPorts.get(k) ?? 0) - 1;
      if (n > 0) this.usedPorts.set(k, n);
      else this.usedPorts.delete(k);
    }
    this.podsWithAffinity.delete(p);
  }

  /** A copy without some pods, for preemption's what-if. */
  without(victims: readonly PodInfo[]): NodeInfo {
    const n = new NodeInfo(this.name);
    if (this.node) n.setNode(this.node);
    const gone = new Set(victims.map((v) => v.key));
    for (const p of this.pods.values()) if (!gone.has(p.key)) n.addPod(p);
    return n;
  }

  /** Whether a host port is already taken here: 0.0.0.0 clashes with every address, as a real bind would. */
  portInUse(hp: HostPort): boolean {
    if (hp.ip === '0.0.0.0') {
      for (const k of this.usedPorts.keys()) if (k.endsWith(`/${hp.protocol}/${hp.port}`)) return true;
      return false;
    }
    return this.usedPorts.has(portKey({ ...hp, ip: '0.0.0.0' })) || this.usedPorts.has(portKey(hp));
  }
}

function portKey(hp: HostPort): string {
  return `${hp.ip}/${hp.protocol}/${hp.port}`;
}
