// The scheduler's view of the cluster (kube-scheduler's cache): nodes with the pods bound to them, updated from every
// pod and node change, plus counters of pods matching a selector per node, also kept current change by change, so
// spreading and affinity never rescan every pod for every pod scheduled.
import type { Node, Pod } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import { NodeInfo } from './node-info.ts';
import { podInfo, type PodInfo } from './pod-info.ts';

/** Pods matching some selector, counted per node. */
interface Counter {
  match: (p: PodInfo) => boolean;
  counts: Map<string, number>;
}

/** What a pod change did to the nodes' state: which placement went away and which appeared. */
export interface PodDelta {
  removed?: PodInfo;
  added?: PodInfo;
}

const MAX_COUNTERS = 64;

/** Bound pods hold node resources until they finish; finished ones (Succeeded/Failed) free them. */
export function holdsNode(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

function sameFootprint(a: Pod, b: Pod): boolean {
  return (
    a.spec?.nodeName === b.spec?.nodeName &&
    !!a.metadata.deletionTimestamp === !!b.metadata.deletionTimestamp &&
    a.spec?.priority === b.spec?.priority &&
    JSON.stringify(a.metadata.labels ?? {}) === JSON.stringify(b.metadata.labels ?? {})
  );
}

/** The node fields that decide which pods fit; heartbeats and conditions change none of them. */
function fitSignature(n: Node): string {
  return JSON.stringify([n.metadata.labels ?? {}, n.spec?.taints ?? [], !!n.spec?.unschedulable, n.status?.allocatable ?? {}]);
}

interface Signature {
  fit: string;
  /** Images only move scores: a change is applied but wakes no waiting pod. */
  images: string;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly signatures = new Map<string, Signature>();
  private readonly assigned = new Map<string, PodInfo>();
  private readonly counters = new Map<string, Counter>();
  private sorted: NodeInfo[] | undefined;

  constructor(store: Store) {
    for (const e of store.list('nodes')) this.applyNode(e.object.metadata.name ?? '', e.object as Node);
    for (const e of store.list('pods')) this.applyPod(`${e.object.metadata.namespace}/${e.object.metadata.name}`, e.object as Pod);
  }

  /** Nodes that exist, by name. */
  nodeList(): readonly NodeInfo[] {
    if (!this.sorted) this.sorted = [...this.nodes.values()].filter((n) => n.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sorted;
  }

  node(name: string): NodeInfo | undefined {
    const n = this.nodes.get(name);
    return n?.node ? n : undefined;
  }

  /** Applies a node change; true when it may let a waiting pod fit (added, or labels, taints, cordon or capacity changed). */
  applyNode(name: string, node: Node | undefined): boolean {
    let info = this.nodes.get(name);
    if (!node) {
      this.signatures.delete(name);
      if (!info) return false;
      info.setNode(undefined);
      if (!info.pods.size) this.nodes.delete(name);
      this.sorted = undefined;
      return false;
    }
    const sig = { fit: fitSignature(node), images: JSON.stringify(node.status?.images ?? []) };
    const prev = this.signatures.get(name);
    const added = !info?.node;
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    if (!added && prev?.fit === sig.fit && prev.images === sig.images) {
      info.node = node;
      return false;
    }
    this.signatures.set(name, sig);
    info.setNode(node);
    if (added) this.sorted = undefined;
    return added || prev?.fit !== sig.fit;
  }

  /** Applies a pod change (undefined: deleted). Idempotent: applying the current state twice changes nothing. */
  applyPod(key: string, pod: Pod | undefined): PodDelta {
    const old = this.assigned.get(key);
    const holds = pod !== undefined && holdsNode(pod);
    if (old && holds && (old.pod === pod || sameFootprint(old.pod, pod))) {
      old.pod = pod;
      return {};
    }
    const delta: PodDelta = {};
    if (old) {
      this.assigned.delete(key);
      const n = this.nodes.get(old.nodeName);
      if (n) {
        n.removePod(old);
        if (!n.node && !n.pods.size) this.nodes.delete(old.nodeName);
      }
      this.count(old, -1);
      delta.removed = old;
    }
    if (holds) {
      const info = podInfo(pod);
      this.assigned.set(key, info);
      let n = this.nodes.get(info.nodeName);
      if (!n) this.nodes.set(info.nodeName, (n = new NodeInfo(info.nodeName)));
      n.addPod(info);
      this.count(info, 1);
      delta.added = info;
    }
    return delta;
  }

  private count(p: PodInfo, d: number): void {
    for (const c of this.counters.values()) if (c.match(p)) c.counts.set(p.nodeName, (c.counts.get(p.nodeName) ?? 0) + d);
  }

  /**
   * Pods matching `match`, per node name, kept current from then on. `key` must identify the matcher exactly (it is
   * reused for the same key); the least recently used counters are dropped when there are too many.
   */
  counts(key: string, match: (p: PodInfo) => boolean): ReadonlyMap<string, number> {
    let c = this.counters.get(key);
    if (c) {
      this.counters.delete(key);
      this.counters.set(key, c);
      return c.counts;
    }
    c = { match, counts: new Map() };
    for (const p of this.assigned.values()) if (match(p)) c.counts.set(p.nodeName, (c.counts.get(p.nodeName) ?? 0) + 1);
    this.counters.set(key, c);
    if (this.counters.size > MAX_COUNTERS) this.counters.delete(this.counters.keys().next().value!);
    return c.counts;
  }

  /** Every bound pod with (anti-)affinity terms, with its node. */
  *podsWithAffinity(): Generator<[PodInfo, NodeInfo]> {
    for (const n of this.nodeList()) for (const p of n.podsWithAffinity) yield [p, n];
  }
}
