// Pod, its spec (with the rules spanning several containers or fields) and status; PodTemplateSpec for workloads.
import { z } from 'zod';
import { atomicList, bool, enumOf, int32, int64, mergeList, named, opt, req, rules, str, strings, stringMap, atomicMap, valueStruct, type Rules } from './dsl.ts';
import { ContainerSchema, EphemeralContainerSchema, ResourceRequirementsSchema } from './container.ts';
import { conditionStatus, LocalObjectReferenceSchema, resourceList } from './core-common.ts';
import type { Path } from './field-errors.ts';
import { checkLabels, ObjectMetaSchema, TimeSchema } from './meta.ts';
import { IP_ERROR, isIP } from './net.ts';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names.ts';
import { kindSchema, listSchema } from './objects.ts';
import { AffinitySchema, TolerationSchema, TopologySpreadConstraintSchema } from './scheduling.ts';
import { PodSecurityContextSchema } from './security.ts';
import { VolumeSchema } from './volumes.ts';

export const HostAliasSchema = named(
  'io.k8s.api.core.v1.HostAlias',
  "An extra line for the pod's /etc/hosts.",
  z.object({
    ip: req(str(), 'IP address the host names resolve to.'),
    hostnames: opt(strings(), 'Host names for that IP.', atomicList),
  }),
);

export const PodReadinessGateSchema = named(
  'io.k8s.api.core.v1.PodReadinessGate',
  'An extra pod condition that must be True before the pod counts as ready.',
  z.object({
    conditionType: req(str(), 'Type of a condition in status.conditions, set by some external controller.'),
  }),
);

export const PodDNSConfigOptionSchema = named(
  'io.k8s.api.core.v1.PodDNSConfigOption',
  'A resolver option for the pod\'s /etc/resolv.conf.',
  z.object({
    name: opt(str(), 'Option name, e.g. ndots.'),
    value: opt(str(), 'Option value, e.g. "2".'),
  }),
);

export const PodDNSConfigSchema = named(
  'io.k8s.api.core.v1.PodDNSConfig',
  'DNS settings merged into the resolver configuration generated from dnsPolicy.',
  z.object({
    nameservers: opt(strings(), 'DNS server IPs to add (at most 3 in total).', atomicList),
    searches: opt(strings(), 'Search domains to add.', atomicList),
    options: opt(z.array(PodDNSConfigOptionSchema), 'Resolver options; these override options of the same name from dnsPolicy.', atomicList),
  }),
);

export const PodOSSchema = named(
  'io.k8s.api.core.v1.PodOS',
  'The operating system the pod needs.',
  z.object({
    name: req(enumOf(['linux', 'windows']), 'linux or windows.'),
  }),
);

export const PodSchedulingGateSchema = named(
  'io.k8s.api.core.v1.PodSchedulingGate',
  'A gate that keeps the pod from being scheduled until some controller removes it.',
  z.object({
    name: req(str(), 'Name of the gate (a qualified name), unique in the pod.'),
  }),
);

const podSpecShape = z.object({
  volumes: opt(z.array(VolumeSchema), 'Volumes the containers of the pod can mount.', mergeList('name', ['name'], 'merge,retainKeys')),
  initContainers: opt(z.array(ContainerSchema), 'Containers run one after another, each to completion, before the app containers start.', mergeList('name')),
  containers: req(z.array(ContainerSchema), 'The app containers of the pod; at least one.', mergeList('name')),
  ephemeralContainers: opt(z.array(EphemeralContainerSchema), 'Debug containers added to a running pod (kubectl debug); set through the ephemeralcontainers subresource.', mergeList('name')),
  restartPolicy: opt(enumOf(['Always', 'Never', 'OnFailure']), 'When containers are restarted after exiting: Always, OnFailure or Never. Defaults to Always.'),
  terminationGracePeriodSeconds: opt(int64(), 'Seconds between the stop signal and a forced kill when the pod is deleted. Defaults to 30.'),
  activeDeadlineSeconds: opt(int64(), 'Seconds the pod may run (counted from its start) before it is failed.'),
  dnsPolicy: opt(enumOf(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']), 'How the pod resolves names: ClusterFirst (cluster DNS, the default), ClusterFirstWithHostNet, Default (the node\'s) or None (only dnsConfig).'),
  nodeSelector: opt(stringMap(), 'Node labels a node must have for the pod to be scheduled there.', atomicMap),
  serviceAccountName: opt(str(), 'Service account whose identity the pod runs with. Defaults to "default".'),
  serviceAccount: opt(str(), 'Deprecated alias of serviceAccountName.'),
  automountServiceAccountToken: opt(bool(), 'Whether a service account token is mounted into the containers.'),
  nodeName: opt(str(), 'Node the pod runs on. Set by the scheduler; setting it yourself bypasses scheduling.'),
  hostNetwork: opt(bool(), 'Use the node\'s network namespace: the pod gets the node IP and hostPort must equal containerPort.'),
  hostPID: opt(bool(), 'Share the node\'s process ID namespace.'),
  hostIPC: opt(bool(), 'Share the node\'s IPC namespace.'),
  shareProcessNamespace: opt(bool(), 'Let containers of the pod see each other\'s processes.'),
  securityContext: opt(PodSecurityContextSchema, 'Security settings for every container and for volumes.'),
  imagePullSecrets: opt(z.array(LocalObjectReferenceSchema), 'Secrets with registry credentials for pulling the images.', mergeList('name')),
  hostname: opt(str(), 'Host name of the pod; defaults to the pod name.'),
  subdomain: opt(str(), 'With a headless Service of this name, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.'),
  affinity: opt(AffinitySchema, 'Node affinity and pod (anti-)affinity rules for scheduling.'),
  schedulerName: opt(str(), 'Scheduler that places the pod. Defaults to default-scheduler.'),
  tolerations: opt(z.array(TolerationSchema), 'Taints this pod tolerates.', atomicList),
  hostAliases: opt(z.array(HostAliasSchema), 'Extra /etc/hosts entries.', mergeList('ip')),
  priorityClassName: opt(str(), 'PriorityClass whose value becomes the pod priority.'),
  priority: opt(int32(), 'Scheduling priority; higher may preempt lower. Filled from priorityClassName.'),
  dnsConfig: opt(PodDNSConfigSchema, 'Extra DNS settings on top of dnsPolicy.'),
  readinessGates: opt(z.array(PodReadinessGateSchema), 'Extra conditions that must be True for the pod to be ready.', atomicList),
  runtimeClassName: opt(str(), 'RuntimeClass to run the pod with.'),
  enableServiceLinks: opt(bool(), 'Inject environment variables for the Services of the namespace (docker links style). Defaults to true.'),
  preemptionPolicy: opt(enumOf(['Never', 'PreemptLowerPriority']), 'Whether the pod may preempt lower-priority pods: PreemptLowerPriority (default) or Never.'),
  overhead: opt(resourceList(), 'Resources the pod sandbox uses beyond its containers; set from the RuntimeClass.'),
  topologySpreadConstraints: opt(z.array(TopologySpreadConstraintSchema), 'How matching pods should be spread across topology domains.', mergeList('topologyKey', ['topologyKey', 'whenUnsatisfiable'])),
  setHostnameAsFQDN: opt(bool(), 'Make the pod hostname its fully qualified domain name.'),
  os: opt(PodOSSchema, 'Operating system the pod needs.'),
  hostUsers: opt(bool(), 'Use the host user namespace (true, the default) or a separate one (false).'),
  schedulingGates: opt(z.array(PodSchedulingGateSchema), 'Gates that hold the pod back from scheduling while any remains.', mergeList('name')),
  resources: opt(ResourceRequirementsSchema, 'Pod-level requests and limits shared by all containers.'),
});

type PodSpecShape = z.output<typeof podSpecShape>;
type ContainerLike = PodSpecShape['containers'][number];

const POSITIVE_INT32 = inclusiveRangeError(1, 2147483647);

function checkContainerSet(spec: PodSpecShape, r: Rules): void {
  if (spec.containers.length === 0) r.required(['containers']);
  const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  const each = (list: ContainerLike[] | undefined, field: string, ephemeral = false) =>
    list?.forEach((c, i) => {
      const p: Path = [field, i];
      if (c.name) {
        if (names.has(c.name)) r.duplicate([...p, 'name'], c.name);
        else names.add(c.name);
      }
      c.volumeMounts?.forEach((m, j) => {
        if (!volumes.has(m.name)) r.notFound([...p, 'volumeMounts', j, 'name'], m.name);
      });
      if (field === 'containers' && c.restartPolicy !== undefined) r.forbidden([...p, 'restartPolicy'], 'may not be set for non-init containers');
      if (ephemeral) return;
      c.ports?.forEach((port, j) => {
        if (spec.hostNetwork && port.hostPort !== undefined && port.hostPort !== port.containerPort) {
          r.invalid([...p, 'ports', j, 'hostPort'], port.hostPort, 'must match `containerPort` when `hostNetwork` is true');
        }
        if (!port.hostPort) return;
        const key = `${port.hostIP ?? ''}/${port.protocol ?? 'TCP'}/${port.hostPort}`;
        if (hostPorts.has(key)) r.duplicate([...p, 'ports', j, 'hostPort'], key);
        hostPorts.add(key);
      });
    });
  // Regular containers first, then init and ephemeral ones, so duplicates are reported on the later lists as apiserver does.
  each(spec.containers, 'containers');
  each(spec.initContainers, 'initContainers');
  each(spec.ephemeralContainers, 'ephemeralContainers', true);
}

function checkDNS(spec: PodSpecShape, r: Rules): void {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None' && !cfg) r.required(['dnsConfig'], 'must provide `dnsConfig` when `dnsPolicy` is None');
  if (!cfg) return;
  const ns = cfg.nameservers ?? [];
  if (spec.dnsPolicy === 'None' && ns.length === 0) r.required(['dnsConfig', 'nameservers'], 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  if (ns.length > 3) r.invalid(['dnsConfig', 'nameservers'], ns, 'must not have more than 3 nameservers');
  ns.forEach((ip, i) => {
    if (!isIP(ip)) r.invalid(['dnsConfig', 'nameservers', i], ip, IP_ERROR);
  });
  const searches = cfg.searches ?? [];
  if (searches.length > 32) r.invalid(['dnsConfig', 'searches'], searches, 'must not have more than 32 search paths');
  searches.forEach((s, i) => {
    const domain = s.endsWith('.') ? s.slice(0, -1) : s;
    if (domain !== '') r.invalidEach(['dnsConfig', 'searches', i], domain, isDNS1123Subdomain(domain));
  });
  cfg.options?.forEach((o, i) => {
    if (!o.name) r.required(['dnsConfig', 'options', i], 'Option.Name must not be empty');
  });
}

function checkPodSpec(spec: PodSpecShape, r: Rules): void {
  checkContainerSet(spec, r);
  const seenVolumes = new Set<string>();
  spec.volumes?.forEach((v, i) => {
    if (seenVolumes.has(v.name)) r.duplicate(['volumes', i, 'name'], v.name);
    seenVolumes.add(v.name);
  });
  checkDNS(spec, r);
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    r.invalid(['activeDeadlineSeconds'], spec.activeDeadlineSeconds, POSITIVE_INT32);
  }
  checkLabels(r, ['nodeSelector'], spec.nodeSelector);
  const subdomainFields = ['nodeName', 'serviceAccountName', 'serviceAccount', 'priorityClassName'] as const;
  for (const k of subdomainFields) {
    const v = spec[k];
    if (v) r.invalidEach([k], v, isDNS1123Subdomain(v));
  }
  for (const k of ['hostname', 'subdomain'] as const) {
    const v = spec[k];
    if (v) r.invalidEach([k], v, isDNS1123Label(v));
  }
  spec.hostAliases?.forEach((h, i) => {
    if (!isIP(h.ip)) r.invalid(['hostAliases', i, 'ip'], h.ip, IP_ERROR);
    h.hostnames?.forEach((name, j) => r.invalidEach(['hostAliases', i, 'hostnames', j], name, isDNS1123Subdomain(name)));
  });
  spec.readinessGates?.forEach((g, i) => r.invalidEach(['readinessGates', i, 'conditionType'], g.conditionType, isQualifiedName(g.conditionType)));
  const tsc = spec.topologySpreadConstraints ?? [];
  tsc.forEach((c, i) => {
    if (tsc.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      r.duplicate(['topologySpreadConstraints', i, '{topologyKey, whenUnsatisfiable}'], `{${c.topologyKey}, ${c.whenUnsatisfiable}}`);
    }
  });
  const gates = new Set<string>();
  spec.schedulingGates?.forEach((g, i) => {
    r.invalidEach(['schedulingGates', i, 'name'], g.name, isQualifiedName(g.name));
    if (gates.has(g.name)) r.duplicate(['schedulingGates', i, 'name'], g.name);
    gates.add(g.name);
  });
}

export const PodSpecSchema = named('io.k8s.api.core.v1.PodSpec', 'The desired state of a pod: its containers, volumes and how and where it should run.', rules(podSpecShape, checkPodSpec));

export const PodTemplateSpecSchema = named(
  'io.k8s.api.core.v1.PodTemplateSpec',
  'The blueprint a workload (Deployment, ReplicaSet, ...) stamps pods from: metadata plus a pod spec.',
  z.object({
    metadata: opt(ObjectMetaSchema, 'Labels and annotations given to each pod created from the template.', valueStruct),
    spec: opt(PodSpecSchema, 'Spec of the pods created from the template.', valueStruct),
  }),
);

export const PodConditionSchema = named(
  'io.k8s.api.core.v1.PodCondition',
  'One aspect of pod state, e.g. PodScheduled, Initialized, ContainersReady or Ready.',
  z.object({
    type: req(str(), 'Condition type: PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready, DisruptionTarget, ...'),
    status: req(conditionStatus(), 'True, False or Unknown.'),
    lastProbeTime: opt(TimeSchema, 'When the condition was last checked.'),
    lastTransitionTime: opt(TimeSchema, 'When status last changed.'),
    reason: opt(str(), 'CamelCase reason for the last transition, e.g. Unschedulable.'),
    message: opt(str(), 'Human-readable details about the last transition.'),
  }),
);

export const PodIPSchema = named('io.k8s.api.core.v1.PodIP', 'One IP address of the pod.', z.object({ ip: req(str(), 'The IP address.') }));
export const HostIPSchema = named('io.k8s.api.core.v1.HostIP', 'One IP address of the node the pod runs on.', z.object({ ip: req(str(), 'The IP address.') }));

export const ContainerStateWaitingSchema = named(
  'io.k8s.api.core.v1.ContainerStateWaiting',
  'The container is not running yet (or again).',
  z.object({
    reason: opt(str(), 'Why it is waiting, e.g. ContainerCreating, ImagePullBackOff, CrashLoopBackOff.'),
    message: opt(str(), 'Details about why it is waiting.'),
  }),
);

export const ContainerStateRunningSchema = named(
  'io.k8s.api.core.v1.ContainerStateRunning',
  'The container is running.',
  z.object({
    startedAt: opt(TimeSchema, 'When the container last started.'),
  }),
);

export const ContainerStateTerminatedSchema = named(
  'io.k8s.api.core.v1.ContainerStateTerminated',
  'The container ran and exited.',
  z.object({
    exitCode: req(int32(), 'Exit status of the last run; 0 means success.'),
    signal: opt(int32(), 'Signal that ended the container, if any.'),
    reason: opt(str(), 'Short reason, e.g. Completed, Error, OOMKilled.'),
    message: opt(str(), 'Details, e.g. the termination message.'),
    startedAt: opt(TimeSchema, 'When the run started.'),
    finishedAt: opt(TimeSchema, 'When the run ended.'),
    containerID: opt(str(), 'ID of the container run, as <runtime>://<id>.'),
  }),
);

export const ContainerStateSchema = named(
  'io.k8s.api.core.v1.ContainerState',
  'What a container is doing; only one of waiting, running or terminated is set.',
  z.object({
    waiting: opt(ContainerStateWaitingSchema, 'Set while the container waits to (re)start.'),
    running: opt(ContainerStateRunningSchema, 'Set while the container runs.'),
    terminated: opt(ContainerStateTerminatedSchema, 'Set after the container exited.'),
  }),
);

export const ContainerStatusSchema = named(
  'io.k8s.api.core.v1.ContainerStatus',
  'What the kubelet reports about one container.',
  z.object({
    name: req(str(), 'Container name, as in the pod spec.'),
    state: opt(ContainerStateSchema, 'Current state.', valueStruct),
    lastState: opt(ContainerStateSchema, 'State of the previous run, e.g. why it last terminated.', valueStruct),
    ready: req(bool(), 'Whether the container passes its readiness probe.'),
    restartCount: req(int32(), 'How many times the container was restarted.'),
    image: req(str(), 'Image the container runs.'),
    imageID: req(str(), 'Resolved ID (digest) of the image.'),
    containerID: opt(str(), 'ID of the running container, as <runtime>://<id>.'),
    started: opt(bool(), 'Whether the container passed its startup probe (true once started, if there is none).'),
    allocatedResources: opt(resourceList(), 'Resources the node allocated to the container.'),
    resources: opt(ResourceRequirementsSchema, 'Requests and limits actually applied to the running container.'),
  }),
);

export const PodStatusSchema = named(
  'io.k8s.api.core.v1.PodStatus',
  'The observed state of a pod, reported by the scheduler and the kubelet.',
  z.object({
    phase: opt(enumOf(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']), 'High-level summary: Pending, Running, Succeeded, Failed or Unknown.'),
    conditions: opt(z.array(PodConditionSchema), 'Current conditions of the pod.', mergeList('type')),
    message: opt(str(), 'Human-readable reason the pod is in this state.'),
    reason: opt(str(), 'CamelCase reason the pod is in this state, e.g. Evicted.'),
    nominatedNodeName: opt(str(), 'Node the pod is expected to run on once preempted pods are gone.'),
    hostIP: opt(str(), 'Primary IP of the node the pod is assigned to.'),
    hostIPs: opt(z.array(HostIPSchema), 'IPs of the node the pod is assigned to.', { ...atomicList, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'ip' }),
    podIP: opt(str(), 'Primary IP of the pod.'),
    podIPs: opt(z.array(PodIPSchema), 'IPs of the pod, one per address family.', mergeList('ip')),
    startTime: opt(TimeSchema, 'When the kubelet accepted the pod.'),
    initContainerStatuses: opt(z.array(ContainerStatusSchema), 'Status of each init container.', atomicList),
    containerStatuses: opt(z.array(ContainerStatusSchema), 'Status of each app container.', atomicList),
    qosClass: opt(enumOf(['Guaranteed', 'Burstable', 'BestEffort']), 'Quality of service class from the resource settings: Guaranteed, Burstable or BestEffort.'),
    ephemeralContainerStatuses: opt(z.array(ContainerStatusSchema), 'Status of each ephemeral container.', atomicList),
  }),
);

const POD = { apiVersion: 'v1', kind: 'Pod', definition: 'io.k8s.api.core.v1.Pod' } as const;

export const PodSchema = kindSchema(
  { ...POD, description: 'A group of containers that share network and storage and run together on one node; the smallest unit Kubernetes schedules.', name: 'subdomain', namespaced: true },
  {
    spec: opt(PodSpecSchema, 'What the pod should run.', valueStruct),
    status: opt(PodStatusSchema, 'What the pod is doing. Read-only for users.', valueStruct),
  },
  (pod, r) => {
    if (!pod.spec) r.required(['spec', 'containers']);
  },
);
export const PodListSchema = listSchema(POD, PodSchema);

export type PodSpec = z.infer<typeof PodSpecSchema>;
export type PodTemplateSpec = z.infer<typeof PodTemplateSpecSchema>;
export type PodStatus = z.infer<typeof PodStatusSchema>;
export type PodCondition = z.infer<typeof PodConditionSchema>;
export type ContainerStatus = z.infer<typeof ContainerStatusSchema>;
export type ContainerState = z.infer<typeof ContainerStateSchema>;
export type HostAlias = z.infer<typeof HostAliasSchema>;
export type PodDNSConfig = z.infer<typeof PodDNSConfigSchema>;
export type Pod = z.infer<typeof PodSchema>;
