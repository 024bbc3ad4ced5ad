// Faults of simulated machines, as the fault-injection API sets them: an annotation on the Node.
import type { KubeObject } from '../../types.ts';

export const FAULT_ANNOTATION = 'kube-sandbox.dev/fault';

/** A node whose kubelet is down: no heartbeats, no pod progress, no terminations. */
export function nodeDown(node: KubeObject | undefined): boolean {
  return node?.metadata.annotations?.[FAULT_ANNOTATION] === 'NodeDown';
}
