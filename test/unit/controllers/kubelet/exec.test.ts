// `kubectl exec` on the simulated kubelet: commands in a running container, its environment and files, exit codes,
// images without the program, containers that do not run, and interactive shells with and without a terminal.
import { describe, expect, it } from 'vitest';
import { execOnce, startExec, type ExecEnd, type ExecOptions } from '../../../../durable-objects/controllers/kubelet/exec.ts';
import type { TestCluster } from '../../../helpers/cluster.ts';
import { busybox, cluster, get, nginx, pod } from './fixtures.ts';

function run(t: TestCluster, name: string, command: string[], o: Partial<ExecOptions> = {}, stdin?: string) {
  const p = get(t, name);
  return execOnce(t.cluster.reconcile, p, { container: p.spec!.containers[0]!.name, command, stdin: stdin !== undefined, tty: false, ...o }, stdin);
}

/** A session driven by hand: what the client saw so far, and how it ended. */
function session(t: TestCluster, name: string, command: string[], o: Partial<ExecOptions> = {}) {
  const p = get(t, name);
  let out = '';
  let err = '';
  let end: ExecEnd | undefined;
  const proc = startExec(t.cluster.reconcile, p, { container: p.spec!.containers[0]!.name, command, stdin: true, tty: true, ...o }, {
    output: (text, e) => (e ? (err += text) : (out += text)),
    end: (e) => (end = e),
  });
  return {
    proc,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    get end() {
      return end;
    },
    /** What the screen shows since the last call. */
    take() {
      const o2 = out;
      out = '';
      return o2;
    },
  };
}

function running(t: TestCluster, ...pods: Array<ReturnType<typeof pod>>): void {
  for (const p of pods) t.create(p);
  t.advance(2_000);
}

describe('kubectl exec on the simulated kubelet', () => {
  it('runs env with the container environment: HOSTNAME, service variables, the spec env and downward API', () => {
    const t = cluster();
    running(
      t,
      pod('web', [
        nginx('nginx', 'nginx:1.27.3', {
          env: [
            { name: 'GREETING', value: 'hello' },
            { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          ],
        }),
      ]),
    );
    const r = run(t, 'web', ['env']);
    expect(r.end).toEqual({ code: 0 });
    const env = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(env.HOSTNAME).toBe('web');
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    expect(env.NGINX_VERSION).toBe('1.27.3');
    expect(env.GREETING).toBe('hello');
    expect(env.MY_NODE).toBe('worker-1');
    expect(env.TERM).toBeUndefined();
  });

  it('reads the files the kubelet writes and the mounted ConfigMap', () => {
    const t = cluster();
    t.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'port=8080\n', mode: 'dev' } } as never);
    const p = pod('app', [{ ...busybox('app', ['sleep', '3600']), volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }]);
    (p.spec as Record<string, unknown>).volumes = [{ name: 'cfg', configMap: { name: 'cfg' } }];
    running(t, p);
    expect(run(t, 'app', ['cat', '/etc/hostname']).stdout).toBe('app\n');
    expect(run(t, 'app', ['cat', '/etc/app/app.conf']).stdout).toBe('port=8080\n');
    expect(run(t, 'app', ['ls', '/etc/app']).stdout).toBe('app.conf\nmode\n');
    expect(run(t, 'app', ['cat', '/etc/resolv.conf']).stdout).toContain('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n');
    expect(run(t, 'app', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default');
    const missing = run(t, 'app', ['cat', '/nope']);
    expect(missing.stderr).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(missing.end).toEqual({ code: 1 });
  });

  it('answers nginx -v and nginx -t next to the running nginx, without fighting it for port 80', () => {
    const t = cluster();
    running(t, pod('web', [nginx('nginx', 'nginx:1.27.3')]));
    expect(run(t, 'web', ['nginx', '-v'])).toEqual({ stdout: '', stderr: 'nginx version: nginx/1.27.3\n', end: { code: 0 } });
    const test = run(t, 'web', ['nginx', '-t']);
    expect(test.stderr).toContain('nginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    expect(test.end).toEqual({ code: 0 });
  });

  it('propagates the exit code of sh -c, with stdout and stderr apart', () => {
    const t = cluster();
    running(t, pod('box', [busybox('box', ['sleep', '3600'])]));
    const r = run(t, 'box', ['sh', '-c', 'echo $HOSTNAME; echo oops >&2; exit 3']);
    expect(r).toEqual({ stdout: 'box\n', stderr: 'oops\n', end: { code: 3 } });
  });

  it('picks the named container of a pod with a sidecar', () => {
    const t = cluster();
    running(t, pod('two', [nginx('web', 'nginx:1.27.3'), busybox('sidecar', ['sh', '-c', 'sleep 3600'])]));
    expect(run(t, 'two', ['cat', '/etc/hostname'], { container: 'sidecar' }).stdout).toBe('two\n');
    expect(run(t, 'two', ['printenv', 'NGINX_VERSION'], { container: 'sidecar' }).end).toEqual({ code: 1 });
    expect(run(t, 'two', ['printenv', 'NGINX_VERSION'], { container: 'web' }).stdout).toBe('1.27.3\n');
  });

  it('fails like containerd when the image has no such program (distroless, coredns)', () => {
    const t = cluster();
    running(t, pod('dns', [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }]));
    const r = run(t, 'dns', ['sh']);
    expect(r.end).toHaveProperty('failure');
    const failure = (r.end as { failure: string }).failure;
    expect(failure).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": /);
    expect(failure.endsWith('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown')).toBe(true);
    expect((run(t, 'dns', ['/bin/sh']).end as { failure: string }).failure).toContain('exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown');
  });

  it('answers container not found for a container that does not run', () => {
    const t = cluster();
    running(t, pod('crash', [busybox('c', ['sh', '-c', 'exit 1'])]));
    t.advance(500);
    expect(run(t, 'crash', ['ls']).end).toEqual({ failure: 'unable to upgrade connection: container not found ("c")' });
  });

  it('keeps what one exec writes for the next, and sees the files the container made', () => {
    const t = cluster();
    running(t, pod('box', [busybox('box', ['sh', '-c', 'touch /tmp/healthy; sleep 3600'])]));
    expect(run(t, 'box', ['sh', '-c', 'test -f /tmp/healthy && echo yes']).stdout).toBe('yes\n');
    expect(run(t, 'box', ['sh', '-c', 'echo hi > /tmp/note; echo there >> /tmp/note']).end).toEqual({ code: 0 });
    expect(run(t, 'box', ['cat', '/tmp/note']).stdout).toBe('hi\nthere\n');
    run(t, 'box', ['rm', '/tmp/healthy']);
    expect(run(t, 'box', ['ls', '/tmp/healthy']).end).toEqual({ code: 1 });
  });

  it('reads commands from piped stdin without a terminal: no prompt, exit ends it', () => {
    const t = cluster();
    running(t, pod('box', [busybox('box', ['sleep', '3600'])]));
    expect(run(t, 'box', ['sh'], {}, 'echo hello\nexit\necho never\n')).toEqual({ stdout: 'hello\n', stderr: '', end: { code: 0 } });
    expect(run(t, 'box', ['sh'], {}, 'X=5\necho $((X * 2))\nfalse')).toEqual({ stdout: '10\n', stderr: '', end: { code: 1 } });
    expect(run(t, 'box', ['sh'], {}, 'for i in 1 2\ndo echo $i\ndone\n').stdout).toBe('1\n2\n');
    expect(run(t, 'box', ['cat'], {}, 'copied\n').stdout).toBe('copied\n');
    expect(run(t, 'box', ['sh'])).toEqual({ stdout: '', stderr: '', end: { code: 0 } });
  });

  it('shows a busybox prompt, echoes keys, edits the line and runs it on Enter', () => {
    const t = cluster();
    running(t, pod('box', [busybox('box', ['sleep', '3600'])]));
    const s = session(t, 'box', ['sh']);
    expect(s.take()).toBe('/ # ');
    s.proc.input('echo helo');
    expect(s.take()).toBe('echo helo');
    s.proc.input('\x7f\x7fllo\r');
    expect(s.take()).toBe('\b \b\b \bllo\r\nhello\r\n/ # ');
    s.proc.input('cd /tmp\r');
    expect(s.take()).toBe('cd /tmp\r\n/tmp # ');
    s.proc.input('ech hi\x1b[D\x1b[D\x1b[Do\r');
    expect(s.take()).toBe('ech hi\b\b\bo hi\b\b\b\r\nhi\r\n/tmp # ');
  });

  it('interrupts a line or a running program with Ctrl-C and ends on exit or Ctrl-D', () => {
    const t = cluster();
    running(t, pod('web', [nginx('nginx', 'nginx:1.27.3')]));
    const s = session(t, 'web', ['bash']);
    expect(s.take()).toBe('root@web:/# ');
    s.proc.input('half a line\x03');
    expect(s.take()).toBe('half a line^C\r\nroot@web:/# ');
    s.proc.input('sleep infinity\r');
    expect(s.take()).toBe('sleep infinity\r\n');
    s.proc.input('\x03');
    expect(s.take()).toBe('^C\r\nroot@web:/# ');
    s.proc.input('(exit 4)\r\x04');
    expect(s.take()).toBe('(exit 4)\r\nroot@web:/# exit\r\n');
    expect(s.end).toEqual({ code: 4 });
  });

  it('uses dash on Debian images (prompt #), sets TERM on a terminal, and passes exit codes', () => {
    const t = cluster();
    running(t, pod('web', [nginx('nginx', 'nginx:1.27.3')]));
    const s = session(t, 'web', ['sh']);
    expect(s.take()).toBe('# ');
    s.proc.input('echo $TERM\r');
    expect(s.take()).toBe('echo $TERM\r\nxterm\r\n# ');
    s.proc.input('exit 3\r');
    expect(s.end).toEqual({ code: 3 });
  });

  it('enters a nested shell and comes back out of it', () => {
    const t = cluster();
    running(t, pod('web', [nginx('nginx', 'nginx:1.27.3')]));
    const s = session(t, 'web', ['sh']);
    s.proc.input('bash\r');
    expect(s.take()).toBe('# bash\r\nroot@web:/# ');
    s.proc.input('nope\r');
    expect(s.take()).toBe('nope\r\nbash: nope: command not found\r\nroot@web:/# ');
    s.proc.input('exit\r');
    expect(s.take()).toBe('exit\r\nexit\r\n# ');
    expect(s.end).toBeUndefined();
  });

  it('goes through history with the arrow keys', () => {
    const t = cluster();
    running(t, pod('box', [busybox('box', ['sleep', '3600'])]));
    const s = session(t, 'box', ['sh']);
    s.proc.input('echo one\r');
    s.take();
    s.proc.input('\x1b[A');
    expect(s.take()).toBe('echo one');
    s.proc.input('\r');
    expect(s.take()).toBe('\r\none\r\n/ # ');
  });
});
