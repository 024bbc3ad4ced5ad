// STUB (being written): pod garbage collection: pods on deleted nodes, terminated pods over the threshold.
import type { Controller } from './types.ts';

export const podGC = {
  name: 'podGC',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
