// STUB (being written): kube-scheduler: filter, score and bind pending pods.
import type { Controller } from '../types.ts';

export const scheduler = {
  name: 'scheduler',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
