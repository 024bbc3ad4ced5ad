// Store vocabulary: keys, revisions, log rows and the change events that watchers and controllers consume.
import type { KubeObject } from '../types.ts';

/** Where an object lives: the qualified resource (`pods`, `deployments.apps`), its namespace ('' when cluster-scoped) and name. */
export interface ObjectKey {
  resource: string;
  namespace: string;
  name: string;
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One row of the revision log (kine's shape): the revision is the object's resourceVersion. */
export interface LogRow {
  rv: number;
  resource: string;
  namespace: string;
  name: string;
  type: ChangeType;
  /** The object as stored at this revision (JSON text; DELETED rows hold the last state). */
  value: string;
  /** Revision of this key's previous row, 0 when the key is new. */
  prevRv: number;
}

/** A committed change as watchers see it. `prev` is the state before, for selector transitions. */
export interface ChangeEvent {
  type: ChangeType;
  rv: number;
  key: ObjectKey;
  object: KubeObject;
  /** `object` serialised, so fan-out to many watchers encodes it once. */
  json: string;
  prev: KubeObject | undefined;
}

/** Durable home of the log; the Store keeps the decoded current state in memory on top of it. */
export interface LogBackend {
  /** Every retained row, oldest first, plus what compaction removed. */
  load(): { rows: LogRow[]; compacted: number };
  append(row: LogRow): void;
  /** Drops history at or below `upTo` that no retained row needs; never drops a key's latest live row. */
  compact(upTo: number): void;
  /** Runs fn atomically (all appends commit or none). */
  transaction<T>(fn: () => T): T;
  /** Erases everything (session expiry). */
  destroy(): void;
}

export function keyOf(resource: string, obj: KubeObject): ObjectKey {
  return { resource, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}

/** Keys sort like etcd paths: by namespace, then name. */
export function keyString(k: ObjectKey): string {
  return `${k.namespace}/${k.name}`;
}
