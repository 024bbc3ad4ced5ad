// Who changed what, most recent first: the "activity" the web UI shows beside the events.
import type { Clock } from './apiserver/context.ts';
import { rfc3339 } from './apiserver/context.ts';
import type { KubeObject } from './types.ts';

export interface ActivityEntry {
  time: string;
  user: string;
  verb: string;
  kind: string;
  namespace?: string;
  name: string;
}

const KEEP = 200;

/** Where entries outlive the process (the cluster's SQLite); tests keep them in memory. */
export interface ActivityLog {
  load(limit: number): ActivityEntry[];
  append(e: ActivityEntry, keep: number): void;
}

export function sqlActivityLog(sql: SqlStorage): ActivityLog {
  return {
    load: (limit) =>
      sql
        .exec<{ entry: string }>('SELECT entry FROM activity ORDER BY id DESC LIMIT ?', limit)
        .toArray()
        .map((r) => JSON.parse(r.entry) as ActivityEntry),
    append(e, keep) {
      sql.exec('INSERT INTO activity (entry) VALUES (?)', JSON.stringify(e));
      sql.exec('DELETE FROM activity WHERE id <= (SELECT MAX(id) FROM activity) - ?', keep);
    },
  };
}

export class Activity {
  private entries: ActivityEntry[];
  private readonly listeners = new Set<(e: ActivityEntry) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly log?: ActivityLog,
  ) {
    this.entries = log?.load(KEEP) ?? [];
  }

  record(user: string, verb: string, obj: KubeObject): void {
    const e: ActivityEntry = { time: rfc3339(this.clock.now()), user, verb, kind: obj.kind, name: obj.metadata.name ?? '' };
    if (obj.metadata.namespace) e.namespace = obj.metadata.namespace;
    this.entries.unshift(e);
    if (this.entries.length > KEEP) this.entries.length = KEEP;
    this.log?.append(e, KEEP);
    for (const l of this.listeners) l(e);
  }

  recent(): ActivityEntry[] {
    return this.entries.slice();
  }

  subscribe(l: (e: ActivityEntry) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
