// STUB (being written): node lifecycle: notice silent nodes, taint them, evict their pods.
import type { Controller } from './types.ts';

export const nodeLifecycle = {
  name: 'nodeLifecycle',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
