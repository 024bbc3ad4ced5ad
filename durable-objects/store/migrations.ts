// Append-only schema migrations for the cluster's SQLite: ids run once, in order, and are recorded.

export interface Migration {
  id: string;
  sql: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    id: '0001_log',
    sql: [
      `CREATE TABLE log (
         rv INTEGER PRIMARY KEY,
         resource TEXT NOT NULL,
         namespace TEXT NOT NULL,
         name TEXT NOT NULL,
         type TEXT NOT NULL,
         value TEXT NOT NULL,
         prev_rv INTEGER NOT NULL
       )`,
      'CREATE INDEX log_key ON log (resource, namespace, name, rv)',
      'CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)',
    ],
  },
  {
    id: '0002_activity',
    sql: ['CREATE TABLE activity (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL)'],
  },
];

export function migrate(sql: SqlStorage): void {
  sql.exec('CREATE TABLE IF NOT EXISTS _migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set(sql.exec<{ id: string }>('SELECT id FROM _migrations').toArray().map((r) => r.id));
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    for (const stmt of m.sql) sql.exec(stmt);
    sql.exec('INSERT INTO _migrations (id, applied_at) VALUES (?, ?)', m.id, Date.now());
  }
}
