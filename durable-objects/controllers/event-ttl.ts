// Events expire an hour after they last happened, as the apiserver's event TTL does, so long sessions stay small.
import type { Controller } from './types.ts';
import { splitKey } from './types.ts';

export const EVENT_TTL_MS = 60 * 60_000;

export const eventTTL = {
  name: 'event-ttl',
  watches: ['events'],
  lowPriority: true,
  resync: (ctx) => ctx.store.list('events').map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const ev = ctx.store.get('events', ns, name) as { lastTimestamp?: string; eventTime?: string; metadata: { creationTimestamp?: string } } | undefined;
    if (!ev) return;
    const last = Date.parse(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp ?? '') || ctx.clock.now();
    const left = last + EVENT_TTL_MS - ctx.clock.now();
    if (left > 0) return { requeueAfterMs: left };
    ctx.client.delete('v1', 'Event', ns, name);
  },
} satisfies Controller;
