// Pods that fit nowhere (kube-scheduler's unschedulable pods): when each may be tried again and which cluster changes
// could help it. A change wakes only the pods whose rejecting plugins it can satisfy; a woken pod still waits out its
// backoff (1s doubling to 10s per failed attempt); with no helpful change, it is retried every five minutes.

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** How long a pod may wait without an attempt (upstream's podMaxInUnschedulablePodsDuration). */
export const FLUSH_MS = 5 * 60_000;

export type ClusterChange = 'NodeChanged' | 'PodRemoved' | 'PodAdded';

/** Which rejections each kind of change can lift (upstream's queueing hints, coarsely). */
const HELPS: Record<ClusterChange, ReadonlySet<string> | 'all'> = {
  NodeChanged: 'all',
  PodRemoved: new Set(['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread']),
  PodAdded: new Set(['InterPodAffinity', 'PodTopologySpread']),
};

export interface Parked {
  uid: string;
  attempts: number;
  /** Earliest time of the next attempt. */
  retryAt: number;
  plugins: ReadonlySet<string>;
}

export function backoffMs(attempts: number): number {
  return Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export class UnschedulableQueue {
  private readonly parked = new Map<string, Parked>();

  /** Records a failed attempt; returns the pod's entry. */
  park(key: string, uid: string, plugins: ReadonlySet<string>, now: number): Parked {
    const prior = this.get(key, uid);
    const attempts = (prior?.attempts ?? 0) + 1;
    const p: Parked = { uid, attempts, retryAt: now + backoffMs(attempts), plugins };
    this.parked.set(key, p);
    return p;
  }

  /** The entry of this pod (a recreated pod of the same name starts afresh). */
  get(key: string, uid: string | undefined): Parked | undefined {
    const p = this.parked.get(key);
    if (p && p.uid !== uid) {
      this.parked.delete(key);
      return undefined;
    }
    return p;
  }

  forget(key: string): void {
    this.parked.delete(key);
  }

  get size(): number {
    return this.parked.size;
  }

  /** Keys of parked pods this change may help. */
  wake(change: ClusterChange): string[] {
    const helps = HELPS[change];
    const out: string[] = [];
    for (const [key, p] of this.parked) {
      if (helps === 'all' || !p.plugins.size || [...p.plugins].some((n) => helps.has(n))) out.push(key);
    }
    return out;
  }
}
