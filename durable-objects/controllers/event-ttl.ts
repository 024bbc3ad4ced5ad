// Events expire an hour after they last happened, as the apiserver's event TTL does, so long sessions stay small.
// One sweep with one timer (the earliest expiry) instead of a timer per Event: a busy cluster records thousands.
import type { Controller } from './types.ts';

export const EVENT_TTL_MS = 60 * 60_000;
const SWEEP = 'sweep';

function lastSeen(ev: { lastTimestamp?: unknown; eventTime?: unknown; metadata: { creationTimestamp?: string } }): number {
  return Date.parse(String(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp ?? '')) || 0;
}

export const eventTTL = {
  name: 'event-ttl',
  watches: ['events'],
  lowPriority: true,
  keysFor: (e) => (e.type === 'ADDED' ? [SWEEP] : []),
  resync: () => [SWEEP],
  reconcile(_key, ctx) {
    const now = ctx.clock.now();
    let next = Infinity;
    for (const { object: ev } of ctx.store.list('events')) {
      const expires = lastSeen(ev as never) + EVENT_TTL_MS;
      if (expires <= now) ctx.client.delete('v1', 'Event', ev.metadata.namespace, ev.metadata.name!);
      else next = Math.min(next, expires);
    }
    return next === Infinity ? undefined : { requeueAfterMs: next - now };
  },
} satisfies Controller;
