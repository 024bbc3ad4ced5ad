// The durable log in the Durable Object's SQLite: one INSERT per committed write.
import type { LogBackend, LogRow, ChangeType } from './types.ts';

type Row = { rv: number; resource: string; namespace: string; name: string; type: string; value: string; prev_rv: number };

export class SqlBackend implements LogBackend {
  constructor(
    private readonly sql: SqlStorage,
    private readonly txn: <T>(fn: () => T) => T,
  ) {}

  load() {
    const rows = this.sql
      .exec<Row>('SELECT rv, resource, namespace, name, type, value, prev_rv FROM log ORDER BY rv')
      .toArray()
      .map(
        (r): LogRow => ({ rv: r.rv, resource: r.resource, namespace: r.namespace, name: r.name, type: r.type as ChangeType, value: r.value, prevRv: r.prev_rv }),
      );
    const c = this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'compacted'").toArray()[0];
    return { rows, compacted: c ? Number(c.v) : 0 };
  }

  append(r: LogRow): void {
    this.sql.exec(
      'INSERT INTO log (rv, resource, namespace, name, type, value, prev_rv) VALUES (?, ?, ?, ?, ?, ?, ?)',
      r.rv,
      r.resource,
      r.namespace,
      r.name,
      r.type,
      r.value,
      r.prevRv,
    );
  }

  compact(upTo: number): void {
    this.txn(() => {
      // Same rule as compactRows: history at or below upTo goes, except each key's newest live row.
      this.sql.exec(
        `DELETE FROM log WHERE rv <= ?1 AND (type = 'DELETED' OR rv < (
           SELECT MAX(l2.rv) FROM log l2
           WHERE l2.resource = log.resource AND l2.namespace = log.namespace AND l2.name = log.name AND l2.rv <= ?1))`,
        upTo,
      );
      this.sql.exec("INSERT INTO meta (k, v) VALUES ('compacted', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", String(upTo));
    });
  }

  transaction<T>(fn: () => T): T {
    return this.txn(fn);
  }

  destroy(): void {
    this.sql.exec('DELETE FROM log');
    this.sql.exec('DELETE FROM meta');
  }
}
