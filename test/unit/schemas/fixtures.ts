// Seed objects as users write them (kubectl docs examples), cloned fresh for every case.
import type { KindKey } from '../../../durable-objects/registry/schemas/index.ts';

type Obj = Record<string, any>;

const seeds: Partial<Record<KindKey, Obj>> = {
  'apps/v1/Deployment': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
    },
  },
  'apps/v1/ReplicaSet': {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'frontend', namespace: 'default', labels: { app: 'guestbook', tier: 'frontend' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { tier: 'frontend' } },
      template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5' }] } },
    },
  },
  'core/v1/Pod': {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, creationTimestamp: null },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.14.2',
          ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MODE', value: 'prod' }],
          resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: 1, memory: '128Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
          livenessProbe: { tcpSocket: { port: 80 } },
          volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'config', mountPath: '/etc/nginx/conf.d' }],
        },
      ],
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
      volumes: [
        { name: 'cache', emptyDir: { sizeLimit: '500Mi' } },
        { name: 'config', configMap: { name: 'nginx-conf', items: [{ key: 'default.conf', path: 'default.conf' }] } },
      ],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] },
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'nginx' } }, topologyKey: 'kubernetes.io/hostname' } }],
        },
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'nginx' } } }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      securityContext: { runAsUser: 1000, fsGroup: 2000 },
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local'] }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-01T12:00:00Z' }],
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      startTime: '2024-05-01T12:00:00Z',
      containerStatuses: [
        { name: 'nginx', ready: true, restartCount: 0, image: 'nginx:1.14.2', imageID: 'docker.io/library/nginx@sha256:abc', started: true, state: { running: { startedAt: '2024-05-01T12:00:01Z' } } },
      ],
      qosClass: 'Burstable',
    },
  },
  'core/v1/Service': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-service', namespace: 'default' },
    spec: { selector: { 'app.kubernetes.io/name': 'MyApp' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] },
  },
  'core/v1/Node': {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '3900m', memory: '15Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: '2024-05-01T12:00:00Z' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'm',
        systemUUID: 's',
        bootID: 'b',
        kernelVersion: '6.1.0',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.0',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  },
  'core/v1/Namespace': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  'core/v1/ConfigMap': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game-demo', namespace: 'default' }, data: { player_initial_lives: '3', 'game.properties': 'enemy.types=aliens' } },
  'core/v1/Secret': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-user', namespace: 'default' }, type: 'Opaque', data: { password: 'czNjcjN0' }, stringData: { username: 'admin' } },
  'core/v1/ServiceAccount': { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build-robot', namespace: 'default' }, automountServiceAccountToken: false },
  'core/v1/Endpoints': {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'my-service', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '10.244.0.5', targetRef: { kind: 'Pod', name: 'nginx', namespace: 'default' } }], ports: [{ port: 9376, protocol: 'TCP' }] }],
  },
  'discovery.k8s.io/v1/EndpointSlice': {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'my-service-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'my-service' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
  },
  'core/v1/Event': {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'nginx.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', apiVersion: 'v1' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/nginx to node-1',
    source: { component: 'default-scheduler' },
    firstTimestamp: '2024-05-01T12:00:00Z',
    lastTimestamp: '2024-05-01T12:00:00Z',
    count: 1,
    type: 'Normal',
  },
  'events.k8s.io/v1/Event': {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'nginx.17b', namespace: 'default' },
    eventTime: '2024-05-01T12:00:00.000000Z',
    reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-1',
    action: 'Binding',
    reason: 'Scheduled',
    regarding: { kind: 'Pod', name: 'nginx', namespace: 'default' },
    note: 'Successfully assigned default/nginx to node-1',
    type: 'Normal',
  },
  'coordination.k8s.io/v1/Lease': {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-01T12:00:00.123456Z' },
  },
  'autoscaling/v1/Scale': { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'nginx-deployment', namespace: 'default' }, spec: { replicas: 5 }, status: { replicas: 3, selector: 'app=nginx' } },
  'policy/v1/Eviction': { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'nginx', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } },
  'core/v1/Binding': { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'nginx', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } },
  'meta/v1/DeleteOptions': { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground', gracePeriodSeconds: 30 },
};

/** A fresh, mutable copy of the seed object of a kind. */
export function seed(key: KindKey): Obj {
  const s = seeds[key];
  if (!s) throw new Error(`no seed for ${key}`);
  return structuredClone(s);
}

export const SEEDED_KINDS = Object.keys(seeds) as KindKey[];
