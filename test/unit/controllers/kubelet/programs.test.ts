// The simulated registry and processes: which pulls succeed, and how a container's command decides its fate.
import { describe, expect, it } from 'vitest';
import { parseImage, resolveImage, versionOf } from '../../../../durable-objects/controllers/kubelet/images.ts';
import { fateOf, runEvents, startProblem, type ContainerRun } from '../../../../durable-objects/controllers/kubelet/process.ts';

describe('Image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.14.2', 'docker.io/library/nginx:1.14.2'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('normalises %s to %s', (spec, name) => {
    expect(parseImage(spec).name).toBe(name);
  });

  it.each([
    { image: 'nginx:1.14.2', ok: true },
    { image: 'nginx:1.27-alpine', ok: true },
    { image: 'nginx:stable-alpine', ok: true },
    { image: 'nginx:1.999.0', ok: false, code: 'NotFound' },
    { image: 'nginx:doesnotexist', ok: false, code: 'NotFound' },
    { image: 'busybox:1.28', ok: true },
    { image: 'postgres:16.6', ok: true },
    { image: 'postgres:16.99', ok: false, code: 'NotFound' },
    { image: 'registry.k8s.io/kube-apiserver:v1.32.0', ok: true },
    { image: 'ngnix', ok: false, code: 'Unknown', message: /pull access denied, repository does not exist/ },
    { image: 'registry.example.com/team/app:1', ok: false, code: 'Unknown', message: /no such host/ },
    { image: 'ghcr.io/acme/api:v2', ok: true },
    { image: 'myorg/myapp:1.0', ok: true },
  ])('pulls $image: $ok', ({ image, ok, code, message }) => {
    const r = resolveImage(image);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.code).toBe(code);
      if (message) expect(r.message).toMatch(message);
    }
  });

  it('knows the version a tag stands for', () => {
    expect(versionOf('nginx:1.27')).toBe('1.27.5');
    expect(versionOf('nginx:1.14.2')).toBe('1.14.2');
    expect(versionOf('redis')).toBe('8.0.3');
  });
});

const run = (argv: string[], o: Partial<ContainerRun> = {}): ContainerRun => ({
  image: 'busybox:1.36',
  argv,
  env: { HOSTNAME: 'p' },
  hostname: 'p',
  podIP: '10.244.1.5',
  startMs: Date.parse('2026-01-01T00:00:00Z'),
  seed: 1,
  stdin: false,
  portsInUse: new Set(),
  declaredPorts: [],
  cpus: 2,
  ...o,
});

const output = (r: ContainerRun, max = 50) => {
  const out: string[] = [];
  for (const e of runEvents(r)) {
    if (e.kind === 'out') out.push(e.text);
    if (out.length >= max) break;
  }
  return out;
};

describe('Container processes', () => {
  it.each([
    { name: 'a shell that exits 1', r: run(['sh', '-c', 'echo hi; exit 1']), exit: 1, out: ['hi'] },
    { name: 'sleep 3600', r: run(['sleep', '3600']), exit: 0, after: 3_600_000 },
    { name: 'an endless echo loop', r: run(['sh', '-c', 'while true; do echo hi; sleep 5; done']), exit: undefined, out: ['hi', 'hi', 'hi'], max: 3 },
    { name: 'hello-world', r: run(['/hello'], { image: 'hello-world' }), exit: 0, contains: 'Hello from Docker!' },
    { name: 'nginx as a server', r: run(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { image: 'nginx:1.27' }), exit: undefined, ports: [80], term: true },
    { name: 'nginx with port 80 taken', r: run(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { image: 'nginx:1.27', portsInUse: new Set([80]) }), exit: 1, contains: 'nginx: [emerg] still could not bind()' },
    { name: 'redis with port 6379 taken', r: run(['docker-entrypoint.sh', 'redis-server'], { image: 'redis:7.4', portsInUse: new Set([6379]) }), exit: 1 },
    { name: 'a busybox shell without a script', r: run(['sh']), exit: 0 },
    { name: 'an interactive shell (stdin open)', r: run(['sh'], { stdin: true }), exit: undefined },
    { name: 'a for loop with && and ||', r: run(['sh', '-c', 'for i in 1 2; do echo "n=$i"; done; false && echo no || echo yes']), exit: 0, out: ['n=1', 'n=2', 'yes'] },
    { name: 'arithmetic and variables', r: run(['sh', '-c', 'i=2; echo $((i*21)) ${MISSING:-dflt}']), exit: 0, out: ['42 dflt'] },
    { name: 'an unknown command inside a script', r: run(['sh', '-c', 'frobnicate']), exit: 127, out: ['sh: frobnicate: not found'] },
    { name: 'python without a script', r: run(['python3'], { image: 'python:3.12' }), exit: 0 },
    { name: 'python http.server', r: run(['python3', '-m', 'http.server', '8000'], { image: 'python:3.12' }), exit: undefined, ports: [8000] },
  ])('$name', ({ r, exit, out, after, contains, ports, term, max }) => {
    const f = fateOf(r);
    expect(f.exit?.code).toBe(exit);
    if (after !== undefined) expect(f.exit?.afterMs).toBe(after);
    if (out) expect(output(r, max)).toEqual(out);
    if (contains) expect(output(r, 200).join('\n')).toContain(contains);
    if (ports) expect(f.ports).toEqual(ports);
    if (term !== undefined) expect(f.handlesTerm).toBe(term);
  });

  it.each([
    { name: 'bash in busybox', r: run(['bash', '-c', 'true']), problem: 'exec: "bash": executable file not found in $PATH' },
    { name: 'a shell in a distroless image', r: run(['sh', '-c', 'true'], { image: 'registry.k8s.io/coredns/coredns:v1.11.3' }), problem: 'exec: "sh": executable file not found in $PATH' },
    { name: 'a missing absolute path', r: run(['/app/server'], { image: 'alpine:3.20' }), problem: 'exec: "/app/server": stat /app/server: no such file or directory' },
    { name: 'anything in an unknown image', r: run(['/app/server'], { image: 'ghcr.io/acme/api:v2' }), problem: undefined },
  ])('refuses to start $name', ({ r, problem }) => {
    const p = startProblem(r);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(problem);
  });

  it('lets sleep as PID 1 ignore SIGTERM, but not a script that traps it', () => {
    expect(fateOf(run(['sleep', 'infinity'])).handlesTerm).toBe(false);
    expect(fateOf(run(['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'])).handlesTerm).toBe(true);
    expect(fateOf(run(['sh', '-c', 'echo start; nginx -g "daemon off;"'], { image: 'nginx:1.27' })).handlesTerm).toBe(false);
  });
});
