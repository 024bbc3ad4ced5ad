// Timings of the two simulation profiles. `realistic` takes about the time a warm node takes; grace periods of node
// failure handling are scaled down so a lesson does not wait five minutes. `fast` has no simulated delays, but keeps
// the kubelet's own policies (crash and image-pull back-off), which are behaviour, not machine speed.

export interface Profile {
  name: 'realistic' | 'fast';
  /** Jitter applied to simulated delays: a delay d becomes d * (1 ± jitter). */
  jitter: number;
  /** Creating the pod sandbox and wiring its network (CNI) before containers can start. */
  sandboxMs: number;
  /** Pulling an image of about 50 MB not yet on the node; bigger images take longer (see kubelet/images.ts). */
  imagePullMs: number;
  /** Asking the registry for a digest when the image is present but the pull policy is Always. */
  imageResolveMs: number;
  /** How long ErrImagePull shows before the kubelet's next sync turns it into ImagePullBackOff. */
  pullErrorMs: number;
  /** From Pulled to Started (create + start the container). */
  containerStartMs: number;
  /** Latency of the first readiness probe after its initial delay. */
  probeMs: number;
  /** Default wait before a stopped container's pod is gone (SIGTERM handled). */
  terminationMs: number;
  /** Kubelet heartbeat (node Lease renewal) period. */
  leaseRenewMs: number;
  /** How often the kubelet re-posts an unchanged node status (nodeStatusReportFrequency). */
  nodeStatusReportMs: number;
  /** How long the node lifecycle controller waits for a heartbeat before marking a node NotReady/Unknown. */
  nodeMonitorGraceMs: number;
  /** How long pod GC waits before deleting pods bound to a node that does not exist (apiserver races). */
  orphanQuarantineMs: number;
  /** Finished pods (Succeeded/Failed) kept before pod GC removes the oldest (terminated-pod-gc-threshold). */
  terminatedPodThreshold: number;
  /** Container restart back-off: first delay and cap (kubelet: 10s doubling to 5 minutes). */
  crashBackoffMs: number;
  crashBackoffMaxMs: number;
  /** Image pull back-off: first delay and cap. */
  pullBackoffMs: number;
  pullBackoffMaxMs: number;
  /** Retry of a failed volume mount (a missing ConfigMap or Secret): first delay and cap (kubelet: 500ms doubling to 2m2s). */
  mountBackoffMs: number;
  mountBackoffMaxMs: number;
}

const KUBELET_POLICY = {
  leaseRenewMs: 10_000,
  nodeStatusReportMs: 5 * 60_000,
  terminatedPodThreshold: 1_000,
  crashBackoffMs: 10_000,
  crashBackoffMaxMs: 300_000,
  pullBackoffMs: 10_000,
  pullBackoffMaxMs: 300_000,
  mountBackoffMs: 500,
  mountBackoffMaxMs: 122_000,
} as const;

export const PROFILES: Record<Profile['name'], Profile> = {
  realistic: {
    name: 'realistic',
    jitter: 0.25,
    sandboxMs: 400,
    imagePullMs: 2_000,
    imageResolveMs: 400,
    pullErrorMs: 1_500,
    containerStartMs: 600,
    probeMs: 500,
    terminationMs: 1_000,
    nodeMonitorGraceMs: 20_000,
    orphanQuarantineMs: 5_000,
    ...KUBELET_POLICY,
  },
  fast: {
    name: 'fast',
    jitter: 0,
    sandboxMs: 0,
    imagePullMs: 0,
    imageResolveMs: 0,
    pullErrorMs: 0,
    containerStartMs: 0,
    probeMs: 0,
    terminationMs: 0,
    nodeMonitorGraceMs: 0,
    orphanQuarantineMs: 0,
    ...KUBELET_POLICY,
  },
};
