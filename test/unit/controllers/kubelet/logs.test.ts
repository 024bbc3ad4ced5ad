// `kubectl logs` against simulated containers: what each program prints, the kubelet's options, and its errors.
import { describe, expect, it } from 'vitest';
import { podLogs } from '../../../../durable-objects/controllers/kubelet/logs.ts';
import type { LogOptions } from '../../../../durable-objects/apiserver/subresources/log.ts';
import type { Timers } from '../../../../durable-objects/apiserver/watch-http.ts';
import { ApiError } from '../../../../durable-objects/apiserver/errors.ts';
import type { TestCluster } from '../../../helpers/cluster.ts';
import { busybox, cluster, get, nginx, pod } from './fixtures.ts';

const defaults: LogOptions = { container: undefined, follow: false, previous: false, timestamps: false, tailLines: undefined, sinceSeconds: undefined, limitBytes: undefined };

/** Timers that fire when the test says the (fake) clock has reached them. */
class FakeTimers implements Timers {
  private pending: Array<{ at: number; fn: () => void; id: number }> = [];
  private n = 0;
  constructor(private readonly now: () => number) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.n;
    this.pending.push({ at: this.now() + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== h);
  }
  fireDue(): void {
    for (;;) {
      const due = this.pending.filter((p) => p.at <= this.now()).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.pending = this.pending.filter((p) => p !== due);
      due.fn();
    }
  }
  get size(): number {
    return this.pending.length;
  }
}

function logs(t: TestCluster, name: string, o: Partial<LogOptions> = {}, timers: Timers = new FakeTimers(() => t.clock.now())): Response {
  return podLogs(t.cluster.reconcile, get(t, name), { ...defaults, ...o }, timers);
}

async function text(t: TestCluster, name: string, o: Partial<LogOptions> = {}): Promise<string> {
  return logs(t, name, o).text();
}

function error(t: TestCluster, name: string, o: Partial<LogOptions> = {}): string {
  try {
    logs(t, name, o);
  } catch (e) {
    if (e instanceof ApiError) return `${e.reason}: ${e.message}`;
    throw e;
  }
  throw new Error('expected an error');
}

describe('Container logs', () => {
  it('prints the nginx entrypoint and notice lines (images since 1.19)', async () => {
    const t = cluster();
    t.create(pod('web', [nginx('nginx', 'nginx:1.27.3')]));
    t.advance(1000);
    const out = await text(t, 'web');
    expect(out.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(out).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(out).toMatch(/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: nginx\/1\.27\.3\n/);
    expect(out).toContain('[notice] 1#1: start worker processes\n');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('prints nothing for nginx:1.14.2, whose default log level hides its notices', async () => {
    const t = cluster();
    t.create(pod('web', [nginx()]));
    t.advance(1000);
    expect(await text(t, 'web')).toBe('');
  });

  it('prints what a busybox command echoes, with text/plain', async () => {
    const t = cluster();
    t.create(pod('hi', [busybox('c', ['sh', '-c', 'echo hello from $HOSTNAME; sleep 3600'])]));
    t.advance(1000);
    const res = logs(t, 'hi');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('hello from hi\n');
  });

  it.each([
    { name: 'tailLines keeps the last lines', o: { tailLines: 2 }, want: (l: string[]) => l.slice(-2) },
    { name: 'sinceSeconds keeps the recent lines', o: { sinceSeconds: 3 }, want: (l: string[]) => l.slice(-3) },
    { name: 'tailLines=0 prints nothing', o: { tailLines: 0 }, want: () => [] },
  ])('$name', async ({ o, want }) => {
    const t = cluster();
    t.create(pod('count', [busybox('c', ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'])]));
    t.settle();
    t.advance(9_500);
    const all = (await text(t, 'count')).split('\n').filter(Boolean);
    expect(all).toHaveLength(10);
    expect(all[0]).toBe('0: Thu Jan  1 00:00:00 UTC 2026');
    expect(all[9]).toMatch(/^9: Thu Jan  1 00:00:09 UTC 2026$/);
    const got = (await text(t, 'count', o)).split('\n').filter(Boolean);
    expect(got).toEqual(want(all));
  });

  it('prefixes RFC3339Nano timestamps and honours limitBytes', async () => {
    const t = cluster();
    t.create(pod('count', [busybox('c', ['sh', '-c', 'while true; do echo tick; sleep 1; done'])]));
    t.advance(3_500);
    const lines = (await text(t, 'count', { timestamps: true })).split('\n').filter(Boolean);
    for (const l of lines) expect(l).toMatch(/^2026-01-01T00:00:0\d(\.\d{1,9})?Z tick$/);
    expect(await text(t, 'count', { limitBytes: 7 })).toBe('tick\nti');
  });

  it('shows the failing run of a crash loop with previous=true', async () => {
    const t = cluster();
    t.create(pod('crash', [busybox('c', ['sh', '-c', 'echo starting; echo fatal: no config >&2; exit 1'])]));
    t.advance(15_000);
    expect(await text(t, 'crash', { previous: true })).toBe('starting\nfatal: no config\n');
    expect(await text(t, 'crash')).toBe('starting\nfatal: no config\n');
  });

  it('shows the bind error of the second nginx sharing port 80', async () => {
    const t = cluster();
    t.create(pod('two', [nginx('a', 'nginx:1.27'), nginx('b', 'nginx:1.27')]));
    t.advance(5_000);
    const out = await text(t, 'two', { container: 'b', previous: true });
    expect(out).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
    expect(out).toContain('nginx: [emerg] still could not bind()\n');
  });

  it.each([
    { name: 'several containers need a name', spec: [nginx('a'), nginx('b')], o: {}, want: 'BadRequest: a container name must be specified for pod p, choose one of: [a b]' },
    { name: 'several containers and an init container', spec: [nginx('a'), nginx('b')], init: [busybox('setup', ['true'])], o: {}, want: 'BadRequest: a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [setup]' },
    { name: 'an unknown container', spec: [nginx('a')], o: { container: 'x' }, want: 'BadRequest: container x is not valid for pod p' },
    { name: 'no previous run', spec: [nginx('a')], o: { previous: true }, want: 'BadRequest: previous terminated container "a" in pod "p" not found' },
  ])('refuses: $name', ({ spec, o, want, init }) => {
    const t = cluster();
    t.create(pod('p', spec, { initContainers: init }));
    t.settle();
    expect(error(t, 'p', o)).toBe(want);
  });

  it.each([
    { name: 'a container still being created', image: 'nginx:1.14.2', profile: 'realistic' as const, want: 'BadRequest: container "c" in pod "p" is waiting to start: ContainerCreating' },
    { name: 'an image that cannot be pulled', image: 'nginx:nope', profile: 'fast' as const, want: 'BadRequest: container "c" in pod "p" is waiting to start: trying and failing to pull image' },
  ])('refuses logs of $name, as the kubelet does', ({ image, profile, want }) => {
    const t = cluster({ profile });
    t.create(pod('p', [{ name: 'c', image }]));
    t.settle();
    expect(error(t, 'p')).toBe(want);
  });

  it('follows a running container: new lines arrive as time passes, and the stream ends when it stops', async () => {
    const t = cluster();
    t.create(pod('loop', [busybox('c', ['sh', '-c', 'for i in 1 2 3 4 5; do echo "line $i"; sleep 2; done'])], { restartPolicy: 'Never' }));
    t.settle();
    t.advance(1_000);
    const timers = new FakeTimers(() => t.clock.now());
    const res = logs(t, 'loop', { follow: true }, timers);
    expect(res.headers.get('cache-control')).toContain('no-transform');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let got = '';
    let done = false;
    const pump = (async () => {
      for (;;) {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return;
        }
        got += r.value;
      }
    })();
    const flush = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    await flush();
    expect(got).toBe('line 1\n');
    t.advance(2_000);
    timers.fireDue();
    await flush();
    expect(got).toBe('line 1\nline 2\n');
    t.advance(4_000);
    timers.fireDue();
    await flush();
    expect(got).toBe('line 1\nline 2\nline 3\nline 4\n');
    expect(done).toBe(false);
    t.advance(4_000);
    timers.fireDue();
    await pump;
    expect(got).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    expect(done).toBe(true);
    expect(timers.size).toBe(0);
  });
});
