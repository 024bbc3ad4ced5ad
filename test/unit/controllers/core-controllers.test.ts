import { describe, expect, it } from 'vitest';
import { testCluster } from '../../helpers/cluster.ts';
import { garbageCollector } from '../../../durable-objects/controllers/garbage-collector.ts';
import { namespaceController } from '../../../durable-objects/controllers/namespace.ts';
import { endpointsController } from '../../../durable-objects/controllers/endpoints.ts';
import { endpointSliceController } from '../../../durable-objects/controllers/endpointslice.ts';
import { loadBalancer } from '../../../durable-objects/controllers/loadbalancer.ts';
import { eventTTL } from '../../../durable-objects/controllers/event-ttl.ts';
import { kubernetesService } from '../../../durable-objects/controllers/kubernetes-service.ts';
import { staticPods } from '../../../durable-objects/controllers/static-pods.ts';
import { deleteObject } from '../../../durable-objects/apiserver/rest.ts';
import type { KubeObject } from '../../../durable-objects/types.ts';

type Obj = KubeObject & Record<string, any>;

function setup(controllers = [garbageCollector, namespaceController]) {
  const t = testCluster({ empty: true, controllers });
  const base = t.cluster.reconcile.client;
  // Pods lose their status on create (as in Kubernetes); tests that need a running pod write it afterwards.
  const client = {
    create<T extends KubeObject>(o: T): T {
      const status = o.status;
      const made = base.create(o);
      return o.kind === 'Pod' && status ? base.updateStatus({ ...made, status }) : made;
    },
  };
  const del = (apiVersion: string, kind: string, ns: string | undefined, name: string, propagationPolicy?: 'Orphan' | 'Background' | 'Foreground') =>
    deleteObject(t.cluster.env, t.cluster.registry.forKind(apiVersion, kind)!, ns, name, { propagationPolicy });
  return { t, client, del };
}

const owner = (name: string): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
const dependent = (name: string, o: KubeObject, block = false): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name!, uid: o.metadata.uid!, blockOwnerDeletion: block }] },
});

describe('Garbage collector', () => {
  it('deletes dependents once their owner is gone (background)', () => {
    const { t, client, del } = setup();
    const o = client.create(owner('o'));
    client.create(dependent('d1', o));
    client.create(dependent('d2', o));
    t.settle();
    del('v1', 'ConfigMap', 'default', 'o', 'Background');
    t.settle();
    expect(t.list('configmaps', 'default').map((c) => c.metadata.name)).toEqual([]);
  });

  it('keeps the owner until blocking dependents are gone (foreground)', () => {
    const { t, client, del } = setup();
    const o = client.create(owner('o'));
    client.create(dependent('d', o, true));
    t.settle();
    del('v1', 'ConfigMap', 'default', 'o', 'Foreground');
    expect(t.get('configmaps', 'default', 'o')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    t.settle();
    expect(t.list('configmaps', 'default')).toEqual([]);
  });

  it('orphans dependents: their owner reference goes, they stay', () => {
    const { t, client, del } = setup();
    const o = client.create(owner('o'));
    client.create(dependent('d', o));
    t.settle();
    del('v1', 'ConfigMap', 'default', 'o', 'Orphan');
    t.settle();
    expect(t.get('configmaps', 'default', 'o')).toBeUndefined();
    const d = t.get('configmaps', 'default', 'd')!;
    expect(d.metadata.ownerReferences).toBeUndefined();
  });

  it('drops only the dangling reference when another owner remains', () => {
    const { t, client, del } = setup();
    const a = client.create(owner('a'));
    const b = client.create(owner('b'));
    const d = dependent('d', a);
    d.metadata.ownerReferences!.push({ apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.metadata.uid! });
    client.create(d);
    t.settle();
    del('v1', 'ConfigMap', 'default', 'a');
    t.settle();
    expect(t.get('configmaps', 'default', 'd')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['b']);
  });
});

describe('Namespace controller', () => {
  it('empties a deleted namespace, then removes it', () => {
    const { t, client, del } = setup();
    client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } });
    client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team' } });
    t.settle();
    del('v1', 'Namespace', undefined, 'team');
    expect(t.get('namespaces', '', 'team')?.status).toEqual({ phase: 'Terminating' });
    t.settle();
    expect(t.get('namespaces', '', 'team')).toBeUndefined();
    expect(t.list('configmaps', 'team')).toEqual([]);
  });
});

function readyPod(name: string, ip: string, labels: Record<string, string>, ready = true, extra: Record<string, unknown> = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }], ...extra },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('Endpoints and EndpointSlices', () => {
  it('list the ready pods a Service selects, resolving named target ports', () => {
    const { t, client } = setup([endpointsController, endpointSliceController]);
    client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    client.create(readyPod('a', '10.244.1.2', { app: 'web' }));
    client.create(readyPod('b', '10.244.1.3', { app: 'web' }, false));
    client.create(readyPod('c', '10.244.1.4', { app: 'other' }));
    t.settle();
    const ep = t.get<Obj>('endpoints', 'default', 'web')!;
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.2', nodeName: 'worker-1', targetRef: expect.objectContaining({ name: 'a' }) }],
        notReadyAddresses: [{ ip: '10.244.1.3', nodeName: 'worker-1', targetRef: expect.objectContaining({ name: 'b' }) }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    const slices = t.list<Obj>('endpointslices.discovery.k8s.io', 'default');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slices[0]!.endpoints.map((e: any) => [e.addresses[0], e.conditions.ready])).toEqual([
      ['10.244.1.2', true],
      ['10.244.1.3', false],
    ]);
    expect(slices[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('follow pods as they become ready and go away', () => {
    const { t, client } = setup([endpointsController]);
    client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    t.settle();
    expect(t.get<Obj>('endpoints', 'default', 'web')!.subsets).toEqual([]);
    client.create(readyPod('a', '10.244.1.2', { app: 'web' }));
    t.settle();
    expect(t.get<Obj>('endpoints', 'default', 'web')!.subsets[0].addresses).toHaveLength(1);
    t.cluster.store.delete('pods', 'default', 'a');
    t.settle();
    expect(t.get<Obj>('endpoints', 'default', 'web')!.subsets).toEqual([]);
  });
});

describe('LoadBalancer services', () => {
  it('get an external IP after the provisioning time', () => {
    const t = testCluster({ empty: true, profile: 'realistic', controllers: [loadBalancer] });
    t.cluster.reconcile.client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    t.settle();
    expect(t.get<Obj>('services', 'default', 'lb')!.status.loadBalancer).toEqual({});
    t.advance(3_000);
    expect(t.get<Obj>('services', 'default', 'lb')!.status.loadBalancer.ingress).toEqual([{ ip: '203.0.113.10', ipMode: 'VIP' }]);
  });
});

describe('Event TTL', () => {
  it('deletes events an hour after they last happened', () => {
    const t = testCluster({ empty: true, controllers: [eventTTL] });
    const pod = t.cluster.reconcile.client.create(readyPod('a', '10.244.1.2', {}));
    t.settle();
    t.cluster.reconcile.events.normal(pod, 'Test', 'hello', { component: 'test' });
    t.settle();
    expect(t.list('events', 'default')).toHaveLength(1);
    t.advance(59 * 60_000);
    expect(t.list('events', 'default')).toHaveLength(1);
    t.advance(60_000);
    expect(t.list('events', 'default')).toHaveLength(0);
  });
});

describe('The kubernetes Service', () => {
  it('comes back with its Endpoints when deleted, listing the control-plane nodes', () => {
    const t = testCluster({ controllers: [kubernetesService] });
    t.settle();
    const before = t.get('endpoints', 'default', 'kubernetes') as Obj;
    for (const [apiVersion, kind] of [['v1', 'Service'], ['v1', 'Endpoints'], ['discovery.k8s.io/v1', 'EndpointSlice']] as const)
      deleteObject(t.cluster.env, t.cluster.registry.forKind(apiVersion, kind)!, 'default', 'kubernetes', {});
    expect(t.get('services', 'default', 'kubernetes')).toBeUndefined();
    t.settle();
    const svc = t.get('services', 'default', 'kubernetes') as Obj;
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect((t.get('endpoints', 'default', 'kubernetes') as Obj).subsets).toEqual(before.subsets);
    const controlPlanes = t.list('nodes').filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
    expect(before.subsets[0].addresses).toHaveLength(controlPlanes.length);
    expect(t.get('endpointslices.discovery.k8s.io', 'default', 'kubernetes')).toBeDefined();
  });
});

describe('Static pods', () => {
  it('come back when their mirror pod is deleted, and go with their node', () => {
    const t = testCluster({ controllers: [staticPods] });
    t.settle();
    const cp = t.list('nodes').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)!;
    const name = `etcd-${cp.metadata.name}`;
    const before = t.get('pods', 'kube-system', name)!;
    deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Pod')!, 'kube-system', name, { gracePeriodSeconds: 0 });
    expect(t.get('pods', 'kube-system', name)).toBeUndefined();
    t.settle();
    const again = t.get('pods', 'kube-system', name)!;
    expect(again.metadata.uid).not.toBe(before.metadata.uid);
    expect(again.metadata.annotations?.['kubernetes.io/config.mirror']).toBe('static');
    deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Node')!, undefined, cp.metadata.name!, {});
    deleteObject(t.cluster.env, t.cluster.registry.forKind('v1', 'Pod')!, 'kube-system', name, { gracePeriodSeconds: 0 });
    t.settle();
    expect(t.get('pods', 'kube-system', name)).toBeUndefined();
  });
});


describe('A new namespace', () => {
  it('has its ServiceAccount and root CA before its first pods mount the API token: no FailedMount', () => {
    const t = testCluster();
    t.settle();
    t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } } as Obj);
    const pod = t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'demo' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27.3' }] } } as Obj);
    expect(pod.spec.volumes[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: pod.spec.volumes[0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    t.advance(5_000);
    expect(t.get<Obj>('pods', 'demo', 'web')!.status.phase).toBe('Running');
    expect(t.list<Obj>('events', 'demo').filter((e) => e.reason === 'FailedMount')).toEqual([]);
  });
});
