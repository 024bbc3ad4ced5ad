// What a user sees of one pod on a simulated node: its IP, its events, the timing of its states, restarts and
// back-offs, probes, and its end when deleted.
import { describe, expect, it } from 'vitest';
import { crashContainer } from '../../../../durable-objects/controllers/kubelet/index.ts';
import { inCidr } from '../../../../durable-objects/network/ipam.ts';
import type { Node, Pod } from '../../../../durable-objects/registry/schemas/index.ts';
import type { KubeObject } from '../../../../durable-objects/types.ts';
import { busybox, cluster, container, display, eventsFor, get, nginx, pod, reasons, status, watchStatus } from './fixtures.ts';

describe('Kubelet: starting a pod', () => {
  it.each([
    { network: 'overlay' as const, range: (n: Node) => n.spec!.podCIDR! },
    { network: 'flat' as const, range: () => '10.240.0.0/16' },
  ])('gives a pod on worker-1 an IP from the $network network', ({ network, range }) => {
    const t = cluster({ network });
    t.create(pod('web', [nginx()]));
    t.settle();
    const p = get(t, 'web');
    const node = t.get<Node>('nodes', '', 'worker-1')!;
    expect(p.status?.podIP).toBeTruthy();
    expect(inCidr(p.status!.podIP!, range(node))).toBe(true);
    expect(p.status?.podIPs).toEqual([{ ip: p.status!.podIP }]);
    expect(p.status?.hostIP).toBe(node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
    if (network === 'overlay') expect(p.status!.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
  });

  it('gives pods on one node distinct IPs, and hostNetwork pods the node IP', () => {
    const t = cluster();
    for (const n of ['a', 'b', 'c']) t.create(pod(n, [nginx()]));
    t.create(pod('host', [nginx()], { hostNetwork: true }));
    t.settle();
    const ips = ['a', 'b', 'c'].map((n) => get(t, n).status?.podIP);
    expect(new Set(ips).size).toBe(3);
    expect(get(t, 'host').status?.podIP).toBe(get(t, 'host').status?.hostIP);
  });

  it('records Pulling, Pulled, Created and Started in order, from the kubelet of the node', () => {
    const t = cluster({ profile: 'realistic' });
    t.create(pod('web', [nginx()]));
    t.advance(10_000);
    const events = eventsFor(t, 'web');
    expect(events.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(events.every((e) => e.component === 'kubelet' && e.host === 'worker-1')).toBe(true);
    expect(events[0]!.message).toBe('Pulling image "nginx:1.14.2"');
    expect(events[1]!.message).toMatch(/^Successfully pulled image "nginx:1\.14\.2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 44402548 bytes\.$/);
    expect(events[2]!.message).toBe('Created container: nginx');
    expect(events[3]!.message).toBe('Started container nginx');
  });

  it('finds the image already present for the second pod on the node, and reports it in node status', () => {
    const t = cluster();
    t.create(pod('one', [nginx()]));
    t.settle();
    t.create(pod('two', [nginx()]));
    t.settle();
    expect(eventsFor(t, 'two')[0]!.message).toBe('Container image "nginx:1.14.2" already present on machine');
    t.advance(10_000);
    const images = t.get<Node>('nodes', '', 'worker-1')!.status?.images ?? [];
    expect(images.flatMap((i) => i.names)).toContain('docker.io/library/nginx:1.14.2');
  });

  it('shows ContainerCreating for about the pull time, then Running (realistic)', () => {
    const t = cluster({ profile: 'realistic' });
    const seen = watchStatus(t, 'web');
    const start = t.clock.now();
    t.create(pod('web', [nginx()]));
    let runningAt = 0;
    for (let ms = 0; ms < 10_000 && !runningAt; ms += 100) {
      t.advance(100);
      if (status(t, 'web') === 'Running') runningAt = t.clock.now() - start;
    }
    expect(seen).toEqual(['Pending', 'ContainerCreating', 'Running']);
    expect(runningAt).toBeGreaterThan(1_500);
    expect(runningAt).toBeLessThan(5_000);
    const c = container(t, 'web');
    expect(c.imageID).toBe('docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d');
    expect(c.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(c.state?.running?.startedAt).toBeTruthy();
    expect(get(t, 'web').status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
  });

  it('reaches Running and Ready with a single status write in the fast profile', () => {
    const t = cluster();
    let writes = 0;
    t.cluster.store.subscribe((e) => {
      if (e.key.resource === 'pods' && e.type === 'MODIFIED') writes++;
    });
    t.create(pod('web', [nginx()]));
    t.settle();
    expect(display(t, 'web')).toMatchObject({ status: 'Running', ready: '1/1' });
    expect(writes).toBe(1);
  });
});

describe('Kubelet: restarts and back-off', () => {
  it('restarts a crashing container with back-off 10s, 20s, 40s and a growing restart count', () => {
    const t = cluster();
    t.create(pod('crash', [busybox('c', ['sh', '-c', 'echo hi; exit 1'])]));
    const backoffs: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 200; i++) {
      t.advance(1000);
      const c = container(t, 'crash');
      const m = /^back-off (\S+) restarting failed container=c pod=crash_default\(.+\)$/.exec(c.state?.waiting?.message ?? '');
      if (m && backoffs[backoffs.length - 1] !== m[1]) backoffs.push(m[1]!);
      if (counts[counts.length - 1] !== c.restartCount) counts.push(c.restartCount);
    }
    expect(backoffs.slice(0, 5)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s']);
    expect(counts.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    const c = container(t, 'crash');
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(display(t, 'crash').restarts).toMatch(/^\d+ \(\d+s ago\)$/);
    const backoff = eventsFor(t, 'crash').find((e) => e.reason === 'BackOff')!;
    expect(backoff.message).toMatch(/^Back-off restarting failed container c in pod crash_default\(.+\)$/);
    expect(backoff.type).toBe('Warning');
    expect(backoff.count).toBeGreaterThan(1);
  });

  it('shows Error, then CrashLoopBackOff, as kubectl get -w does', () => {
    const t = cluster({ profile: 'realistic' });
    const seen = watchStatus(t, 'crash');
    t.create(pod('crash', [busybox('c', ['sh', '-c', 'exit 3'])]));
    t.advance(30_000);
    expect(seen.slice(0, 5)).toEqual(['Pending', 'ContainerCreating', 'Error', 'CrashLoopBackOff', 'Error']);
    expect(container(t, 'crash').lastState?.terminated?.exitCode).toBe(3);
  });

  it('fails to pull a missing tag: ErrImagePull, then ImagePullBackOff, retried with back-off', () => {
    const t = cluster();
    const seen = watchStatus(t, 'bad');
    t.create(pod('bad', [nginx('nginx', 'nginx:doesnotexist')]));
    t.settle();
    expect(seen).toEqual(['Pending', 'ErrImagePull', 'ImagePullBackOff']);
    const c = container(t, 'bad');
    expect(c.state?.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:doesnotexist"' });
    const failed = eventsFor(t, 'bad').find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe(
      'Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
    expect(reasons(t, 'bad')).toEqual(['Pulling', 'Failed', 'Failed', 'BackOff', 'Failed']);
    const pulls = () => eventsFor(t, 'bad').find((e) => e.reason === 'Pulling')!.count;
    t.advance(9_000);
    expect(pulls()).toBe(1);
    t.advance(1_500);
    expect(pulls()).toBe(2);
    t.advance(21_000);
    expect(pulls()).toBe(3);
  });

  it('lets the second of two nginx containers fail to bind port 80 and crash-loop', () => {
    const t = cluster();
    t.create(pod('two', [nginx('a', 'nginx:1.27'), nginx('b', 'nginx:1.27')]));
    t.advance(60_000);
    expect(container(t, 'two', 'a').state?.running).toBeTruthy();
    expect(container(t, 'two', 'a').restartCount).toBe(0);
    expect(container(t, 'two', 'b').state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(container(t, 'two', 'b').lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('kills a container whose liveness probe fails, then restarts it', () => {
    const t = cluster();
    t.create(
      pod('live', [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ]),
    );
    t.advance(40_000);
    expect(container(t, 'live').restartCount).toBe(0);
    t.advance(40_000);
    expect(container(t, 'live').restartCount).toBe(1);
    const events = eventsFor(t, 'live');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
  });

  it('keeps a container unready until its readiness probe initial delay has passed', () => {
    const t = cluster();
    t.create(pod('slow', [nginx('web', 'nginx', { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 15, periodSeconds: 5 } })]));
    t.advance(14_000);
    expect(display(t, 'slow')).toMatchObject({ status: 'Running', ready: '0/1' });
    t.advance(2_000);
    expect(display(t, 'slow')).toMatchObject({ status: 'Running', ready: '1/1' });
  });

  it('reports a failing readiness probe as Unhealthy events', () => {
    const t = cluster();
    t.create(pod('wrong', [nginx('web', 'nginx', { readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } })]));
    t.advance(35_000);
    const unhealthy = eventsFor(t, 'wrong').find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(unhealthy.count).toBeGreaterThanOrEqual(3);
  });

  it('crashes a container on request (exit 137) and restarts it per policy', () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    t.settle();
    crashContainer(t.cluster.reconcile, get(t, 'web'));
    expect(container(t, 'web').state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    t.settle();
    expect(container(t, 'web')).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'Error' } } });
    expect(status(t, 'web')).toBe('Running');
  });
});

describe('Kubelet: stopping a pod', () => {
  it.each([
    { name: 'nginx stops on SIGTERM', containers: [nginx()], profile: 'realistic' as const, goneBy: 3_000, stillAt: 0 },
    { name: 'sleep as PID 1 ignores SIGTERM and waits for the grace period', containers: [busybox('s', ['sleep', '3600'])], profile: 'fast' as const, goneBy: 31_000, stillAt: 29_000 },
    { name: 'a short grace period caps the wait', containers: [busybox('s', ['sleep', '3600'])], profile: 'fast' as const, goneBy: 6_000, stillAt: 4_000, grace: 5 },
  ])('$name', ({ containers, profile, goneBy, stillAt, grace }) => {
    const t = cluster({ profile });
    t.create(pod('p', containers, { grace }));
    t.advance(10_000);
    const seen = watchStatus(t, 'p');
    t.cluster.api;
    t.cluster.reconcile.client.delete('v1', 'Pod', 'default', 'p');
    t.settle();
    expect(status(t, 'p')).toBe('Terminating');
    expect(reasons(t, 'p')).toContain('Killing');
    if (stillAt) {
      t.advance(stillAt);
      expect(t.get('pods', 'default', 'p')).toBeDefined();
    }
    t.advance(goneBy - stillAt);
    expect(t.get('pods', 'default', 'p')).toBeUndefined();
    expect(seen[0]).toBe('Terminating');
    expect(seen[seen.length - 1]).toBe('DELETED');
  });

  it('says Stopping container for each running container', () => {
    const t = cluster();
    t.create(pod('p', [nginx('a'), { name: 'b', image: 'redis' }]));
    t.settle();
    t.cluster.reconcile.client.delete('v1', 'Pod', 'default', 'p');
    t.settle();
    expect(eventsFor(t, 'p').filter((e) => e.reason === 'Killing').map((e) => e.message).sort()).toEqual(['Stopping container a', 'Stopping container b']);
  });
});

describe('Kubelet: changes to a running pod', () => {
  it('restarts a container whose image was changed, pulling the new one without back-off', () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    t.settle();
    const p = structuredClone(get(t, 'web'));
    p.spec!.containers[0]!.image = 'nginx:1.27.3';
    t.cluster.reconcile.client.update(p);
    t.settle();
    const c = container(t, 'web');
    expect(c.image).toBe('docker.io/library/nginx:1.27.3');
    expect(c.restartCount).toBe(1);
    expect(status(t, 'web')).toBe('Running');
    expect(reasons(t, 'web')).toContain('Killing');
    expect(eventsFor(t, 'web').find((e) => e.reason === 'Killing')?.message).toBe('Container nginx definition changed, will be restarted');
  });

  it('runs a sidecar (an init container with restartPolicy Always) beside the app', () => {
    const t = cluster();
    t.create(pod('app', [nginx()], { initContainers: [{ ...busybox('logger', ['sh', '-c', 'while true; do echo tick; sleep 5; done']), restartPolicy: 'Always' }] }));
    t.advance(10_000);
    expect(display(t, 'app')).toMatchObject({ status: 'Running', ready: '1/1' });
    expect(container(t, 'app', 'logger').state?.running).toBeTruthy();
    expect(get(t, 'app').status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
  });

  it('starts the control plane static pods from preloaded images (no pulls)', () => {
    const t = cluster();
    const statics = t.list<Pod>('pods', 'kube-system').filter((p) => p.spec?.nodeName === 'control-plane-1');
    expect(statics.length).toBeGreaterThanOrEqual(4);
    for (const p of statics) {
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.containerStatuses?.[0]?.ready).toBe(true);
      expect(p.status?.podIP).toBe(p.status?.hostIP);
    }
    const pulls = t.list<KubeObject & { reason?: string }>('events', 'kube-system').filter((e) => e.reason === 'Pulling');
    expect(pulls).toEqual([]);
  });
});
