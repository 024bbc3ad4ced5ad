// What the simulated kubelets keep in memory, as real ones do: images on each node and pulls under way, back-off
// timers, planned stage times, precise run times. All of it can be lost: a restart rebuilds it from the store
// (node.status.images, container statuses), at worst restarting a pull or a delay.
import type { ReconcileContext } from '../types.ts';

export interface PullRecord {
  /** The spec image (`nginx:1.14.2`). */
  image: string;
  requestedAt: number;
  startAt: number;
  doneAt: number;
  ok: boolean;
  /** Error text (without the rpc prefix) when the pull fails. */
  error?: string;
  code?: 'NotFound' | 'Unknown';
  sizeBytes: number;
}

export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

export interface NodeState {
  /** Images present, by normalised name (`docker.io/library/nginx:1.14.2`, and by digest). */
  images: Map<string, NodeImage>;
  /** The store's node.status.images lags behind `images` (posted with the next node status). */
  imagesDirty: boolean;
  /** Pulls are serialised per node (kubelet serializeImagePulls): when the last queued one ends. */
  pullQueueEnd: number;
  /** In-flight pulls by normalised image name. */
  inflight: Map<string, PullRecord>;
  /** Next pod IP to try (a cursor, so allocation does not rescan from the start). */
  ipCursor: number;
  /** spec.unschedulable as this kubelet last saw it: a change is announced as NodeSchedulable / NodeNotSchedulable. */
  unschedulable?: boolean;
}

/** A kubelet back-off entry (client-go flowcontrol.Backoff): the current delay and when it was last bumped. */
export interface Backoff {
  delayMs: number;
  lastUpdate: number;
}

export interface PodMemo {
  uid: string;
  /** Due times of stages planned with a delay, by stage instance (`start/nginx/2`). */
  plans: Map<string, number>;
  /** Pulls this pod's containers wait for, by container name. */
  pulls: Map<string, PullRecord>;
  /** Containers whose image was pulled for the coming start (no "already present" event then). */
  pulled: Set<string>;
  crash: Map<string, Backoff>;
  /** Image pull back-off by image. */
  pullBackoff: Map<string, Backoff>;
  /** Retry times after CreateContainerConfigError, by container. */
  retryAt: Map<string, number>;
  /** Back-off of failed volume mounts (a missing ConfigMap or Secret) before the sandbox is created. */
  mountBackoff: Backoff | undefined;
  /** Objects (`configmaps/ns/name`) this pod registered a wait for in KubeletState.mountWaits. */
  mountWaits: Set<string>;
  /** Precise start and finish of runs by containerID (statuses only keep seconds). */
  runs: Map<string, { startMs: number; finishMs?: number; portsInUse: number[] }>;
  /** Containers stopped to be replaced (a new image): restarted without back-off. */
  replaced: Set<string>;
  /** Containers being stopped (liveness failure, new image) and when they are gone. */
  stopping: Map<string, { at: number; exitCode: number }>;
  /** When the whole pod's containers are stopped after a deletion. */
  killAt: number | undefined;
  /** Next periodic readiness failure report, by container. */
  probeReport: Map<string, number>;
  /** Exec probe outcomes already worked out for a run (`containerID/probe/...` -> time). */
  probeCache: Map<string, number | undefined>;
}

export interface KubeletState {
  nodes: Map<string, NodeState>;
  pods: Map<string, PodMemo>;
  /** Pod IPs held by pod objects; built on first use, then kept current from the change stream. */
  ips: Set<string> | undefined;
  /** Next address to try in the flat network's shared range. */
  flatCursor: number;
  /** Pods (`ns/name`) waiting to mount a missing object, by `configmaps/ns/name` or `secrets/ns/name`. */
  mountWaits: Map<string, Set<string>>;
  /** The key our own write is committing (`ns/pod`, `node:<name>`, `lease:<name>`): its change event needs no look. */
  writing: string | undefined;
}

const STATES = new WeakMap<object, KubeletState>();

/** This cluster's kubelet state (one per store: several clusters can share an isolate). */
export function kubeletState(ctx: Pick<ReconcileContext, 'store'>): KubeletState {
  let s = STATES.get(ctx.store);
  if (!s) {
    s = { nodes: new Map(), pods: new Map(), ips: undefined, flatCursor: 0, mountWaits: new Map(), writing: undefined };
    STATES.set(ctx.store, s);
  }
  return s;
}

export function podMemo(s: KubeletState, uid: string): PodMemo {
  let m = s.pods.get(uid);
  if (!m) {
    m = {
      uid,
      plans: new Map(),
      pulls: new Map(),
      pulled: new Set(),
      crash: new Map(),
      pullBackoff: new Map(),
      retryAt: new Map(),
      mountBackoff: undefined,
      mountWaits: new Set(),
      runs: new Map(),
      replaced: new Set(),
      stopping: new Map(),
      killAt: undefined,
      probeReport: new Map(),
      probeCache: new Map(),
    };
    s.pods.set(uid, m);
  }
  return m;
}

export function nodeState(s: KubeletState, name: string, statusImages: ReadonlyArray<{ names?: string[]; sizeBytes?: number }> | undefined): NodeState {
  let n = s.nodes.get(name);
  if (!n) {
    n = { images: new Map(), imagesDirty: false, pullQueueEnd: 0, inflight: new Map(), ipCursor: 0 };
    for (const img of statusImages ?? []) {
      const entry = { names: [...(img.names ?? [])], sizeBytes: img.sizeBytes ?? 0 };
      for (const name of entry.names) n.images.set(name, entry);
    }
    s.nodes.set(name, n);
  }
  return n;
}

/** client-go Backoff.IsInBackOffSince: still waiting `delay` after `since` (entries idle for 2x the cap expire). */
export function inBackoff(b: Backoff | undefined, since: number, now: number, maxMs: number): boolean {
  if (!b) return false;
  if (since - b.lastUpdate > 2 * maxMs) return false;
  return now - since < b.delayMs;
}

/** client-go Backoff.Next: first delay, then doubling up to the cap; reset after a long quiet spell. */
export function nextBackoff(b: Backoff | undefined, at: number, now: number, initialMs: number, maxMs: number): Backoff {
  if (!b || at - b.lastUpdate > 2 * maxMs) return { delayMs: initialMs, lastUpdate: now };
  return { delayMs: Math.min(b.delayMs * 2, maxMs), lastUpdate: now };
}
