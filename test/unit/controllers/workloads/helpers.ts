// Fixtures and probes for the workload controller tests: the seed's nginx Deployment, kubectl-like patches, and
// readers for what `kubectl get`, `describe` and `rollout status` would show.
import { deployment } from '../../../../durable-objects/controllers/deployment.ts';
import { replicaSet } from '../../../../durable-objects/controllers/replicaset.ts';
import { patchObject } from '../../../../durable-objects/apiserver/rest.ts';
import type { PatchType } from '../../../../durable-objects/apiserver/schema-support.ts';
import type { Deployment, Pod, ReplicaSet } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { testCluster, type TestCluster, type TestClusterOptions } from '../../../helpers/cluster.ts';
import { fakeKubelet, type FakeKubeletOptions } from './fake-kubelet.ts';

export const NS = 'default';

/** The curriculum's Deployment, as the seed writes it. */
export function nginxDeployment(over: { replicas?: number; image?: string; name?: string; strategy?: unknown; extra?: Record<string, unknown> } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: over.name ?? 'nginx-deployment', namespace: NS, labels: { app: 'nginx' } },
    spec: {
      replicas: over.replicas ?? 3,
      selector: { matchLabels: { app: 'nginx' } },
      ...(over.strategy ? { strategy: over.strategy } : {}),
      ...(over.extra ?? {}),
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: over.image ?? 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

export function workloadCluster(kubelet: FakeKubeletOptions = {}, o: TestClusterOptions = {}): TestCluster {
  return testCluster({ workers: 3, ...o, controllers: [deployment, replicaSet, fakeKubelet(kubelet), ...(o.controllers ?? [])] });
}

/** A PATCH as kubectl sends it, through the API's own patch code (validation, defaults, generation). */
export function patch(t: TestCluster, kind: 'Deployment' | 'ReplicaSet' | 'Pod', name: string, type: PatchType, body: unknown): KubeObject {
  const apiVersion = kind === 'Pod' ? 'v1' : 'apps/v1';
  const s = t.cluster.registry.forKind(apiVersion, kind)!;
  return patchObject(t.cluster.env, s, NS, name, type, JSON.parse(JSON.stringify(body)), { fieldManager: 'kubectl' }).object;
}

export function deploy(t: TestCluster, name = 'nginx-deployment'): Deployment {
  return t.get<Deployment>('deployments.apps', NS, name)!;
}

export function replicaSetsOf(t: TestCluster, d: Deployment): ReplicaSet[] {
  return t.list<ReplicaSet>('replicasets.apps', NS).filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
}

export function podsOf(t: TestCluster, owner: KubeObject): Pod[] {
  return t.list<Pod>('pods', NS).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid));
}

export const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
export const isLive = (p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded';

export interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  component: string;
}

/** Events about one object, oldest first, as `kubectl describe` lists them. */
export function eventsFor(t: TestCluster, name: string, namespace = NS): EventView[] {
  return t
    .list<KubeObject>('events', namespace)
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => ({ type: e.type as string, reason: e.reason as string, message: e.message as string, count: e.count as number, component: (e.source as { component: string }).component }));
}

/** `kubectl rollout status` for a Deployment, as kubectl's DeploymentStatusViewer words it. */
export function rolloutStatus(d: Deployment): { done: boolean; message: string } {
  const s = d.status ?? {};
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { done: false, message: `error: deployment "${name}" exceeded its progress deadline` };
  const want = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...` };
  if ((s.replicas ?? 0) > updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...` };
  if ((s.availableReplicas ?? 0) < updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

export function condition(d: Deployment, type: string) {
  return d.status?.conditions?.find((c) => c.type === type);
}
