// STUB (being written): Deployment controller: roll ReplicaSets forward and back.
import type { Controller } from './types.ts';

export const deployment = {
  name: 'deployment',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
