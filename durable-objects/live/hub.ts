// The web view's live feed: every change of the resources the page draws, pushed over hibernatable WebSockets in
// batches (one message per burst of commits), with snapshots, resume from a resourceVersion, presence and activity.
import type { Store } from '../store/store.ts';
import type { ChangeEvent } from '../store/types.ts';
import type { KubeObject } from '../types.ts';
import type { Activity, ActivityEntry } from '../activity.ts';
import { ApiError } from '../apiserver/errors.ts';

/** What the page draws. Events arrive too; the snapshot carries only the newest of them. */
export const LIVE_RESOURCES = ['namespaces', 'nodes', 'pods', 'deployments.apps', 'replicasets.apps', 'services', 'endpoints', 'events'] as const;
const LIVE = new Set<string>(LIVE_RESOURCES);
const SNAPSHOT_EVENTS = 200;
/** Workers cap a WebSocket message at 1 MiB; stay well below. */
const MAX_MESSAGE_BYTES = 512 * 1024;

export interface SocketInfo {
  id: string;
  rights: 'edit' | 'view';
  name: string;
  /** Set once the socket has its snapshot or replay: from then on it gets every broadcast. */
  synced: boolean;
}

/** The subset of a WebSocket the hub uses, so tests can pass fakes. */
export interface LiveSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  serializeAttachment(a: unknown): void;
  deserializeAttachment(): unknown;
}

export type ServerMessage =
  | { t: 'hello'; id: string; rights: 'edit' | 'view'; name: string }
  | { t: 'snapshot'; rv: string; objects: Array<{ r: string; o: KubeObject }>; last: boolean }
  | { t: 'changes'; rv: string; changes: Array<{ type: string; r: string; o: KubeObject }> }
  | { t: 'presence'; people: Array<{ id: string; name: string; rights: 'edit' | 'view' }> }
  | { t: 'activity'; entries: ActivityEntry[] }
  | { t: 'error'; message: string };

export type ClientMessage = { t: 'sync'; rv?: string } | { t: 'name'; name: string };

/** Objects as the page needs them: without field-ownership bookkeeping and the copy of the applied manifest. */
function slim(o: KubeObject): KubeObject {
  const m = o.metadata;
  if (!m.managedFields && !m.annotations?.['kubectl.kubernetes.io/last-applied-configuration']) return o;
  const annotations: Record<string, string> = { ...m.annotations };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const { managedFields: _dropped, annotations: _old, ...rest } = m;
  const metadata: KubeObject['metadata'] = Object.keys(annotations).length ? { ...rest, annotations } : rest;
  return { ...o, metadata };
}

/** Splits a list into messages that each stay under the size cap. */
function chunks<T>(items: T[], make: (part: T[], last: boolean) => ServerMessage): string[] {
  const out: string[] = [];
  let part: T[] = [];
  let size = 0;
  for (const it of items) {
    const n = JSON.stringify(it).length;
    if (part.length && size + n > MAX_MESSAGE_BYTES) {
      out.push(JSON.stringify(make(part, false)));
      part = [];
      size = 0;
    }
    part.push(it);
    size += n;
  }
  out.push(JSON.stringify(make(part, true)));
  return out;
}

export class LiveHub {
  private readonly sockets = new Map<LiveSocket, SocketInfo>();
  private pending: Array<{ type: string; r: string; o: KubeObject }> = [];
  private flushQueued = false;

  constructor(
    private readonly store: Store,
    private readonly activity: Activity,
  ) {
    store.subscribe((e) => this.onChange(e));
    activity.subscribe((entry) => this.broadcast(JSON.stringify({ t: 'activity', entries: [entry] } satisfies ServerMessage)));
  }

  /** A new connection (or one that survived hibernation: `restore`). */
  attach(ws: LiveSocket, info: SocketInfo): void {
    this.sockets.set(ws, info);
    ws.serializeAttachment(info);
    this.send(ws, { t: 'hello', id: info.id, rights: info.rights, name: info.name });
    this.send(ws, { t: 'activity', entries: this.activity.recent() });
    this.presence();
  }

  /** After the object woke from hibernation: sockets are still connected and already synced. */
  restore(ws: LiveSocket): void {
    const info = ws.deserializeAttachment() as SocketInfo | null;
    if (info) this.sockets.set(ws, info);
  }

  get size(): number {
    return this.sockets.size;
  }

  message(ws: LiveSocket, raw: string | ArrayBuffer): void {
    const info = this.sockets.get(ws);
    if (!info) return;
    let msg: ClientMessage;
    try {
      msg = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as ClientMessage;
    } catch {
      this.send(ws, { t: 'error', message: 'messages must be JSON' });
      return;
    }
    if (msg === null || typeof msg !== 'object') {
      this.send(ws, { t: 'error', message: 'messages must be JSON objects' });
      return;
    }
    switch (msg.t) {
      case 'sync':
        this.sync(ws, info, msg.rv);
        return;
      case 'name':
        info.name = String(msg.name ?? '').slice(0, 40) || info.name;
        ws.serializeAttachment(info);
        this.presence();
        return;
      default:
        this.send(ws, { t: 'error', message: `unknown message type` });
    }
  }

  close(ws: LiveSocket): void {
    if (this.sockets.delete(ws)) this.presence();
  }

  /** Replays what a reconnecting page missed, or sends a full snapshot when its resourceVersion is gone or absent. */
  private sync(ws: LiveSocket, info: SocketInfo, rv: string | undefined): void {
    this.flush(); // everything committed so far goes out first, so replay and broadcast never overlap
    const from = rv !== undefined && /^\d+$/.test(rv) ? Number(rv) : undefined;
    if (from !== undefined) {
      try {
        const changes = this.store
          .changesSince(from)
          .filter((c) => LIVE.has(c.key.resource))
          .map((c) => ({ type: c.type, r: c.key.resource, o: slim(c.object) }));
        for (const m of chunks(changes, (part) => ({ t: 'changes', rv: String(this.store.revision), changes: part }))) ws.send(m);
        this.markSynced(ws, info);
        return;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
    const objects: Array<{ r: string; o: KubeObject }> = [];
    for (const r of LIVE_RESOURCES) {
      let list = this.store.list(r).map((e) => e.object);
      if (r === 'events') list = newestEvents(list, SNAPSHOT_EVENTS);
      for (const o of list) objects.push({ r, o: slim(o) });
    }
    const at = String(this.store.revision);
    for (const m of chunks(objects, (part, last) => ({ t: 'snapshot', rv: at, objects: part, last }))) ws.send(m);
    this.markSynced(ws, info);
  }

  private markSynced(ws: LiveSocket, info: SocketInfo): void {
    info.synced = true;
    ws.serializeAttachment(info);
  }

  private onChange(e: ChangeEvent): void {
    if (!LIVE.has(e.key.resource) || !this.sockets.size) return;
    this.pending.push({ type: e.type, r: e.key.resource, o: slim(e.object) });
    if (!this.flushQueued) {
      this.flushQueued = true;
      // Commits of one synchronous burst (an API write, a controller slice) leave in one message.
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (!this.pending.length) return;
    const changes = this.pending;
    this.pending = [];
    const rv = String(this.store.revision);
    for (const m of chunks(changes, (part) => ({ t: 'changes', rv, changes: part }))) this.broadcast(m, true);
  }

  private broadcast(data: string, syncedOnly = false): void {
    for (const [ws, info] of this.sockets) {
      if (syncedOnly && !info.synced) continue;
      try {
        ws.send(data);
      } catch {
        this.sockets.delete(ws);
      }
    }
  }

  private presence(): void {
    const people = [...this.sockets.values()].map((i) => ({ id: i.id, name: i.name, rights: i.rights }));
    this.broadcast(JSON.stringify({ t: 'presence', people } satisfies ServerMessage));
  }

  private send(ws: LiveSocket, m: ServerMessage): void {
    try {
      ws.send(JSON.stringify(m));
    } catch {
      this.sockets.delete(ws);
    }
  }
}

function newestEvents(list: KubeObject[], n: number): KubeObject[] {
  const t = (e: KubeObject) => String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
  return [...list].sort((a, b) => (t(a) < t(b) ? 1 : t(a) > t(b) ? -1 : 0)).slice(0, n);
}
