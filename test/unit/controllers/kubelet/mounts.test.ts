// Volumes naming a ConfigMap or Secret that does not exist: the pod waits in ContainerCreating with FailedMount
// events, retried with the kubelet's back-off, and starts as soon as the object appears.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { cluster, container, display, eventsFor, get, nginx, pod } from './fixtures.ts';

type T = ReturnType<typeof cluster>;

const configMap = (name: string, data: Record<string, string> = { k: 'v' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data }) as KubeObject;
const secret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: { k: btoa('v') } }) as KubeObject;
const mounted = (volume: string) => [nginx('web', 'nginx:1.14.2', { volumeMounts: [{ name: volume, mountPath: '/etc/app' }] })];
const failedMounts = (t: T, name = 'p') => eventsFor(t, name).filter((e) => e.reason === 'FailedMount');

interface Case {
  name: string;
  volumes: Array<Record<string, unknown>>;
  setup?: (t: T) => void;
  profile?: 'fast' | 'realistic';
  status: string;
  /** The FailedMount messages, or none when the pod starts. */
  failed: string[];
}

const cases: Case[] = [
  { name: 'a missing ConfigMap keeps the pod in ContainerCreating', volumes: [{ name: 'cfg', configMap: { name: 'app' } }], status: 'ContainerCreating', failed: ['MountVolume.SetUp failed for volume "cfg" : configmap "app" not found'] },
  { name: 'a missing Secret keeps the pod in ContainerCreating', volumes: [{ name: 'creds', secret: { secretName: 'db' } }], status: 'ContainerCreating', failed: ['MountVolume.SetUp failed for volume "creds" : secret "db" not found'] },
  { name: 'a missing optional ConfigMap is no obstacle', volumes: [{ name: 'cfg', configMap: { name: 'app', optional: true } }], status: 'Running', failed: [] },
  { name: 'a missing optional Secret is no obstacle', volumes: [{ name: 'creds', secret: { secretName: 'db', optional: true } }], status: 'Running', failed: [] },
  { name: 'an existing ConfigMap mounts', volumes: [{ name: 'cfg', configMap: { name: 'app' } }], setup: (t) => t.create(configMap('app')), status: 'Running', failed: [] },
  { name: 'an existing Secret mounts', volumes: [{ name: 'creds', secret: { secretName: 'db' } }], setup: (t) => t.create(secret('db')), status: 'Running', failed: [] },
  { name: 'a missing key of an existing ConfigMap fails the mount', volumes: [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'nope', path: 'x' }] } }], setup: (t) => t.create(configMap('app')), status: 'ContainerCreating', failed: ['MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: nope'] },
  {
    name: 'a projected volume reports all its missing sources at once',
    volumes: [{ name: 'all', projected: { sources: [{ configMap: { name: 'app' } }, { secret: { name: 'db' } }, { secret: { name: 'opt', optional: true } }] } }],
    status: 'ContainerCreating',
    failed: ['MountVolume.SetUp failed for volume "all" : [configmap "app" not found, secret "db" not found]'],
  },
  { name: 'a projected volume with one missing source', volumes: [{ name: 'all', projected: { sources: [{ secret: { name: 'db' } }] } }], status: 'ContainerCreating', failed: ['MountVolume.SetUp failed for volume "all" : secret "db" not found'] },
  { name: 'a projected volume of optional sources starts', volumes: [{ name: 'all', projected: { sources: [{ configMap: { name: 'app', optional: true } }, { secret: { name: 'db', optional: true } }] } }], status: 'Running', failed: [] },
  {
    name: 'each failing volume has its own event',
    volumes: [{ name: 'a', configMap: { name: 'one' } }, { name: 'ok', emptyDir: {} }, { name: 'b', configMap: { name: 'two' } }],
    status: 'ContainerCreating',
    failed: ['MountVolume.SetUp failed for volume "a" : configmap "one" not found', 'MountVolume.SetUp failed for volume "b" : configmap "two" not found'],
  },
  { name: 'a realistic pod waits the same way', profile: 'realistic', volumes: [{ name: 'cfg', configMap: { name: 'app' } }], status: 'ContainerCreating', failed: ['MountVolume.SetUp failed for volume "cfg" : configmap "app" not found'] },
];

describe('Kubelet: volumes from ConfigMaps and Secrets', () => {
  it.each(cases)('$name', (c) => {
    const t = cluster({ profile: c.profile ?? 'fast' });
    c.setup?.(t);
    t.create(pod('p', c.volumes.some((v) => v.name === 'cfg') ? mounted('cfg') : [nginx()], { volumes: c.volumes }));
    t.settle();
    t.advance(30_000);
    expect(display(t, 'p').status).toBe(c.status);
    expect(failedMounts(t).map((e) => e.message)).toEqual(c.failed);
    for (const e of failedMounts(t)) expect(e).toMatchObject({ type: 'Warning', component: 'kubelet', host: 'worker-1' });
    if (!c.failed.length) return;
    const p = get(t, 'p');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.podIP).toBeUndefined();
    expect(container(t, 'p').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(p.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    expect(eventsFor(t, 'p').some((e) => ['Pulling', 'Pulled', 'Created', 'Started'].includes(e.reason))).toBe(false);
  });
});

describe('Kubelet: mount retries', () => {
  // Attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5, 127.5 s, then every 2m2s; repeats aggregate into one Event.
  it.each([
    { after: 0, count: 1 },
    { after: 1_000, count: 2 },
    { after: 10_000, count: 5 },
    { after: 60_000, count: 7 },
    { after: 130_000, count: 9 },
    { after: 250_000, count: 10 },
    { after: 372_000, count: 11 },
  ])('has tried $count times after $after ms', ({ after, count }) => {
    const t = cluster();
    t.create(pod('p', mounted('cfg'), { volumes: [{ name: 'cfg', configMap: { name: 'app' } }] }));
    t.settle();
    t.advance(after);
    const events = failedMounts(t);
    expect(events).toHaveLength(1);
    expect(events[0]!.count).toBe(count);
  });

  it.each([
    { name: 'a ConfigMap', volume: { name: 'cfg', configMap: { name: 'app' } }, create: () => configMap('app') },
    { name: 'a Secret', volume: { name: 'cfg', secret: { secretName: 'app' } }, create: () => secret('app') },
    { name: 'a projected ConfigMap', volume: { name: 'cfg', projected: { sources: [{ configMap: { name: 'app' } }] } }, create: () => configMap('app') },
  ])('starts at once when $name created later appears, without waiting for the next retry', ({ volume, create }) => {
    const t = cluster();
    t.create(pod('p', mounted('cfg'), { volumes: [volume] }));
    t.advance(200_000);
    expect(display(t, 'p').status).toBe('ContainerCreating');
    const tries = failedMounts(t)[0]!.count;
    t.create(create());
    t.settle();
    expect(display(t, 'p')).toMatchObject({ status: 'Running', ready: '1/1' });
    expect(get(t, 'p').status?.podIP).toBeTruthy();
    expect(failedMounts(t)[0]!.count).toBe(tries);
    expect(eventsFor(t, 'p').map((e) => e.reason).slice(-3)).toEqual(['Pulled', 'Created', 'Started']);
  });

  it('waits on when the key it lacks is still missing, and starts once the ConfigMap gains it', () => {
    const t = cluster();
    t.create(pod('p', mounted('cfg'), { volumes: [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'conf', path: 'app.conf' }] } }] }));
    t.advance(5_000);
    t.create(configMap('app', { other: 'x' }));
    t.advance(5_000);
    expect(display(t, 'p').status).toBe('ContainerCreating');
    expect(failedMounts(t).map((e) => e.message)).toContain('MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: conf');
    const cm = t.get<KubeObject>('configmaps', 'default', 'app')!;
    t.cluster.reconcile.client.update({ ...cm, data: { conf: 'x' } } as KubeObject);
    t.settle();
    expect(display(t, 'p').status).toBe('Running');
  });

  it('ignores a ConfigMap of the same name in another namespace, and a running pod whose ConfigMap goes away', () => {
    const t = cluster();
    t.create(pod('p', mounted('cfg'), { volumes: [{ name: 'cfg', configMap: { name: 'app' } }] }));
    t.settle();
    t.create({ ...configMap('app'), metadata: { name: 'app', namespace: 'kube-system' } } as KubeObject);
    t.settle();
    expect(display(t, 'p').status).toBe('ContainerCreating');
    t.create(configMap('app'));
    t.settle();
    expect(display(t, 'p').status).toBe('Running');
    t.cluster.reconcile.client.delete('v1', 'ConfigMap', 'default', 'app');
    t.advance(60_000);
    expect(display(t, 'p').status).toBe('Running');
  });

  it('deletes a pod that waits for its volumes', () => {
    const t = cluster();
    t.create(pod('p', mounted('cfg'), { volumes: [{ name: 'cfg', configMap: { name: 'app' } }] }));
    t.advance(5_000);
    t.cluster.reconcile.client.delete('v1', 'Pod', 'default', 'p');
    t.advance(1_000);
    expect(t.get('pods', 'default', 'p')).toBeUndefined();
  });
});
