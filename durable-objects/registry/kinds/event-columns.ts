// `kubectl get events` columns, shared by core/v1 and events.k8s.io/v1 (which store the same objects).
import type { TableColumn } from '../strategy.ts';
import type { Event } from '../schemas/index.ts';
import { age } from '../../apiserver/table.ts';
import type { KubeObject } from '../../types.ts';

function lastSeen(e: Event, now: number): string {
  const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? undefined;
  const first = e.firstTimestamp ?? e.eventTime ?? undefined;
  if (e.series) return `${age(last ?? undefined, now)} (x${e.series.count ?? 1} over ${age(first ?? undefined, now)})`;
  if ((e.count ?? 1) > 1) return `${age(last ?? undefined, now)} (x${e.count} over ${age(first ?? undefined, now)})`;
  return age(last ?? undefined, now);
}

/** Columns computed from the core shape; `asCore` converts the other group's objects first. */
export function eventColumns<T extends KubeObject>(asCore: (o: T) => Event): TableColumn<T>[] {
  return [
    { name: 'Last Seen', type: 'string', description: 'When the event last happened.', cell: (o, now) => lastSeen(asCore(o), now) },
    { name: 'Type', type: 'string', description: 'Normal or Warning.', cell: (o) => asCore(o).type ?? '' },
    { name: 'Reason', type: 'string', description: 'Short machine-readable reason.', cell: (o) => asCore(o).reason ?? '' },
    {
      name: 'Object',
      type: 'string',
      description: 'The object the event is about.',
      cell: (o) => {
        const io = asCore(o).involvedObject;
        return `${(io?.kind ?? '').toLowerCase()}/${io?.name ?? ''}`;
      },
    },
    { name: 'Subobject', type: 'string', priority: 1, description: 'The part of the object, such as a container.', cell: (o) => asCore(o).involvedObject?.fieldPath ?? '' },
    {
      name: 'Source',
      type: 'string',
      priority: 1,
      description: 'Component and host that reported it.',
      cell: (o) => {
        const e = asCore(o);
        const comp = e.source?.component || e.reportingComponent || '';
        const host = e.source?.host || e.reportingInstance || '';
        return host ? `${comp}, ${host}` : comp;
      },
    },
    { name: 'Message', type: 'string', description: 'What happened, for people.', cell: (o) => asCore(o).message ?? '' },
    { name: 'First Seen', type: 'string', priority: 1, description: 'When the event first happened.', cell: (o, now) => age(asCore(o).firstTimestamp ?? asCore(o).eventTime ?? undefined, now) },
    { name: 'Count', type: 'string', priority: 1, description: 'How many times it happened.', cell: (o) => String(asCore(o).series?.count ?? asCore(o).count ?? 1) },
    { name: 'Name', type: 'string', priority: 1, description: 'Name of the event object.', cell: (o) => o.metadata.name ?? '' },
  ];
}
