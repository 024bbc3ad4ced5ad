// Containers: image, command, ports, environment, mounts, resources, probes; the rules that concern one container alone.
import { z } from 'zod';
import { atomicList, enumOf, int32, mergeList, named, opt, req, rules, str, strings, valueStruct, type Rules } from './dsl.ts';
import { protocol, quantityValues, resourceList } from './core-common.ts';
import { checkEnv, checkEnvFrom, EnvFromSourceSchema, EnvVarSchema } from './env.ts';
import { mapKey, type Path } from './field-errors.ts';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum, NEGATIVE_ERROR } from './names.ts';
import { LifecycleSchema, ProbeSchema } from './probes.ts';
import { quantityText } from './quantity.ts';
import { SecurityContextSchema } from './security.ts';

export const ContainerPortSchema = named(
  'io.k8s.api.core.v1.ContainerPort',
  'A network port the container listens on. Listing it is informational, except that it can be named and exposed on the host.',
  z.object({
    name: opt(str(), 'Name other objects can use to refer to the port (IANA service name, at most 15 characters, unique in the container).'),
    hostPort: opt(int32(), 'Port to open on the node and forward to containerPort. Rarely needed.'),
    containerPort: req(int32(), 'Port number on the pod IP (1-65535).'),
    protocol: opt(protocol(), 'TCP, UDP or SCTP. Defaults to TCP.', { default: 'TCP' }),
    hostIP: opt(str(), 'Node IP to bind hostPort to.'),
  }),
);

export const VolumeMountSchema = named(
  'io.k8s.api.core.v1.VolumeMount',
  'Mounts one of the pod\'s volumes into the container filesystem.',
  z.object({
    name: req(str(), 'Name of a volume listed in spec.volumes.'),
    readOnly: opt(z.boolean(), 'Mount read-only. Defaults to false.'),
    recursiveReadOnly: opt(enumOf(['Disabled', 'IfPossible', 'Enabled']), 'Whether read-only also applies to submounts: Disabled, IfPossible or Enabled.'),
    mountPath: req(str(), 'Absolute path in the container where the volume appears; must not contain ":".'),
    subPath: opt(str(), 'Mount only this sub-path of the volume instead of its root.'),
    mountPropagation: opt(enumOf(['None', 'HostToContainer', 'Bidirectional']), 'How mounts propagate between host and container: None, HostToContainer or Bidirectional.'),
    subPathExpr: opt(str(), 'Like subPath, but $(VAR) references to environment variables are expanded.'),
  }),
);

export const VolumeDeviceSchema = named(
  'io.k8s.api.core.v1.VolumeDevice',
  'Exposes a raw block volume as a device inside the container.',
  z.object({
    name: req(str(), 'Name of a persistentVolumeClaim volume of the pod.'),
    devicePath: req(str(), 'Path of the device inside the container.'),
  }),
);

export const ResourceClaimSchema = named(
  'io.k8s.api.core.v1.ResourceClaim',
  'Refers to one of the pod\'s dynamic resource claims.',
  z.object({
    name: req(str(), 'Name of an entry in spec.resourceClaims.'),
    request: opt(str(), 'Name of one request inside the claim, if only that part is needed.'),
  }),
);

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const overcommitAllowed = (name: string) => isNative(name) && !name.startsWith('hugepages-');

function checkResourceNames(r: Rules, path: Path, list: Record<string, string | number> | undefined, values: Map<string, number>): void {
  for (const name of Object.keys(list ?? {})) {
    const p = [...path, mapKey(name)];
    r.invalidEach(p, name, isQualifiedName(name));
    if (!name.includes('/')) {
      if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) r.invalid(p, name, 'must be a standard resource for containers');
    }
    const v = values.get(name);
    if (v === undefined) continue;
    if (v < 0) r.invalid(p, quantityText(list![name]!), NEGATIVE_ERROR);
    else if (!isNative(name) && !Number.isInteger(v)) r.invalid(p, quantityText(list![name]!), 'must be an integer');
  }
}

export const ResourceRequirementsSchema = named(
  'io.k8s.api.core.v1.ResourceRequirements',
  'Compute resources of a container: requests are what the scheduler reserves, limits are the most it may use.',
  rules(
    z.object({
      limits: opt(resourceList(), 'Maximum amount of each resource the container may use, e.g. cpu: 500m, memory: 256Mi.'),
      requests: opt(resourceList(), 'Amount of each resource reserved for the container when scheduling; defaults to the limit when only that is set.'),
      claims: opt(z.array(ResourceClaimSchema), 'Dynamic resource claims of the pod this container uses.', { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
    }),
    (res, r) => {
      // Unparseable quantities were already reported by resourceList(); they are simply absent here.
      const limits = quantityValues(res.limits);
      const requests = quantityValues(res.requests);
      checkResourceNames(r, ['limits'], res.limits, limits);
      checkResourceNames(r, ['requests'], res.requests, requests);
      for (const [name, req] of requests) {
        const limit = limits.get(name);
        const reqText = quantityText(res.requests![name]!);
        if (limit !== undefined) {
          const limitText = quantityText(res.limits![name]!);
          if (req !== limit && !overcommitAllowed(name)) r.invalid(['requests'], reqText, `must be equal to ${name} limit of ${limitText}`);
          else if (req > limit) r.invalid(['requests'], reqText, `must be less than or equal to ${name} limit of ${limitText}`);
        } else if (!overcommitAllowed(name) && !(res.limits && name in res.limits)) {
          r.required(['limits'], 'Limit must be set for non overcommitable resources');
        }
      }
    },
  ),
);

export const ContainerResizePolicySchema = named(
  'io.k8s.api.core.v1.ContainerResizePolicy',
  'Whether changing one resource of a running container needs a restart.',
  z.object({
    resourceName: req(str(), 'Resource the policy is for: cpu or memory.'),
    restartPolicy: req(enumOf(['NotRequired', 'RestartContainer']), 'NotRequired (resize in place) or RestartContainer.'),
  }),
);

const containerFields = {
  name: req(str(), 'Name of the container, unique within the pod (a DNS label such as "web"). Cannot be changed.'),
  image: opt(str(), 'Container image to run, e.g. nginx:1.27 or registry.example.com/app@sha256:....'),
  command: opt(strings(), 'Entrypoint as a list of arguments, replacing the image ENTRYPOINT; not run in a shell. $(VAR) expands env variables.', atomicList),
  args: opt(strings(), 'Arguments to the entrypoint, replacing the image CMD. $(VAR) expands env variables.', atomicList),
  workingDir: opt(str(), 'Working directory; defaults to the one set in the image.'),
  ports: opt(z.array(ContainerPortSchema), 'Ports the container exposes. Informational, but named ports can be referenced by Services and probes.', mergeList('containerPort', ['containerPort', 'protocol'])),
  envFrom: opt(z.array(EnvFromSourceSchema), 'ConfigMaps and Secrets whose keys all become environment variables; env entries win on conflicts.', atomicList),
  env: opt(z.array(EnvVarSchema), 'Environment variables to set in the container.', mergeList('name')),
  resources: opt(ResourceRequirementsSchema, 'CPU, memory and other resources the container requests and may use at most.', valueStruct),
  resizePolicy: opt(z.array(ContainerResizePolicySchema), 'How each resource may be resized while the container runs.', atomicList),
  restartPolicy: opt(enumOf(['Always']), 'Only for init containers: Always turns it into a sidecar that runs for the life of the pod.'),
  volumeMounts: opt(z.array(VolumeMountSchema), 'Volumes of the pod to mount into the container filesystem.', mergeList('mountPath')),
  volumeDevices: opt(z.array(VolumeDeviceSchema), 'Block devices the container uses.', mergeList('devicePath')),
  livenessProbe: opt(ProbeSchema, 'Periodic check that the container is alive; the container is restarted when it fails.'),
  readinessProbe: opt(ProbeSchema, 'Periodic check that the container can serve; the pod leaves Service endpoints while it fails.'),
  startupProbe: opt(ProbeSchema, 'Check that the container has started; other probes wait until it succeeds.'),
  lifecycle: opt(LifecycleSchema, 'Actions to run right after start and right before stop.'),
  terminationMessagePath: opt(str(), 'File whose contents become the termination message. Defaults to /dev/termination-log.'),
  terminationMessagePolicy: opt(enumOf(['File', 'FallbackToLogsOnError']), 'File, or FallbackToLogsOnError to use the log tail when the file is empty and the container failed.'),
  imagePullPolicy: opt(enumOf(['Always', 'Never', 'IfNotPresent']), 'When to pull the image: Always, Never or IfNotPresent. Defaults to Always for :latest, else IfNotPresent.'),
  securityContext: opt(SecurityContextSchema, 'Security settings for this container, overriding the pod ones.'),
  stdin: opt(z.boolean(), 'Keep a stdin buffer open for the container (kubectl attach).'),
  stdinOnce: opt(z.boolean(), 'Close stdin after the first attached client disconnects.'),
  tty: opt(z.boolean(), 'Allocate a TTY; also needs stdin.'),
};

type ContainerShape = z.output<z.ZodObject<typeof containerFields>>;

/** apiserver's validateContainerPorts for one container. */
function checkPorts(r: Rules, ports: ContainerShape['ports']): void {
  const names = new Set<string>();
  ports?.forEach((port, i) => {
    const p: Path = ['ports', i];
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) r.invalidEach([...p, 'name'], port.name, msgs);
      else if (names.has(port.name)) r.duplicate([...p, 'name'], port.name);
      else names.add(port.name);
    }
    if (port.containerPort === 0) r.required([...p, 'containerPort']);
    else r.invalidEach([...p, 'containerPort'], port.containerPort, isValidPortNum(port.containerPort));
    if (port.hostPort) r.invalidEach([...p, 'hostPort'], port.hostPort, isValidPortNum(port.hostPort));
  });
}

function checkMounts(r: Rules, mounts: ContainerShape['volumeMounts']): void {
  const seen = new Set<string>();
  mounts?.forEach((m, i) => {
    const p: Path = ['volumeMounts', i];
    if (!m.name) r.required([...p, 'name']);
    if (!m.mountPath) r.required([...p, 'mountPath']);
    else if (seen.has(m.mountPath)) r.invalid([...p, 'mountPath'], m.mountPath, 'must be unique');
    seen.add(m.mountPath);
    if (m.subPath) checkLocalDescendingPath(r, [...p, 'subPath'], m.subPath);
    if (m.subPath && m.subPathExpr) r.invalid([...p, 'subPathExpr'], m.subPathExpr, 'subPathExpr and subPath are mutually exclusive');
  });
}

/** A path that must stay inside the volume: relative and without '..' components. */
export function checkLocalDescendingPath(r: Rules, path: Path, value: string): void {
  if (value.startsWith('/')) r.invalid(path, value, 'must be a relative path');
  if (value.split('/').includes('..')) r.invalid(path, value, "must not contain '..'");
}

function checkContainer(c: ContainerShape, r: Rules): void {
  if (!c.name) r.required(['name']);
  else r.invalidEach(['name'], c.name, isDNS1123Label(c.name));
  if (!c.image) r.required(['image']);
  else if (c.image.trim() !== c.image) r.invalid(['image'], c.image, 'must not have leading or trailing whitespace');
  checkPorts(r, c.ports);
  checkEnv(r, c.env);
  checkEnvFrom(r, c.envFrom);
  checkMounts(r, c.volumeMounts);
  for (const k of ['livenessProbe', 'startupProbe'] as const) {
    const t = c[k]?.successThreshold;
    if (t !== undefined && t !== 1) r.invalid([k, 'successThreshold'], t, 'must be 1');
  }
}

export const ContainerSchema = named(
  'io.k8s.api.core.v1.Container',
  'A container to run in the pod: which image, with what command, environment, mounts and resources.',
  rules(z.object(containerFields), checkContainer),
);

// Ephemeral containers are debugging aids: anything that would make the pod depend on them is refused.
const NOT_FOR_EPHEMERAL = ['ports', 'resources', 'resizePolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

export const EphemeralContainerSchema = named(
  'io.k8s.api.core.v1.EphemeralContainer',
  'A temporary container added to a running pod for debugging (kubectl debug); it is never restarted and has no ports, probes or resources.',
  rules(
    z.object({
      ...containerFields,
      targetContainerName: opt(str(), 'Container whose process namespace this one joins, so its processes are visible.'),
    }),
    (c, r) => {
      checkContainer(c, r);
      for (const k of NOT_FOR_EPHEMERAL) if (c[k] !== undefined) r.forbidden([k], 'cannot be set for an Ephemeral Container');
      if (c.restartPolicy !== undefined) r.forbidden(['restartPolicy'], 'cannot be set for an Ephemeral Container');
    },
  ),
);

export type ContainerPort = z.infer<typeof ContainerPortSchema>;
export type VolumeMount = z.infer<typeof VolumeMountSchema>;
export type ResourceRequirements = z.infer<typeof ResourceRequirementsSchema>;
export type Container = z.infer<typeof ContainerSchema>;
export type EphemeralContainer = z.infer<typeof EphemeralContainerSchema>;
