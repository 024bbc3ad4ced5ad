// STUB (being written): simulated kubelets: run the pods bound to each node.
import type { Controller } from '../types.ts';

export const kubelet = {
  name: 'kubelet',
  watches: [],
  resync: () => [],
  reconcile: () => {},
} satisfies Controller;
