// STUB (being written): ReplicaSet controller: keep N matching pods.
import type { Controller } from './types.ts';

export const replicaSet = {
  name: 'replicaSet',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
