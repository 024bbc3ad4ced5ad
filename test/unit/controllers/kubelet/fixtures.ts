// Fixtures for kubelet tests: clusters running only the controllers under test, pods bound by hand, and readers for
// what kubectl shows (STATUS column, events in order).
import { kubelet } from '../../../../durable-objects/controllers/kubelet/index.ts';
import { nodeLifecycle } from '../../../../durable-objects/controllers/node-lifecycle.ts';
import { podGC } from '../../../../durable-objects/controllers/pod-gc.ts';
import { podDisplay } from '../../../../durable-objects/registry/kinds/pod.ts';
import type { Pod } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { testCluster, type TestCluster, type TestClusterOptions } from '../../../helpers/cluster.ts';

export const NODE_CONTROLLERS = [kubelet, nodeLifecycle, podGC];

export function cluster(o: TestClusterOptions = {}): TestCluster {
  const t = testCluster({ controllers: NODE_CONTROLLERS, ...o });
  t.settle();
  return t;
}

export interface PodOptions {
  node?: string;
  namespace?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  initContainers?: Array<Record<string, unknown>>;
  grace?: number;
  hostNetwork?: boolean;
  activeDeadlineSeconds?: number;
  volumes?: Array<Record<string, unknown>>;
}

/** A pod already bound to a node (no scheduler needed). */
export function pod(name: string, containers: Array<Record<string, unknown>>, o: PodOptions = {}): Pod {
  const spec: Record<string, unknown> = { nodeName: o.node ?? 'worker-1', containers };
  if (o.restartPolicy) spec.restartPolicy = o.restartPolicy;
  if (o.initContainers) spec.initContainers = o.initContainers;
  if (o.grace !== undefined) spec.terminationGracePeriodSeconds = o.grace;
  if (o.hostNetwork) spec.hostNetwork = true;
  if (o.activeDeadlineSeconds) spec.activeDeadlineSeconds = o.activeDeadlineSeconds;
  if (o.volumes) spec.volumes = o.volumes;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: o.namespace ?? 'default' }, spec } as Pod;
}

export const nginx = (name = 'nginx', image = 'nginx:1.14.2', extra: Record<string, unknown> = {}) => ({ name, image, ports: [{ containerPort: 80 }], ...extra });
export const busybox = (name: string, command: string[], image = 'busybox:1.36') => ({ name, image, command });

export function get(t: TestCluster, name: string, namespace = 'default'): Pod {
  const p = t.get<Pod>('pods', namespace, name);
  if (!p) throw new Error(`pod ${namespace}/${name} not found`);
  return p;
}

/** The STATUS column of `kubectl get pods`. */
export function status(t: TestCluster, name: string): string {
  return podDisplay(get(t, name), t.clock.now()).status;
}

export function display(t: TestCluster, name: string) {
  return podDisplay(get(t, name), t.clock.now());
}

export function container(t: TestCluster, pod: string, name?: string) {
  const p = get(t, pod);
  const all = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
  const c = name ? all.find((x) => x.name === name) : p.status?.containerStatuses?.[0];
  if (!c) throw new Error(`no status for container ${name ?? '(first)'} of ${pod}`);
  return c;
}

export interface SeenEvent {
  reason: string;
  message: string;
  type: string;
  count: number;
  component: string;
  host?: string;
}

/** Events about an object, oldest first (as `kubectl describe` lists them). */
export function eventsFor(t: TestCluster, name: string, namespace = 'default'): SeenEvent[] {
  return t
    .list<KubeObject & Record<string, unknown>>('events', namespace)
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => ({
      reason: e.reason as string,
      message: e.message as string,
      type: e.type as string,
      count: e.count as number,
      component: (e.source as { component: string }).component,
      host: (e.source as { host?: string }).host,
    }));
}

export const reasons = (t: TestCluster, name: string) => eventsFor(t, name).map((e) => e.reason);

/** Records the STATUS column after every change of a pod (like `kubectl get pods -w`). */
export function watchStatus(t: TestCluster, name: string, namespace = 'default'): string[] {
  const seen: string[] = [];
  t.cluster.store.subscribe((e) => {
    if (e.key.resource !== 'pods' || e.key.name !== name || e.key.namespace !== namespace) return;
    const s = e.type === 'DELETED' ? 'DELETED' : podDisplay(e.object as Pod, t.clock.now()).status;
    if (seen[seen.length - 1] !== s) seen.push(s);
  });
  return seen;
}
