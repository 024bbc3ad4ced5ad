// The "0/N nodes are available: ..." message of a failed scheduling attempt, worded and ordered as kube-scheduler's
// FitError: each node's reasons counted, "<count> <reason>" strings sorted as Go sorts them, joined with ", ".
import type { Status } from './framework.ts';

export const NO_NODES = 'no nodes available to schedule pods';

function sentence(s: string): string {
  return s.endsWith('.') ? ` ${s}` : ` ${s}.`;
}

export function fitErrorMessage(numNodes: number, statuses: Iterable<Status>, o: { preFilterMsg?: string; postFilterMsg?: string } = {}): string {
  let msg = `0/${numNodes} nodes are available:`;
  if (o.preFilterMsg) msg += sentence(o.preFilterMsg);
  else {
    const counts = new Map<string, number>();
    for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    // Plain code-unit order, like Go's sort.Strings: "10 ..." sorts before "2 ...".
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length) msg += sentence(parts.join(', '));
  }
  if (o.postFilterMsg) msg += sentence(o.postFilterMsg);
  return msg;
}
