// Which pods a ReplicaSet gives up first when it has too many: upstream's ActivePodsWithRanks order, cheapest loss first.
import type { Pod } from '../../registry/schemas/index.ts';
import { createdAt, isActive, isReady, maxRestarts, readySince } from './pods.ts';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[DELETION_COST];
  if (v === undefined || !/^-?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/** Age bucket on a log2 scale (LogarithmicScaleDown): pods of similar age count as equally new. */
function ageBucket(t: number, now: number): number {
  const d = (now - t) * 1e6; // upstream measures in nanoseconds
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** Newer (smaller age bucket) first; same bucket falls back to uid so the choice spreads instead of always the newest. */
function newerFirst(a: number, b: number, ua: string, ub: string, now: number): number {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1; // a missing time sorts first
  const diff = ageBucket(a, now) - ageBucket(b, now);
  if (diff !== 0) return diff;
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

interface Ranked {
  pod: Pod;
  /** Active pods of the same workload on the pod's node: crowded nodes give up pods first. */
  rank: number;
}

function compare(x: Ranked, y: Ranked, now: number): number {
  const a = x.pod;
  const b = y.pod;
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? 1 : -1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isReady(a);
  const rb = isReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (x.rank !== y.rank) return y.rank - x.rank;
  if (ra && rb) {
    const ta = readySince(a) ?? 0;
    const tb = readySince(b) ?? 0;
    if (ta !== tb) {
      const c = newerFirst(ta, tb, a.metadata.uid ?? '', b.metadata.uid ?? '', now);
      if (c !== 0) return c;
    }
  }
  const ka = maxRestarts(a);
  const kb = maxRestarts(b);
  if (ka !== kb) return kb - ka;
  const ta = createdAt(a);
  const tb = createdAt(b);
  if (ta !== tb) return newerFirst(ta, tb, a.metadata.uid ?? '', b.metadata.uid ?? '', now);
  return 0;
}

/** The `count` pods to delete, in the order upstream would pick them; `related` are all pods of the same workload. */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) if (isActive(p)) perNode.set(p.spec?.nodeName ?? '', (perNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: perNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => compare(x, y, now));
  return ranked.slice(0, count).map((r) => r.pod);
}
