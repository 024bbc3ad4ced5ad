// Fans every committed change out to the watchers of its resource, with selector transitions as apiserver's watch cache does.
import type { Store } from '../store/store.ts';
import type { ChangeEvent } from '../store/types.ts';
import type { KubeObject } from '../types.ts';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What a watcher receives: the event type and the object (with its json when unchanged from the store). */
export interface Delivery {
  type: WatchType;
  object: KubeObject;
  json: string;
  rv: number;
  /**
   * Encodings already made for this change, shared by every watcher it reaches: fifty watchers of a rollout must not
   * each serialise the same pod again.
   */
  encoded?: Map<string, Uint8Array>;
}

export interface Watcher {
  /** Store resource watched (`pods`). */
  resource: string;
  matches(obj: KubeObject): boolean;
  deliver(d: Delivery): void;
}

/**
 * Translates a store change into what a filtered watcher sees: an object that starts matching is ADDED, one that stops
 * matching is DELETED (its previous state at the new revision), per apiserver semantics.
 */
export function project(e: ChangeEvent, matches: (o: KubeObject) => boolean): Delivery | undefined {
  if (e.type === 'DELETED') return matches(e.object) ? { type: 'DELETED', object: e.object, json: e.json, rv: e.rv } : undefined;
  const cur = matches(e.object);
  const prev = e.type === 'MODIFIED' && e.prev !== undefined && matches(e.prev);
  if (cur) return { type: prev ? 'MODIFIED' : 'ADDED', object: e.object, json: e.json, rv: e.rv };
  if (prev) {
    const gone = { ...e.prev!, metadata: { ...e.prev!.metadata, resourceVersion: String(e.rv) } };
    return { type: 'DELETED', object: gone, json: JSON.stringify(gone), rv: e.rv };
  }
  return undefined;
}

export class WatchHub {
  private readonly byResource = new Map<string, Set<Watcher>>();

  constructor(store: Store) {
    store.subscribe((e) => this.dispatch(e));
  }

  add(w: Watcher): () => void {
    let set = this.byResource.get(w.resource);
    if (!set) {
      set = new Set();
      this.byResource.set(w.resource, set);
    }
    set.add(w);
    return () => {
      set.delete(w);
    };
  }

  count(): number {
    let n = 0;
    for (const s of this.byResource.values()) n += s.size;
    return n;
  }

  private dispatch(e: ChangeEvent): void {
    const set = this.byResource.get(e.key.resource);
    if (!set) return;
    const encoded = new Map<string, Uint8Array>();
    for (const w of set) {
      const d = project(e, (o) => w.matches(o));
      if (!d) continue;
      d.encoded = encoded;
      try {
        w.deliver(d);
      } catch (err) {
        console.error('watcher failed', err);
        set.delete(w);
      }
    }
  }
}
