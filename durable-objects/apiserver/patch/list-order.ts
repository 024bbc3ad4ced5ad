// The element order of a strategic-merged list: the $setElementOrder (or patch) order, interleaved with untouched live items.

/**
 * Orders `merged` so the items named by `order` come in that order, while the other items keep
 * their position relative to the previous list `previous` (kube-apiserver interleaves the two groups:
 * an untouched item stays in front of a named item it preceded before).
 */
export function arrangeList<T>(merged: T[], mergedKeys: string[], order: string[], previous: string[]): T[] {
  const orderIndex = new Map<string, number>();
  order.forEach((k, i) => {
    if (!orderIndex.has(k)) orderIndex.set(k, i);
  });
  const previousIndex = new Map<string, number>();
  previous.forEach((k, i) => {
    if (!previousIndex.has(k)) previousIndex.set(k, i);
  });

  type Slot = { item: T; key: string; rank: number; seq: number };
  const named: Slot[] = [];
  const others: Slot[] = [];
  merged.forEach((item, seq) => {
    const key = mergedKeys[seq] as string;
    const rank = orderIndex.get(key);
    if (rank === undefined) others.push({ item, key, rank: -1, seq });
    else named.push({ item, key, rank, seq });
  });
  named.sort((a, b) => a.rank - b.rank || a.seq - b.seq);

  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < others.length && j < named.length) {
    const left = previousIndex.get((others[i] as Slot).key);
    const right = previousIndex.get((named[j] as Slot).key);
    if (left !== undefined && right !== undefined && left < right) out.push((others[i++] as Slot).item);
    else out.push((named[j++] as Slot).item);
  }
  while (i < others.length) out.push((others[i++] as Slot).item);
  while (j < named.length) out.push((named[j++] as Slot).item);
  return out;
}
