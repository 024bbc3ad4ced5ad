import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { MemoryBackend } from '../../../durable-objects/store/memory-backend.ts';
import { SqlBackend } from '../../../durable-objects/store/sql-backend.ts';
import { migrate } from '../../../durable-objects/store/migrations.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('memory', async () => {
  const backend = new MemoryBackend();
  return { backend, reopen: () => backend, run: async (fn) => fn() };
});

let n = 0;
storeSuite('sqlite', async () => {
  // A fresh Durable Object per test: its SQLite is the backend, and a second SqlBackend on it is a restart.
  const stub = env.CLUSTER.get(env.CLUSTER.idFromName(`store-suite-${Date.now()}-${n++}`));
  let sql!: SqlStorage;
  let txn!: <T>(fn: () => T) => T;
  const run = <T,>(fn: () => T) =>
    runInDurableObject(stub, (_obj, state) => {
      sql = state.storage.sql;
      txn = (f) => state.storage.transactionSync(f);
      migrate(sql);
      return fn();
    });
  // The backend is created lazily inside run(), where the object's storage is reachable.
  const lazy = {
    load: () => new SqlBackend(sql, txn).load(),
    append: (r: Parameters<SqlBackend['append']>[0]) => new SqlBackend(sql, txn).append(r),
    compact: (u: number) => new SqlBackend(sql, txn).compact(u),
    transaction: <T,>(f: () => T) => new SqlBackend(sql, txn).transaction(f),
    destroy: () => new SqlBackend(sql, txn).destroy(),
  };
  return { backend: lazy, reopen: () => new SqlBackend(sql, txn), run };
});
