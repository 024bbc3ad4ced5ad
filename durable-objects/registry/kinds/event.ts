// Event (core/v1): what components report about objects (`kubectl describe` shows them); stored for both event groups.
import { defineKind } from '../strategy.ts';
import { EventSchema, type Event } from '../schemas/index.ts';
import { eventColumns } from './event-columns.ts';

export default defineKind<Event>({
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['ev'],
  definition: 'io.k8s.api.core.v1.Event',
  schema: EventSchema,
  allowCreateOnUpdate: true,
  fieldSelectors: {
    'involvedObject.kind': (e) => e.involvedObject?.kind ?? '',
    'involvedObject.namespace': (e) => e.involvedObject?.namespace ?? '',
    'involvedObject.name': (e) => e.involvedObject?.name ?? '',
    'involvedObject.uid': (e) => e.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (e) => e.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (e) => e.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (e) => e.involvedObject?.fieldPath ?? '',
    reason: (e) => e.reason ?? '',
    reportingComponent: (e) => e.reportingComponent ?? '',
    source: (e) => e.source?.component ?? '',
    type: (e) => e.type ?? '',
  },
  printColumns: eventColumns<Event>((e) => e),
});
