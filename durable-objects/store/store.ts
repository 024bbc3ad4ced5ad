// The cluster's etcd: one revision counter, compare-and-swap writes, a decoded copy of current state, and watchable history.
import { ApiError, errors } from '../apiserver/errors.ts';
import type { KubeObject } from '../types.ts';
import type { ChangeEvent, ChangeType, LogBackend, LogRow, ObjectKey } from './types.ts';

interface Entry {
  object: KubeObject;
  json: string;
  rv: number;
}

interface HistoryEntry {
  rv: number;
  type: ChangeType;
  resource: string;
  namespace: string;
  name: string;
  json: string;
  prevJson: string | undefined;
}

export interface StoreOptions {
  /** How many revisions of history stay watchable; older resourceVersions answer 410 Expired. */
  historyLimit?: number;
}

export type ChangeListener = (e: ChangeEvent) => void;

/** etcd's default request limit; also well under the Durable Object SQLite row limit. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** Writes made inside `transaction()`: applied to memory at once, logged and announced only when all succeed. */
interface Txn {
  undo: Array<{ resource: string; id: string; prev: Entry | undefined }>;
  rows: LogRow[];
  events: ChangeEvent[];
  rev: number;
  historyLength: number;
}

/** `deployments.apps` -> resource `deployments`, group `apps`, for messages shaped like apiserver's. */
function splitResource(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return dot < 0 ? [qualified, ''] : [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

/** Objects handed out are shared: freezing them makes an accidental mutation throw instead of corrupting state. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

export class Store {
  private readonly objects = new Map<string, Map<string, Entry>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private history: HistoryEntry[] = [];
  private rev = 0;
  private compacted = 0;
  private readonly listeners = new Set<ChangeListener>();
  private readonly destroyHooks = new Set<() => void>();
  private readonly historyLimit: number;
  private txn: Txn | undefined;

  constructor(
    private readonly backend: LogBackend,
    opts: StoreOptions = {},
  ) {
    this.historyLimit = opts.historyLimit ?? 10_000;
    this.load();
  }

  get revision(): number {
    return this.rev;
  }

  /** The oldest resourceVersion a watch may still start from. */
  get compactedRevision(): number {
    return this.compacted;
  }

  private load(): void {
    const { rows, compacted } = this.backend.load();
    this.compacted = compacted;
    const last = new Map<string, string>();
    for (const r of rows) {
      const id = `${r.resource}\u0000${r.namespace}\u0000${r.name}`;
      if (r.rv > compacted) {
        this.history.push({ rv: r.rv, type: r.type, resource: r.resource, namespace: r.namespace, name: r.name, json: r.value, prevJson: last.get(id) });
      }
      if (r.type === 'DELETED') {
        last.delete(id);
        this.table(r.resource).delete(`${r.namespace}/${r.name}`);
      } else {
        last.set(id, r.value);
        this.table(r.resource).set(`${r.namespace}/${r.name}`, { object: deepFreeze(JSON.parse(r.value) as KubeObject), json: r.value, rv: r.rv });
      }
      this.rev = Math.max(this.rev, r.rv);
    }
    this.rev = Math.max(this.rev, compacted);
  }

  private table(resource: string): Map<string, Entry> {
    let t = this.objects.get(resource);
    if (!t) {
      t = new Map();
      this.objects.set(resource, t);
    }
    return t;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(`${namespace}/${name}`)?.object;
  }

  /** A private, mutable copy of the current object. */
  getMutable(resource: string, namespace: string, name: string): KubeObject | undefined {
    const e = this.objects.get(resource)?.get(`${namespace}/${name}`);
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  /** The stored JSON text, for responses that need no decoding. */
  getJSON(resource: string, namespace: string, name: string): string | undefined {
    return this.objects.get(resource)?.get(`${namespace}/${name}`)?.json;
  }

  /** Every resource that has (or had) objects. */
  resources(): string[] {
    return [...this.objects.keys()];
  }

  count(resource: string): number {
    return this.objects.get(resource)?.size ?? 0;
  }

  /** Current objects of a resource in key order (namespace, then name), optionally in one namespace. */
  list(resource: string, namespace?: string): Array<{ object: KubeObject; json: string }> {
    const t = this.objects.get(resource);
    if (!t) return [];
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...t.keys()].sort();
      this.sortedKeys.set(resource, keys);
    }
    const out: Array<{ object: KubeObject; json: string }> = [];
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    for (const k of keys) {
      if (prefix !== undefined && !k.startsWith(prefix)) continue;
      const e = t.get(k);
      if (e) out.push(e);
    }
    return out;
  }

  create(resource: string, obj: KubeObject): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    if (this.objects.get(resource)?.has(`${ns}/${name}`)) {
      const [r, g] = splitResource(resource);
      throw errors.alreadyExists(r, g, name);
    }
    return this.commit('ADDED', { resource, namespace: ns, name }, obj, undefined);
  }

  /** Compare-and-swap when `expectedRV` is given (the object's metadata.resourceVersion as the client sent it). */
  update(resource: string, obj: KubeObject, expectedRV?: string): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    const cur = this.objects.get(resource)?.get(`${ns}/${name}`);
    const [r, g] = splitResource(resource);
    if (!cur) throw errors.notFound(r, g, name);
    if (expectedRV !== undefined && expectedRV !== '' && expectedRV !== String(cur.rv)) throw errors.conflict(r, g, name);
    return this.commit('MODIFIED', { resource, namespace: ns, name }, obj, cur);
  }

  delete(resource: string, namespace: string, name: string, expectedRV?: string): KubeObject {
    const cur = this.objects.get(resource)?.get(`${namespace}/${name}`);
    const [r, g] = splitResource(resource);
    if (!cur) throw errors.notFound(r, g, name);
    if (expectedRV !== undefined && expectedRV !== '' && expectedRV !== String(cur.rv)) throw errors.conflict(r, g, name);
    const last = JSON.parse(cur.json) as KubeObject;
    return this.commit('DELETED', { resource, namespace, name }, last, cur);
  }

  private commit(type: ChangeType, key: ObjectKey, obj: KubeObject, cur: Entry | undefined): KubeObject {
    const rv = this.rev + 1;
    obj.metadata.resourceVersion = String(rv);
    const json = JSON.stringify(obj);
    // SQLite rows and etcd both cap an object; refuse clearly instead of failing the write.
    if (json.length > MAX_OBJECT_BYTES) throw new ApiError('RequestEntityTooLarge', `Request entity too large: the object exceeds the ${MAX_OBJECT_BYTES / 1024 / 1024} MiB limit of the store`);
    const row: LogRow = { rv, resource: key.resource, namespace: key.namespace, name: key.name, type, value: json, prevRv: cur?.rv ?? 0 };
    const id = `${key.namespace}/${key.name}`;
    if (this.txn) {
      this.txn.rows.push(row);
      this.txn.undo.push({ resource: key.resource, id, prev: cur });
    } else {
      this.backend.append(row); // throws before any in-memory change if the write fails
    }
    this.rev = rv;
    deepFreeze(obj);
    const t = this.table(key.resource);
    if (type === 'DELETED') {
      t.delete(id);
      this.sortedKeys.delete(key.resource);
    } else {
      if (!cur) this.sortedKeys.delete(key.resource);
      t.set(id, { object: obj, json, rv });
    }
    this.history.push({ rv, type, resource: key.resource, namespace: key.namespace, name: key.name, json, prevJson: cur?.json });
    const event: ChangeEvent = { type, rv, key, object: obj, json, prev: cur?.object };
    if (this.txn) this.txn.events.push(event);
    else this.announce(event);
    return obj;
  }

  /**
   * Runs fn so that all of its writes commit together or not at all: on a throw, memory is restored and nothing
   * reaches the log or any watcher. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T {
    if (this.txn) return fn();
    const txn: Txn = { undo: [], rows: [], events: [], rev: this.rev, historyLength: this.history.length };
    this.txn = txn;
    let result: T;
    try {
      result = fn();
      this.backend.transaction(() => {
        for (const r of txn.rows) this.backend.append(r);
      });
    } catch (e) {
      this.txn = undefined;
      for (let i = txn.undo.length - 1; i >= 0; i--) {
        const u = txn.undo[i]!;
        if (u.prev) this.table(u.resource).set(u.id, u.prev);
        else this.table(u.resource).delete(u.id);
        this.sortedKeys.delete(u.resource);
      }
      this.rev = txn.rev;
      this.history.length = txn.historyLength;
      throw e;
    }
    this.txn = undefined;
    for (const ev of txn.events) this.announce(ev);
    return result;
  }

  private announce(event: ChangeEvent): void {
    this.maybeCompact();
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        console.error('store listener failed', e);
      }
    }
  }

  private maybeCompact(): void {
    if (this.history.length <= this.historyLimit * 1.2) return;
    const keepFrom = this.history.length - this.historyLimit;
    const upTo = this.history[keepFrom - 1]!.rv;
    this.compact(upTo);
  }

  /** Forgets history at or below `upTo` (never the current revision). */
  compact(upTo: number): void {
    upTo = Math.min(upTo, this.rev - 1);
    if (upTo <= this.compacted) return;
    this.backend.compact(upTo);
    this.compacted = upTo;
    const i = this.history.findIndex((h) => h.rv > upTo);
    this.history = i < 0 ? [] : this.history.slice(i);
  }

  /**
   * Every change after `rv` in commit order, optionally of one resource. Throws 410 Expired when `rv` is older than
   * the retained history, as etcd does after compaction.
   */
  changesSince(rv: number, resource?: string): ChangeEvent[] {
    if (rv < this.compacted) {
      throw new ApiError('Expired', `too old resource version: ${rv} (${this.compacted + 1})`);
    }
    const out: ChangeEvent[] = [];
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const h = this.history[i]!;
      if (resource !== undefined && h.resource !== resource) continue;
      out.push({
        type: h.type,
        rv: h.rv,
        key: { resource: h.resource, namespace: h.namespace, name: h.name },
        object: JSON.parse(h.json) as KubeObject,
        json: h.json,
        prev: h.prevJson === undefined ? undefined : (JSON.parse(h.prevJson) as KubeObject),
      });
    }
    return out;
  }

  /** Wipes the cluster (session expiry). */
  /** Runs `fn` when the cluster is wiped (deleted or expired): open streams end instead of idling until timeout. */
  onDestroy(fn: () => void): () => void {
    this.destroyHooks.add(fn);
    return () => this.destroyHooks.delete(fn);
  }

  destroy(): void {
    for (const fn of [...this.destroyHooks]) {
      try {
        fn();
      } catch {
        // a stream that cannot close any more is gone already
      }
    }
    this.destroyHooks.clear();
    this.backend.destroy();
    this.objects.clear();
    this.sortedKeys.clear();
    this.history = [];
  }
}
