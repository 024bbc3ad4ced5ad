// Records core/v1 Events the way client-go's recorder does: repeats of the same event bump its count instead of piling up.
import type { Clock } from '../apiserver/context.ts';
import { rfc3339 } from '../apiserver/context.ts';
import type { Store } from '../store/store.ts';
import type { KubeObject } from '../types.ts';
import type { ObjectClient } from './client.ts';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

/** Repeats within this window aggregate into one Event (client-go uses ten minutes). */
const AGGREGATE_MS = 10 * 60_000;

interface Seen {
  namespace: string;
  name: string;
  at: number;
}

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private counter = 0;

  constructor(
    private readonly store: Store,
    private readonly client: ObjectClient,
    private readonly clock: Clock,
  ) {}

  normal(obj: KubeObject, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    this.record(obj, 'Normal', reason, message, source, fieldPath);
  }

  warning(obj: KubeObject, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    this.record(obj, 'Warning', reason, message, source, fieldPath);
  }

  record(obj: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.clock.now();
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    const key = [m.uid, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const prior = this.seen.get(key);
    if (prior && now - prior.at < AGGREGATE_MS) {
      const cur = this.store.getMutable('events', prior.namespace, prior.name);
      if (cur) {
        cur.count = ((cur.count as number | undefined) ?? 1) + 1;
        cur.lastTimestamp = rfc3339(now);
        this.client.update(cur);
        prior.at = now;
        return;
      }
    }
    const name = `${m.name}.${(now * 1_000_000 + this.counter++ * 1000).toString(16)}`;
    const involvedObject: Record<string, unknown> = { kind: obj.kind, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion };
    if (m.namespace) involvedObject.namespace = m.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const source_: Record<string, string> = { component: source.component };
    if (source.host) source_.host = source.host;
    this.client.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source: source_,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.seen.set(key, { namespace, name, at: now });
    if (this.seen.size > 5000) this.forgetOld(now);
  }

  private forgetOld(now: number): void {
    for (const [k, v] of this.seen) if (now - v.at >= AGGREGATE_MS) this.seen.delete(k);
  }
}
