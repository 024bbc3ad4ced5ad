// Events in both API versions: core/v1 (what kubectl describe reads) and events.k8s.io/v1 (what newer recorders write).
import { z } from 'zod';
import { int32, named, opt, req, rules, str, valueStruct, type Rules } from './dsl.ts';
import { ObjectReferenceSchema } from './core-common.ts';
import { MicroTimeSchema, TimeSchema } from './meta.ts';
import { isQualifiedName } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';

const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

export const EventSourceSchema = named(
  'io.k8s.api.core.v1.EventSource',
  'Which component (and host) reported an event.',
  z.object({
    component: opt(str(), 'Reporting component, e.g. kubelet or default-scheduler.'),
    host: opt(str(), 'Node name, for events from node components.'),
  }),
);

export const EventSeriesSchema = named(
  'io.k8s.api.core.v1.EventSeries',
  'A summary of an event that keeps happening.',
  z.object({
    count: opt(int32(), 'How many times it happened so far.'),
    lastObservedTime: opt(MicroTimeSchema, 'When it last happened.'),
  }),
);

/** Fields required of events that carry an eventTime (the "new" style), wherever they were written. */
function checkNewStyle(r: Rules, e: { reportingController?: string | undefined; reportingInstance?: string | undefined; action?: string | undefined; reason?: string | undefined }, controllerField: string, extra: { note?: string | undefined; noteField: string }): void {
  if (!e.reportingController) r.required([controllerField]);
  r.invalidEach([controllerField], e.reportingController ?? '', isQualifiedName(e.reportingController ?? ''));
  const limited = [
    ['reportingInstance', e.reportingInstance],
    ['action', e.action],
    ['reason', e.reason],
  ] as const;
  for (const [k, v] of limited) {
    if (!v) r.required([k]);
    else if (v.length > LIMIT_128) r.invalid([k], '', `can have at most ${LIMIT_128} characters`);
  }
  if ((extra.note?.length ?? 0) > NOTE_LIMIT) r.invalid([extra.noteField], '', `can have at most ${NOTE_LIMIT} characters`);
}

const CORE_EVENT = { apiVersion: 'v1', kind: 'Event', definition: 'io.k8s.api.core.v1.Event' } as const;

export const EventSchema = kindSchema(
  // Core events skip ObjectMeta name rules on create, like apiserver's legacy event validation.
  { ...CORE_EVENT, description: 'A report that something happened to an object (scheduled, pulled, started, failed, ...). Expires after an hour.', name: 'none', namespaced: true },
  {
    involvedObject: req(ObjectReferenceSchema, 'The object the event is about.', valueStruct),
    reason: opt(str(), 'Short CamelCase reason, e.g. Scheduled, Pulled, BackOff.'),
    message: opt(str(), 'Human-readable description.'),
    source: opt(EventSourceSchema, 'Component that reported the event.', valueStruct),
    firstTimestamp: opt(TimeSchema, 'When the event was first seen.'),
    lastTimestamp: opt(TimeSchema, 'When the event was last seen.'),
    count: opt(int32(), 'How many times the event was seen.'),
    type: opt(str(), 'Normal or Warning.'),
    eventTime: opt(MicroTimeSchema, 'When the event first happened, with microsecond precision (new-style events).'),
    series: opt(EventSeriesSchema, 'Data about a repeating event, if this is one.'),
    action: opt(str(), 'What was done (or failed), e.g. Binding.'),
    related: opt(ObjectReferenceSchema, 'A second object involved, e.g. the Node a pod was bound to.'),
    reportingComponent: opt(str(), 'Controller that emitted the event, e.g. kubernetes.io/kubelet.'),
    reportingInstance: opt(str(), 'ID of the controller instance, e.g. kubelet-node-1.'),
  },
  (e, r) => {
    const ns = e.metadata.namespace ?? '';
    const objNs = e.involvedObject.namespace ?? '';
    if (!e.eventTime) {
      if (objNs ? ns !== objNs : ns !== '' && ns !== 'default') r.invalid(['involvedObject', 'namespace'], objNs, 'does not match event.namespace');
    } else {
      if (!objNs && ns !== 'default' && ns !== 'kube-system') r.invalid(['involvedObject', 'namespace'], objNs, 'does not match event.namespace');
      checkNewStyle(r, { ...e, reportingController: e.reportingComponent }, 'source', { note: e.message, noteField: 'message' });
    }
  },
);
export const EventListSchema = listSchema(CORE_EVENT, EventSchema);

export const EventsV1EventSeriesSchema = named(
  'io.k8s.api.events.v1.EventSeries',
  'A summary of an event that keeps happening; updated in place instead of creating new events.',
  rules(
    z.object({
      count: req(int32(), 'How many times it happened so far (at least 2).'),
      lastObservedTime: req(MicroTimeSchema, 'When it last happened.'),
    }),
    (s, r) => {
      if (s.count < 2) r.invalid(['count'], '', 'should be at least 2');
    },
  ),
);

const EVENTS_V1 = { apiVersion: 'events.k8s.io/v1', kind: 'Event', definition: 'io.k8s.api.events.v1.Event' } as const;

export const EventsV1EventSchema = kindSchema(
  { ...EVENTS_V1, description: 'A report that something happened to an object (the events.k8s.io form of Event; stored as the same objects).', name: 'subdomain', namespaced: true },
  {
    eventTime: req(MicroTimeSchema, 'When the event first happened.'),
    series: opt(EventsV1EventSeriesSchema, 'Data about a repeating event, if this is one.'),
    reportingController: opt(str(), 'Controller that emitted the event, e.g. kubernetes.io/kubelet.'),
    reportingInstance: opt(str(), 'ID of the controller instance, e.g. kubelet-node-1.'),
    action: opt(str(), 'What was done (or failed), e.g. Binding.'),
    reason: opt(str(), 'Short CamelCase reason, e.g. Scheduled.'),
    regarding: opt(ObjectReferenceSchema, 'The object the event is about.', valueStruct),
    related: opt(ObjectReferenceSchema, 'A second object involved.'),
    note: opt(str(), 'Human-readable description, at most 1 kB.'),
    type: opt(str(), 'Normal or Warning.'),
    deprecatedSource: opt(EventSourceSchema, 'Core/v1 source field; must be unset here.', valueStruct),
    deprecatedFirstTimestamp: opt(TimeSchema, 'Core/v1 firstTimestamp; must be unset here.'),
    deprecatedLastTimestamp: opt(TimeSchema, 'Core/v1 lastTimestamp; must be unset here.'),
    deprecatedCount: opt(int32(), 'Core/v1 count; must be unset here.'),
  },
  (e, r) => {
    const ns = e.metadata.namespace ?? '';
    const objNs = e.regarding?.namespace ?? '';
    if (!objNs && ns !== 'default' && ns !== 'kube-system') r.invalid(['regarding', 'namespace'], objNs, 'does not match event.namespace');
    checkNewStyle(r, e, 'reportingController', { note: e.note, noteField: 'note' });
    if (e.type !== 'Normal' && e.type !== 'Warning') r.invalid(['type'], '', `has invalid value: ${e.type ?? ''}`);
    const unset = ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount', 'deprecatedSource'] as const;
    for (const k of unset) {
      const v = e[k];
      if (v !== undefined && !(k === 'deprecatedCount' && v === 0) && !(k === 'deprecatedSource' && !e.deprecatedSource?.component && !e.deprecatedSource?.host)) {
        r.invalid([k], '', 'needs to be unset');
      }
    }
  },
);
export const EventsV1EventListSchema = listSchema(EVENTS_V1, EventsV1EventSchema);

export type EventSource = z.infer<typeof EventSourceSchema>;
export type Event = z.infer<typeof EventSchema>;
export type EventsV1Event = z.infer<typeof EventsV1EventSchema>;
