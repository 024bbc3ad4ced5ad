// A small, fully specified cluster for command-box tests: nodes, a rolled-out Deployment with two revisions, running
// and pending pods, Services with endpoints, a ConfigMap and events. Built by hand (no controllers run), so the
// reference outputs captured from the real kubectl stay valid while the control plane evolves.
import { testCluster, type TestCluster } from '../../helpers/cluster.ts';
import { createObject, updateObject } from '../../../durable-objects/apiserver/rest.ts';
import type { KubeObject } from '../../../durable-objects/types.ts';

/** Minutes the fixture's objects are old when commands run (inside a minute, so ages print as whole minutes). */
export const AGE_MS = 45 * 60_000 + 30_000;

type Obj = KubeObject & Record<string, any>;

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export interface Fixture {
  t: TestCluster;
  /** When the objects were created. */
  t0: number;
}

function make(t: TestCluster, obj: Obj): Obj {
  const s = t.cluster.registry.forKind(obj.apiVersion, obj.kind)!;
  const status = obj.status;
  const made = createObject(t.cluster.env, s, obj.metadata.namespace, JSON.parse(JSON.stringify(obj)), { trusted: true }).object as Obj;
  if (status === undefined || !s.hasStatus) return made;
  const copy = JSON.parse(JSON.stringify({ ...made, status })) as Obj;
  return updateObject(t.cluster.env, s, made.metadata.namespace, made.metadata.name!, copy, { trusted: true, subresource: 'status' }).object as Obj;
}

function node(name: string, ip: string, role: 'control-plane' | 'worker', t0: number): Obj {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (role === 'control-plane') labels['node-role.kubernetes.io/control-plane'] = '';
  const cpu = role === 'control-plane' ? '2' : '4';
  const capacity = { cpu, 'ephemeral-storage': '102687672Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8152532Ki', pods: '110' };
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: iso(t0), lastTransitionTime: iso(t0), reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
    spec: {
      podCIDR: `10.244.${ip.split('.')[3]}.0/24`,
      podCIDRs: [`10.244.${ip.split('.')[3]}.0/24`],
      providerID: `kube-sandbox://${name}`,
      ...(role === 'control-plane' ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity, 'ephemeral-storage': '94635070947', memory: '8050132Ki' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `${name.length}a1b2c3d4e5f60718293a4b5c6d7e8f9`,
        systemUUID: `${name.length}a1b2c3d-0000-4000-8000-000000000000`,
        bootID: `${name.length}b007000-0000-4000-8000-000000000000`,
        kernelVersion: '6.8.0-sandbox',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function runningStatus(o: { node: string; hostIP: string; ip: string; image: string; container: string; started: number; restarts?: number; lastFinished?: number }): Record<string, unknown> {
  const at = iso(o.started);
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });
  const cs: Record<string, unknown> = {
    name: o.container,
    image: o.image.includes('/') ? o.image : `docker.io/library/${o.image}`,
    imageID: `docker.io/library/${o.image.split(':')[0]}@sha256:${'ab12'.repeat(16)}`,
    containerID: `containerd://${'9f8e'.repeat(16)}`,
    ready: true,
    started: true,
    restartCount: o.restarts ?? 0,
    state: { running: { startedAt: iso(o.lastFinished ?? o.started) } },
    lastState: {},
  };
  if (o.lastFinished)
    cs.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: at, finishedAt: iso(o.lastFinished), containerID: `containerd://${'1c2d'.repeat(16)}` } };
  return {
    phase: 'Running',
    conditions: [cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled')],
    hostIP: o.hostIP,
    hostIPs: [{ ip: o.hostIP }],
    podIP: o.ip,
    podIPs: [{ ip: o.ip }],
    startTime: at,
    containerStatuses: [cs],
  };
}

const nginxTemplate = (image: string, hash: string) => ({
  metadata: { labels: { app: 'nginx', 'pod-template-hash': hash } },
  spec: {
    containers: [
      {
        name: 'nginx',
        image,
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
      },
    ],
  },
});

/** Builds the fixture cluster; the clock is left at t0 + AGE_MS, when commands run. */
export function kubectlFixture(startMs = Date.parse('2026-01-01T00:00:00Z')): Fixture {
  const t = testCluster({ empty: true, controllers: [] });
  t.clock.t = startMs;
  const t0 = startMs;
  make(t, node('control-plane-1', '10.240.0.10', 'control-plane', t0));
  make(t, node('worker-1', '10.240.0.11', 'worker', t0));
  make(t, node('worker-2', '10.240.0.12', 'worker', t0));
  make(t, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { team: 'web' } } });
  make(t, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'worker-1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: `${iso(t0).slice(0, -1)}.000000Z` },
  });

  const dep = make(t, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { ...nginxTemplate('nginx:1.14.2', ''), metadata: { labels: { app: 'nginx' } } } },
    status: {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: iso(t0), lastTransitionTime: iso(t0), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: iso(t0), lastTransitionTime: iso(t0), reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "nginx-7c5ddbdf54" has successfully progressed.' },
      ],
    },
  });
  const owner = (o: Obj) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  make(t, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'nginx-5d59d67564',
      namespace: 'default',
      labels: { app: 'nginx', 'pod-template-hash': '5d59d67564' },
      annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: owner(dep),
    },
    spec: { replicas: 0, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '5d59d67564' } }, template: nginxTemplate('nginx:1.13', '5d59d67564') },
    status: { replicas: 0, observedGeneration: 2 },
  });
  const rs = make(t, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'nginx-7c5ddbdf54',
      namespace: 'default',
      labels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' },
      annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '2' },
      ownerReferences: owner(dep),
    },
    spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }, template: nginxTemplate('nginx:1.14.2', '7c5ddbdf54') },
    status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 },
  });
  const placements: Array<[string, string, string, string]> = [
    ['nginx-7c5ddbdf54-2xkqz', 'worker-1', '10.240.0.11', '10.244.11.4'],
    ['nginx-7c5ddbdf54-8fjwl', 'worker-2', '10.240.0.12', '10.244.12.3'],
    ['nginx-7c5ddbdf54-tq9rm', 'worker-1', '10.240.0.11', '10.244.11.5'],
  ];
  for (const [name, nodeName, hostIP, ip] of placements) {
    const tpl = nginxTemplate('nginx:1.14.2', '7c5ddbdf54');
    make(t, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: tpl.metadata.labels, ownerReferences: owner(rs) },
      spec: { ...tpl.spec, nodeName },
      status: { ...runningStatus({ node: nodeName, hostIP, ip, image: 'nginx:1.14.2', container: 'nginx', started: t0 }), qosClass: 'Burstable' },
    });
  }
  make(t, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'busybox', namespace: 'default', labels: { run: 'busybox' } },
    spec: { nodeName: 'worker-2', containers: [{ name: 'busybox', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], env: [{ name: 'GREETING', value: 'hello' }] }] },
    status: {
      ...runningStatus({ node: 'worker-2', hostIP: '10.240.0.12', ip: '10.244.12.7', image: 'busybox:1.36', container: 'busybox', started: t0, restarts: 2, lastFinished: t0 + 30 * 60_000 }),
      qosClass: 'BestEffort',
    },
  });
  make(t, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pending', namespace: 'default', labels: { run: 'pending' } },
    spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }] },
    status: {
      phase: 'Pending',
      qosClass: 'Burstable',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: iso(t0),
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
        },
      ],
    },
  });
  make(t, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.120.15', selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
  });
  make(t, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      type: 'NodePort',
      clusterIP: '10.96.7.200',
      selector: { app: 'nginx' },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
  });
  for (const svc of ['nginx', 'web']) {
    make(t, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${svc}-x7k2p`, namespace: 'default', labels: { 'kubernetes.io/service-name': svc, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      ports: [{ name: svc === 'web' ? 'http' : '', port: 80, protocol: 'TCP' }],
      endpoints: placements.map(([name, nodeName, , ip]) => ({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false }, nodeName, targetRef: { kind: 'Pod', name, namespace: 'default' } })),
    });
  }
  make(t, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-config', namespace: 'default', labels: { app: 'nginx' } },
    data: { 'game.properties': 'enemies=aliens\nlives=3\n' },
  });
  const event = (name: string, io: Obj, reason: string, message: string, type: string, component: string, at: number, count = 1, last = at, fieldPath?: string) =>
    make(t, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { apiVersion: io.apiVersion, kind: io.kind, name: io.metadata.name, namespace: 'default', uid: io.metadata.uid, ...(fieldPath ? { fieldPath } : {}) },
      reason,
      message,
      source: { component, ...(component === 'kubelet' ? { host: 'worker-2' } : {}) },
      firstTimestamp: iso(at),
      lastTimestamp: iso(last),
      count,
      type,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? 'worker-2' : '',
    });
  const busybox = t.get<Obj>('pods', 'default', 'busybox')!;
  event('busybox.1', busybox, 'Scheduled', 'Successfully assigned default/busybox to worker-2', 'Normal', 'default-scheduler', t0);
  event('busybox.2', busybox, 'Pulled', 'Container image "busybox:1.36" already present on machine', 'Normal', 'kubelet', t0 + 60_000, 3, t0 + 30 * 60_000, 'spec.containers{busybox}');
  event('busybox.3', busybox, 'BackOff', 'Back-off restarting failed container busybox in pod busybox_default(1234)', 'Warning', 'kubelet', t0 + 29 * 60_000, 1, t0 + 29 * 60_000, 'spec.containers{busybox}');
  event('nginx.1', dep, 'ScalingReplicaSet', 'Scaled up replica set nginx-7c5ddbdf54 from 0 to 3', 'Normal', 'deployment-controller', t0 + 2 * 60_000);
  t.clock.t = t0 + AGE_MS;
  return { t, t0 };
}
