// In-memory log for unit tests and benchmarks of logic that must not depend on a Durable Object.
import type { LogBackend, LogRow } from './types.ts';
import { compactRows } from './compaction.ts';

export class MemoryBackend implements LogBackend {
  private rows: LogRow[] = [];
  private compacted = 0;

  load() {
    return { rows: this.rows.slice(), compacted: this.compacted };
  }

  append(row: LogRow): void {
    this.rows.push(row);
  }

  compact(upTo: number): void {
    this.rows = compactRows(this.rows, upTo);
    this.compacted = Math.max(this.compacted, upTo);
  }

  transaction<T>(fn: () => T): T {
    const before = this.rows.length;
    try {
      return fn();
    } catch (e) {
      this.rows.length = before;
      throw e;
    }
  }

  destroy(): void {
    this.rows = [];
    this.compacted = 0;
  }
}
