// client-go's EventCorrelator in front of the shared recorder: past 10 similar events (same object and reason, other
// message) in ten minutes they fold into one "(combined from similar events): ..." Event, and a per-source-and-object
// token bucket (burst 25, one more every five minutes) drops the rest. A 1,000-pod scale-up thus leaves a handful of
// Events, as on a real cluster, instead of a thousand writes. (It belongs in events.ts once every controller wants it.)
import type { ReconcileContext } from '../types.ts';
import type { EventType } from '../events.ts';
import type { KubeObject } from '../../types.ts';

const SIMILAR_MAX = 10;
const SIMILAR_WINDOW_MS = 10 * 60_000;
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

class Correlator {
  readonly similar = new Map<string, Similar>();
  readonly buckets = new Map<string, Bucket>();

  forget(now: number): void {
    for (const [k, v] of this.similar) if (now - v.since > SIMILAR_WINDOW_MS) this.similar.delete(k);
    for (const [k, v] of this.buckets) if (v.tokens + (now - v.at) / REFILL_MS >= BURST) this.buckets.delete(k);
  }
}

const perStore = new WeakMap<object, Correlator>();

function correlator(ctx: ReconcileContext): Correlator {
  let c = perStore.get(ctx.store);
  if (!c) perStore.set(ctx.store, (c = new Correlator()));
  return c;
}

/** Records an Event unless the spam filter holds it back; similar messages beyond ten are combined. */
export function recordEvent(ctx: ReconcileContext, component: string, obj: KubeObject, type: EventType, reason: string, message: string): void {
  const c = correlator(ctx);
  const now = ctx.clock.now();
  if (c.similar.size + c.buckets.size > 5000) c.forget(now);
  const uid = obj.metadata.uid ?? '';
  const simKey = `${component}\u0000${uid}\u0000${type}\u0000${reason}`;
  let sim = c.similar.get(simKey);
  if (!sim || now - sim.since > SIMILAR_WINDOW_MS) c.similar.set(simKey, (sim = { since: now, messages: new Set() }));
  let text = message;
  if (!sim.messages.has(message)) {
    if (sim.messages.size >= SIMILAR_MAX) text = sim.combined ??= `(combined from similar events): ${message}`;
    else sim.messages.add(message);
  }
  const bucketKey = `${component}\u0000${uid}`;
  const b = c.buckets.get(bucketKey) ?? { tokens: BURST, at: now };
  b.tokens = Math.min(BURST, b.tokens + (now - b.at) / REFILL_MS);
  b.at = now;
  c.buckets.set(bucketKey, b);
  if (b.tokens < 1) return;
  b.tokens -= 1;
  ctx.events.record(obj, type, reason, text, { component });
}
