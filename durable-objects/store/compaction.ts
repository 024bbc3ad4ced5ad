// etcd's compaction rule, shared by both backends: history at or below a revision goes, each key's state as of it stays.
import type { LogRow } from './types.ts';

/**
 * Keeps every row above `upTo`, and for each key the newest row at or below `upTo` unless it is a deletion:
 * a watcher resuming after `upTo` still finds the previous state of every object it may see change.
 */
export function compactRows(rows: LogRow[], upTo: number): LogRow[] {
  const newestAtOrBelow = new Map<string, number>();
  for (const r of rows) {
    if (r.rv <= upTo) newestAtOrBelow.set(`${r.resource}\u0000${r.namespace}\u0000${r.name}`, r.rv);
  }
  return rows.filter((r) => {
    if (r.rv > upTo) return true;
    if (r.type === 'DELETED') return false;
    return newestAtOrBelow.get(`${r.resource}\u0000${r.namespace}\u0000${r.name}`) === r.rv;
  });
}
