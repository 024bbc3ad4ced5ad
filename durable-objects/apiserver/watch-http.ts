// HTTP watch streams: replay from a resourceVersion (or the current state), then live events, one JSON line each.
import { ApiError, toStatus } from './errors.ts';
import type { ApiContext } from './context.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { storageResource } from '../registry/registry.ts';
import type { KubeObject } from '../types.ts';
import { compileFilter } from './read.ts';
import { project, type Delivery, type WatchHub } from './watch-hub.ts';
import { toTable } from './table.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as number),
};

export interface WatchRequest {
  ctx: ApiContext;
  hub: WatchHub;
  strategy: ResourceStrategy;
  namespace: string | undefined;
  query: URLSearchParams;
  format: 'json' | 'table';
  timers: Timers;
  /** Bookmark cadence; apiserver sends one about every minute. */
  bookmarkEveryMs?: number;
}

/** Streams whose client stopped reading are dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_S = 1800;

export function serveWatch(w: WatchRequest): Response {
  const { ctx, strategy: s, query } = w;
  const filter = compileFilter(s, w.namespace, query.get('labelSelector'), query.get('fieldSelector'));
  const resource = storageResource(s);
  const rvParam = query.get('resourceVersion') ?? '';
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const initialEvents = query.get('sendInitialEvents') === 'true';
  const timeoutS = Math.min(Number(query.get('timeoutSeconds')) || DEFAULT_TIMEOUT_S, 3600);

  const stream = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: MAX_BUFFERED_BYTES, size: (c) => c.byteLength });
  const writer = stream.writable.getWriter();
  const enc = new TextEncoder();
  let open = true;
  let firstTable = true;
  let lastRv = ctx.store.revision;
  const handles: unknown[] = [];
  let unsubscribe: () => void = () => {};

  const close = () => {
    if (!open) return;
    flush();
    open = false;
    unsubscribe();
    for (const h of handles) w.timers.clearTimeout(h);
    writer.close().catch(() => {});
  };
  writer.closed.catch(close);

  // Lines of one synchronous burst (a controller creating 200 pods) leave as one chunk: far fewer, larger writes
  // through the stream hops between the object, the Worker and the client.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (!pending.length || !open) return;
    let chunk: Uint8Array;
    if (pending.length === 1) chunk = pending[0]!;
    else {
      chunk = new Uint8Array(pendingBytes);
      let off = 0;
      for (const p of pending) {
        chunk.set(p, off);
        off += p.byteLength;
      }
    }
    pending = [];
    pendingBytes = 0;
    if ((writer.desiredSize ?? 0) < 0) {
      close();
      return;
    }
    writer.write(chunk).catch(close);
  };
  const write = (bytes: Uint8Array) => {
    if (!open) return;
    if (!pending.length) queueMicrotask(flush);
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
  };
  const line = (type: string, objectJson: string) => enc.encode(`{"type":"${type}","object":${objectJson}}\n`);
  const send = (type: string, objectJson: string) => write(line(type, objectJson));

  const present = (d: Delivery): string => {
    let obj = d.object;
    let json = d.json;
    if (s.storage) {
      obj = s.storage.fromStorage(JSON.parse(json) as KubeObject);
      json = JSON.stringify(obj);
    }
    if (w.format === 'table') {
      const t = toTable(s, [obj], ctx.clock.now(), { include: 'Metadata', omitColumns: !firstTable });
      firstTable = false;
      return JSON.stringify(t);
    }
    return json;
  };

  const deliver = (d: Delivery) => {
    lastRv = Math.max(lastRv, d.rv);
    // Plain JSON lines are identical for every watcher of this change: encode once, share the bytes.
    if (w.format === 'json' && !s.storage && d.encoded) {
      const key = `${d.type}`;
      let bytes = d.encoded.get(key);
      if (!bytes) d.encoded.set(key, (bytes = line(d.type, d.json)));
      write(bytes);
      return;
    }
    send(d.type, present(d));
  };

  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(Math.max(lastRv, ctx.store.revision)) };
    if (annotations) metadata.annotations = annotations;
    send('BOOKMARK', JSON.stringify({ kind: s.kind, apiVersion: s.group ? `${s.group}/${s.version}` : s.version, metadata }));
  };

  // Replay, then subscribe: both happen in this synchronous turn, so no commit can fall between them.
  try {
    if (rvParam === '' || rvParam === '0' || initialEvents) {
      for (const e of ctx.store.list(resource, filter.namespace)) {
        if (filter.matches(e.object)) deliver({ type: 'ADDED', object: e.object, json: e.json, rv: Number(e.object.metadata.resourceVersion) });
      }
      lastRv = ctx.store.revision;
      if (initialEvents && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
    } else {
      const from = Number(rvParam);
      if (!Number.isInteger(from) || from < 0) throw new ApiError('BadRequest', `invalid resource version: "${rvParam}"`);
      for (const e of ctx.store.changesSince(from, resource)) {
        const d = project(e, filter.matches);
        if (d) deliver(d);
      }
    }
  } catch (e) {
    if (!(e instanceof ApiError) || (e.reason !== 'Expired' && e.reason !== 'Gone')) throw e;
    // apiserver answers an expired watch with 200 and one ERROR event; clients then re-list.
    send('ERROR', JSON.stringify(toStatus(e)));
    close();
    return watchResponse(stream.readable);
  }

  const offHub = w.hub.add({ resource, matches: filter.matches, deliver });
  const offDestroy = w.ctx.store.onDestroy(close);
  unsubscribe = () => {
    offHub();
    offDestroy();
  };
  handles.push(w.timers.setTimeout(close, timeoutS * 1000));
  if (bookmarks) {
    const every = w.bookmarkEveryMs ?? 60_000;
    const tick = () => {
      if (!open) return;
      bookmark();
      handles.push(w.timers.setTimeout(tick, every));
    };
    handles.push(w.timers.setTimeout(tick, every));
  }
  return watchResponse(stream.readable);
}

/**
 * Headers for long-lived streams: an explicit identity encoding and no-transform keep proxies (Cloudflare's edge, the
 * local dev proxy) from gzip-compressing the body, which would hold events back in the compressor's buffer.
 */
export const STREAM_HEADERS = { 'cache-control': 'no-cache, private, no-transform', 'content-encoding': 'identity', 'x-content-type-options': 'nosniff' } as const;

function watchResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...STREAM_HEADERS } });
}
