// Timers of the engine: one due time per key, the earliest found in O(log n). Thousands of pods each waiting for
// something (a container start, a backoff) must not cost a scan of every timer whenever the queue drains.

export class TimerHeap {
  private readonly due = new Map<string, number>();
  /** Entries may be stale (the key was rescheduled or fired); `due` is the truth. */
  private heap: Array<[number, string]> = [];

  get size(): number {
    return this.due.size;
  }

  /** Keeps the earlier of the existing and the new time. */
  set(id: string, at: number): void {
    const cur = this.due.get(id);
    if (cur !== undefined && cur <= at) return;
    this.due.set(id, at);
    this.push([at, id]);
  }

  /** The earliest due time, if any. */
  peek(): number | undefined {
    this.dropStale();
    return this.heap[0]?.[0];
  }

  /** Removes and returns every key due at or before `now`. */
  takeDue(now: number): string[] {
    const out: string[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top[0] > now) return out;
      this.pop();
      this.due.delete(top[1]);
      out.push(top[1]);
    }
  }

  private dropStale(): void {
    while (this.heap.length) {
      const [at, id] = this.heap[0]!;
      if (this.due.get(id) === at) return;
      this.pop();
    }
  }

  private push(e: [number, string]): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]![0] <= e[0]) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]![0] < h[l]![0] ? r : l;
      if (h[c]![0] >= last[0]) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}
