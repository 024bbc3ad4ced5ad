// Timings of the two simulation profiles. `realistic` takes about the time a warm node takes; grace periods of node
// failure handling are scaled down so a lesson does not wait five minutes. `fast` has no simulated delays.

export interface Profile {
  name: 'realistic' | 'fast';
  /** Jitter applied to simulated delays: a delay d becomes d * (1 ± jitter). */
  jitter: number;
  /** Pulling an image not yet on the node. */
  imagePullMs: number;
  /** From Pulled to Started (create + start the container). */
  containerStartMs: number;
  /** Default wait before a stopped container's pod is gone (SIGTERM handled). */
  terminationMs: number;
  /** Kubelet heartbeat (node Lease renewal) period. */
  leaseRenewMs: number;
  /** How long the node lifecycle controller waits for a heartbeat before marking a node NotReady/Unknown. */
  nodeMonitorGraceMs: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  realistic: {
    name: 'realistic',
    jitter: 0.25,
    imagePullMs: 2_000,
    containerStartMs: 600,
    terminationMs: 1_000,
    leaseRenewMs: 10_000,
    nodeMonitorGraceMs: 20_000,
  },
  fast: {
    name: 'fast',
    jitter: 0,
    imagePullMs: 0,
    containerStartMs: 0,
    terminationMs: 0,
    leaseRenewMs: 10_000,
    nodeMonitorGraceMs: 0,
  },
};
