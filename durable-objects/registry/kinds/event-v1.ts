// Event (events.k8s.io/v1): the newer shape of the same stored events; converted on the way in and out.
import { defineKind } from '../strategy.ts';
import { EventsV1EventSchema, type Event, type EventsV1Event } from '../schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import { eventColumns } from './event-columns.ts';

function drop<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function toCore(e: EventsV1Event): Event {
  return drop({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    related: e.related,
    reason: e.reason,
    message: e.note,
    type: e.type,
    action: e.action,
    eventTime: e.eventTime,
    series: e.series,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
  } as Event);
}

export function fromCore(e: Event): EventsV1Event {
  return drop({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    series: e.series,
    reportingController: e.reportingComponent || e.source?.component,
    reportingInstance: e.reportingInstance || e.source?.host,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  } as EventsV1Event);
}

export default defineKind<EventsV1Event>({
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  group: 'events.k8s.io',
  version: 'v1',
  namespaced: true,
  shortNames: ['ev'],
  definition: 'io.k8s.api.events.v1.Event',
  schema: EventsV1EventSchema,
  allowCreateOnUpdate: true,
  storage: {
    resource: 'events',
    toStorage: (e) => toCore(e) as KubeObject,
    fromStorage: (o) => fromCore(o as Event),
  },
  fieldSelectors: {
    'regarding.kind': (e) => e.regarding?.kind ?? '',
    'regarding.namespace': (e) => e.regarding?.namespace ?? '',
    'regarding.name': (e) => e.regarding?.name ?? '',
    'regarding.uid': (e) => e.regarding?.uid ?? '',
    reason: (e) => e.reason ?? '',
    reportingController: (e) => e.reportingController ?? '',
    type: (e) => e.type ?? '',
  },
  printColumns: eventColumns<EventsV1Event>(toCore),
});
