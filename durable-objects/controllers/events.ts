// Records core/v1 Events the way client-go's recorder does: repeats of the same event bump its count instead of piling
// up; past ten similar events (same object and reason, other message) they fold into one "(combined from similar
// events): ..." Event; and a token bucket per source and object (burst 25, one more every five minutes) drops the rest.
// A 1,000-pod scale-up or a pod retried every ten seconds thus leaves a handful of Events, as on a real cluster.
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
const SIMILAR_MAX = 10;
const BURST = 25;
const REFILL_MS = 5 * 60_000;

interface Similar {
  since: number;
  messages: Set<string>;
  combined?: string;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Seen {
  namespace: string;
  name: string;
  at: number;
}

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private readonly similar = new Map<string, Similar>();
  private readonly buckets = new Map<string, Bucket>();
  private counter = 0;
  /** Sweeping the maps is linear; during a burst nothing is old yet, so sweep at most once a minute. */
  private nextSweep = 0;

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
    const who = `${source.component}\u0000${source.host ?? ''}\u0000${m.uid ?? ''}`;
    message = this.combineSimilar(`${who}\u0000${type}\u0000${reason}`, message, now);
    if (!this.takeToken(who, now)) return;
    const namespace = m.namespace || 'default';
    const key = [m.uid, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const prior = this.seen.get(key);
    if (prior && now - prior.at < AGGREGATE_MS) {
      const cur = this.store.getMutable('events', prior.namespace, prior.name);
      if (cur) {
        cur.count = ((cur.count as number | undefined) ?? 1) + 1;
        cur.lastTimestamp = rfc3339(now);
        this.write(() => this.client.update(cur));
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
    this.write(() => this.client.create({
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
    }));
    this.seen.set(key, { namespace, name, at: now });
    if (now >= this.nextSweep && this.seen.size + this.similar.size + this.buckets.size > 5000) {
      this.forgetOld(now);
      this.nextSweep = now + 60_000;
    }
  }

  /** Events are best effort, as client-go's recorder: a refused write (quota, terminating namespace) is dropped. */
  private write(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      console.warn('event dropped:', e instanceof Error ? e.message : e);
    }
  }

  /** Beyond ten different messages for the same reason, one combined Event stands for all of them. */
  private combineSimilar(key: string, message: string, now: number): string {
    let sim = this.similar.get(key);
    if (!sim || now - sim.since > AGGREGATE_MS) this.similar.set(key, (sim = { since: now, messages: new Set() }));
    if (sim.messages.has(message)) return message;
    if (sim.messages.size < SIMILAR_MAX) {
      sim.messages.add(message);
      return message;
    }
    return (sim.combined ??= `(combined from similar events): ${message}`);
  }

  private takeToken(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: BURST, at: now };
    b.tokens = Math.min(BURST, b.tokens + (now - b.at) / REFILL_MS);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private forgetOld(now: number): void {
    for (const [k, v] of this.seen) if (now - v.at >= AGGREGATE_MS) this.seen.delete(k);
    for (const [k, v] of this.similar) if (now - v.since > AGGREGATE_MS) this.similar.delete(k);
    for (const [k, v] of this.buckets) if (v.tokens + (now - v.at) / REFILL_MS >= BURST) this.buckets.delete(k);
  }
}
