// The page's copy of the cluster: objects by resource, fed by snapshots and change batches, plus the indexes the
// panels draw from. Writers mark what changed; `frame.ts` turns those marks into one render per animation frame.
import type { ActivityEntry, Change, KubeObject, Person, Resource } from './types.ts';
import { RESOURCES } from './types.ts';

/** Events keep arriving for as long as the cluster lives; the page keeps the newest. */
const MAX_EVENTS = 500;
const MAX_ACTIVITY = 200;

export type Topic = Resource | 'presence' | 'activity' | 'connection' | 'selection' | 'ui';

export interface Selection {
  r: Resource;
  name: string;
  namespace?: string;
}

export interface ConnectionState {
  state: 'connecting' | 'live' | 'retrying' | 'gone';
  message: string;
}

export const keyOf = (o: KubeObject): string => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

export class ClusterState {
  readonly objects = new Map<Resource, Map<string, KubeObject>>(RESOURCES.map((r) => [r, new Map()]));
  rv: string | undefined;
  rights: 'edit' | 'view' | undefined;
  me: string | undefined;
  people: Person[] = [];
  activity: ActivityEntry[] = [];
  connection: ConnectionState = { state: 'connecting', message: 'Connecting…' };
  /** Whether the feed was ever live: a cluster that never was shows a page-wide message instead of empty panels. */
  everLive = false;
  selection: Selection | undefined;
  /** The snapshot being received (parts accumulate here until `last`). */
  private incoming: Map<Resource, Map<string, KubeObject>> | undefined;
  private readonly dirty = new Set<Topic>();
  private readonly listeners = new Set<(dirty: ReadonlySet<Topic>) => void>();
  private memo = new Map<string, { at: string; value: unknown }>();
  private versions = new Map<Topic, number>();

  list(r: Resource): KubeObject[] {
    return [...this.objects.get(r)!.values()];
  }

  get(r: Resource, name: string, namespace?: string): KubeObject | undefined {
    return this.objects.get(r)!.get(namespace ? `${namespace}/${name}` : name);
  }

  snapshot(parts: Array<{ r: Resource; o: KubeObject }>, rv: string, last: boolean): void {
    this.incoming ??= new Map(RESOURCES.map((r) => [r, new Map()]));
    for (const { r, o } of parts) this.incoming.get(r)?.set(keyOf(o), o);
    if (!last) return;
    for (const r of RESOURCES) {
      this.objects.set(r, this.incoming.get(r)!);
      this.mark(r);
    }
    this.incoming = undefined;
    this.rv = rv;
  }

  /** A snapshot cut short by a dropped connection must not leak into the next one. */
  abortSnapshot(): void {
    this.incoming = undefined;
  }

  apply(changes: Change[], rv: string): void {
    for (const c of changes) {
      const m = this.objects.get(c.r);
      if (!m) continue;
      if (c.type === 'DELETED') m.delete(keyOf(c.o));
      else m.set(keyOf(c.o), c.o);
      this.mark(c.r);
    }
    const events = this.objects.get('events')!;
    if (events.size > MAX_EVENTS) {
      const keep = this.newestEvents().slice(0, MAX_EVENTS).map(keyOf);
      this.objects.set('events', new Map(keep.map((k) => [k, events.get(k)!])));
    }
    this.rv = rv;
  }

  /**
   * 'merge' is the full recent list a (re)connection starts with: the server keeps it in memory only, so after its
   * object restarted it may know less than this page does; keep both.
   */
  addActivity(entries: ActivityEntry[], how: 'merge' | 'prepend'): void {
    if (how === 'prepend') this.activity = [...entries, ...this.activity];
    else {
      const key = (a: ActivityEntry) => `${a.time}|${a.user}|${a.verb}|${a.kind}|${a.namespace ?? ''}|${a.name}`;
      const seen = new Set(entries.map(key));
      this.activity = [...entries, ...this.activity.filter((a) => !seen.has(key(a)))].sort((a, b) => b.time.localeCompare(a.time));
    }
    this.activity.length = Math.min(this.activity.length, MAX_ACTIVITY);
    this.mark('activity');
  }

  setPeople(people: Person[]): void {
    this.people = people;
    this.mark('presence');
  }

  setConnection(c: ConnectionState): void {
    this.connection = c;
    if (c.state === 'live') this.everLive = true;
    this.mark('connection');
  }

  select(s: Selection | undefined): void {
    this.selection = s;
    this.mark('selection');
  }

  mark(t: Topic): void {
    this.versions.set(t, (this.versions.get(t) ?? 0) + 1);
    const wasClean = this.dirty.size === 0;
    this.dirty.add(t);
    if (wasClean) for (const l of this.listeners) l(this.dirty);
  }

  onChange(l: (dirty: ReadonlySet<Topic>) => void): void {
    this.listeners.add(l);
  }

  /** Hands the accumulated marks to the renderer and starts a new set. */
  takeDirty(): Set<Topic> {
    const d = new Set(this.dirty);
    this.dirty.clear();
    return d;
  }

  /** Recomputes a derived value only when one of the topics it reads changed. */
  private derived<T>(name: string, topics: Topic[], fn: () => T): T {
    const at = topics.map((t) => this.versions.get(t) ?? 0).join(',');
    const hit = this.memo.get(name);
    if (hit && hit.at === at) return hit.value as T;
    const value = fn();
    this.memo.set(name, { at, value });
    return value;
  }

  /** Pods by the node they are bound to ('' for pods waiting for the scheduler), oldest first. */
  podsByNode(): Map<string, KubeObject[]> {
    return this.derived('podsByNode', ['pods'], () => groupBy(sortByAge(this.list('pods')), (p) => p.spec?.nodeName ?? ''));
  }

  /** Objects by the uid of their controlling owner. */
  ownedBy(r: 'pods' | 'replicasets.apps'): Map<string, KubeObject[]> {
    return this.derived(`owned:${r}`, [r], () => groupBy(sortByAge(this.list(r)), (o) => o.metadata.ownerReferences?.find((x) => x.controller)?.uid ?? ''));
  }

  podsByIP(): Map<string, KubeObject> {
    // host-network pods share their node's address: an IP names no one of them
    return this.derived('podsByIP', ['pods'], () => new Map(this.list('pods').filter((p) => p.status?.podIP && !p.spec?.hostNetwork).map((p) => [p.status.podIP as string, p])));
  }

  newestEvents(): KubeObject[] {
    return this.derived('events', ['events'], () => [...this.objects.get('events')!.values()].sort((a, b) => eventTime(b).localeCompare(eventTime(a))));
  }

  eventsFor(o: KubeObject): KubeObject[] {
    return this.newestEvents().filter((e) => {
      const io = e.involvedObject ?? e.regarding ?? {};
      return (io.uid && io.uid === o.metadata.uid) || (io.kind === o.kind && io.name === o.metadata.name && (io.namespace ?? '') === (o.metadata.namespace ?? ''));
    });
  }
}

export function eventTime(e: KubeObject): string {
  return String(e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
}

function sortByAge(list: KubeObject[]): KubeObject[] {
  return list.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of list) {
    const k = key(it);
    let arr = m.get(k);
    if (!arr) m.set(k, (arr = []));
    arr.push(it);
  }
  return m;
}
