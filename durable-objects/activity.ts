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

export class Activity {
  private entries: ActivityEntry[] = [];
  private readonly listeners = new Set<(e: ActivityEntry) => void>();

  constructor(private readonly clock: Clock) {}

  record(user: string, verb: string, obj: KubeObject): void {
    const e: ActivityEntry = { time: rfc3339(this.clock.now()), user, verb, kind: obj.kind, name: obj.metadata.name ?? '' };
    if (obj.metadata.namespace) e.namespace = obj.metadata.namespace;
    this.entries.unshift(e);
    if (this.entries.length > KEEP) this.entries.length = KEEP;
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
