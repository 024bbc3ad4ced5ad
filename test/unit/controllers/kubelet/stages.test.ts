// The stage table end to end: a pod spec, some simulated time, and what `kubectl get pods` shows.
import { describe, expect, it } from 'vitest';
import { busybox, cluster, display, get, nginx, pod, type PodOptions } from './fixtures.ts';

interface Case {
  name: string;
  containers: Array<Record<string, unknown>>;
  options?: PodOptions;
  profile?: 'fast' | 'realistic';
  after: number;
  status: string;
  ready?: string;
  phase?: string;
  restarts?: number;
  reason?: string;
  setup?: (t: ReturnType<typeof cluster>) => void;
}

const cases: Case[] = [
  { name: 'a web server runs and is ready', containers: [nginx()], after: 0, status: 'Running', ready: '1/1', phase: 'Running' },
  { name: 'a realistic pull keeps the pod in ContainerCreating', containers: [nginx()], profile: 'realistic', after: 1000, status: 'ContainerCreating', ready: '0/1', phase: 'Pending' },
  { name: 'a realistic pod is running a few seconds later', containers: [nginx()], profile: 'realistic', after: 6000, status: 'Running', ready: '1/1' },
  { name: 'exit 1 crash-loops', containers: [busybox('c', ['sh', '-c', 'echo hi; exit 1'])], after: 5000, status: 'CrashLoopBackOff', restarts: 1, phase: 'Running' },
  { name: 'exit 1 with restartPolicy Never fails', containers: [busybox('c', ['sh', '-c', 'exit 1'])], options: { restartPolicy: 'Never' }, after: 1000, status: 'Error', phase: 'Failed', restarts: 0 },
  { name: 'a finished job with restartPolicy Never succeeds', containers: [busybox('c', ['sh', '-c', 'echo done'])], options: { restartPolicy: 'Never' }, after: 1000, status: 'Completed', phase: 'Succeeded' },
  { name: 'a successful run with OnFailure is not restarted', containers: [busybox('c', ['echo', 'hi'])], options: { restartPolicy: 'OnFailure' }, after: 60_000, status: 'Completed', phase: 'Succeeded', restarts: 0 },
  { name: 'a failing run with OnFailure is restarted', containers: [busybox('c', ['false'])], options: { restartPolicy: 'OnFailure' }, after: 5000, status: 'CrashLoopBackOff', restarts: 1 },
  { name: 'sleep runs until it is done', containers: [busybox('c', ['sleep', '3600'])], after: 3_599_000, status: 'Running' },
  { name: 'sleep then exits 0 and is restarted under Always', containers: [busybox('c', ['sleep', '10'])], after: 10_500, status: 'Running', restarts: 1 },
  { name: 'an endless shell loop keeps running', containers: [busybox('c', ['sh', '-c', 'while true; do echo hi; sleep 5; done'])], after: 600_000, status: 'Running', restarts: 0 },
  { name: 'busybox without a command completes at once, then crash-loops', containers: [{ name: 'b', image: 'busybox' }], after: 5000, status: 'CrashLoopBackOff', restarts: 1 },
  { name: 'hello-world prints and exits 0', containers: [{ name: 'h', image: 'hello-world' }], options: { restartPolicy: 'Never' }, after: 1000, status: 'Completed', phase: 'Succeeded' },
  { name: 'a missing tag of a known image cannot be pulled', containers: [nginx('nginx', 'nginx:1.999.0')], after: 0, status: 'ImagePullBackOff', phase: 'Pending' },
  { name: 'a realistic failed pull shows ErrImagePull first', containers: [nginx('nginx', 'nginx:1.999.0')], profile: 'realistic', after: 1500, status: 'ErrImagePull', phase: 'Pending' },
  { name: 'a failed pull backs off', containers: [nginx('nginx', 'nginx:doesnotexist')], after: 1, status: 'ImagePullBackOff', phase: 'Pending' },
  { name: 'a typo in an official image name is denied', containers: [{ name: 'x', image: 'ngnix' }], after: 1, status: 'ImagePullBackOff' },
  { name: 'an unknown image of another registry runs', containers: [{ name: 'app', image: 'ghcr.io/acme/api:v2', ports: [{ containerPort: 8080 }] }], after: 0, status: 'Running' },
  { name: 'two nginx containers in one pod: the second cannot bind port 80', containers: [nginx('a', 'nginx:1.27'), nginx('b', 'nginx:1.27')], after: 30_000, status: 'CrashLoopBackOff', ready: '1/2' },
  { name: 'nginx beside redis shares the namespace without conflict', containers: [nginx('web'), { name: 'cache', image: 'redis:7.4' }], after: 1000, status: 'Running', ready: '2/2' },
  { name: 'init containers run first', containers: [nginx()], options: { initContainers: [busybox('wait', ['sh', '-c', 'sleep 30'])] }, after: 10_000, status: 'Init:0/1', phase: 'Pending' },
  { name: 'the app starts once init containers are done', containers: [nginx()], options: { initContainers: [busybox('wait', ['sh', '-c', 'sleep 30'])] }, after: 31_000, status: 'Running' },
  { name: 'a failing init container crash-loops', containers: [nginx()], options: { initContainers: [busybox('check', ['sh', '-c', 'exit 2'])] }, after: 5000, status: 'Init:CrashLoopBackOff' },
  { name: 'a failing init container with Never fails the pod', containers: [nginx()], options: { restartPolicy: 'Never', initContainers: [busybox('check', ['sh', '-c', 'exit 2'])] }, after: 5000, status: 'Init:Error', phase: 'Failed' },
  { name: 'postgres without a password crash-loops', containers: [{ name: 'db', image: 'postgres:16' }], after: 5000, status: 'CrashLoopBackOff' },
  { name: 'postgres with a password runs', containers: [{ name: 'db', image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] }], after: 5000, status: 'Running' },
  { name: 'bash is not in busybox', containers: [busybox('c', ['bash', '-c', 'echo hi'])], options: { restartPolicy: 'Never' }, after: 1000, status: 'StartError', phase: 'Failed' },
  { name: 'an env var from a missing ConfigMap cannot be created', containers: [{ name: 'c', image: 'nginx', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }], after: 1000, status: 'CreateContainerConfigError' },
  { name: 'an env var from an existing ConfigMap is fine', containers: [{ name: 'c', image: 'nginx', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }], after: 1000, status: 'Running', setup: (t) => t.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { k: 'v' } }) },
  { name: 'pull policy Never without the image', containers: [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'Never' }], after: 1000, status: 'ErrImageNeverPull' },
  { name: 'a readiness probe on a port nobody listens on keeps the pod unready', containers: [nginx('web', 'nginx', { readinessProbe: { httpGet: { path: '/', port: 8080 } } })], after: 60_000, status: 'Running', ready: '0/1' },
  { name: 'a readiness probe on the right port makes the pod ready', containers: [nginx('web', 'nginx', { readinessProbe: { httpGet: { path: '/', port: 80 } } })], after: 1000, status: 'Running', ready: '1/1' },
  { name: 'activeDeadlineSeconds fails a long pod', containers: [busybox('c', ['sleep', '3600'])], options: { restartPolicy: 'Never', activeDeadlineSeconds: 60 }, after: 61_000, status: 'Error', phase: 'Failed' },
];

describe('Kubelet stage table', () => {
  it.each(cases)('$name', (c) => {
    const t = cluster({ profile: c.profile ?? 'fast' });
    c.setup?.(t);
    t.create(pod('p', c.containers, c.options));
    t.settle();
    t.advance(c.after);
    const d = display(t, 'p');
    expect(d.status).toBe(c.status);
    if (c.ready) expect(d.ready).toBe(c.ready);
    if (c.phase) expect(get(t, 'p').status?.phase).toBe(c.phase);
    if (c.restarts !== undefined) expect(Number(d.restarts.split(' ')[0])).toBe(c.restarts);
  });
});
