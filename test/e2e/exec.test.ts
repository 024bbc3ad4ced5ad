// `kubectl exec` with the stock kubectl against `wrangler dev`: the WebSocket it opens (v5.channel.k8s.io), what the
// command prints, exit codes, -c, the view link's refusal, failures worded as on a real cluster, stdin piped into a
// shell, and a terminal session driven through a pseudo-terminal (`script`) with keystrokes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, sandbox, type Sandbox } from './helpers/kubectl.ts';

let s: Sandbox;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: two
  annotations:
    kubectl.kubernetes.io/default-container: app
spec:
  containers:
  - name: app
    image: nginx:1.27.3
    env:
    - name: GREETING
      value: hello
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
`;

beforeAll(async () => {
  s = await sandbox(inject('baseUrl'), { profile: 'fast' });
  await s.k(['apply', '-f', '-'], POD);
  await s.k(['run', 'box', '--image=busybox:1.36', '--', 'sleep', '3600']);
  await s.k(['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1']);
  await eventually(async () => (await s.k(['get', 'pods', 'two', 'box', '-o', 'jsonpath={.items[*].status.phase}'])) === 'Running Running', 20_000, 'pods running');
});

/** Runs kubectl under a pseudo-terminal, typing `keys` one chunk at a time, and returns the screen and the exit code. */
function terminal(args: string[], keys: string[]): Promise<{ screen: string; code: number }> {
  const cmd = ['kubectl', '--kubeconfig', s.kubeconfigPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KUBECTL_COMMAND_HEADERS: 'false', TERM: 'xterm' } });
    let screen = '';
    child.stdout.on('data', (d) => (screen += d));
    child.stderr.on('data', (d) => (screen += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`terminal session did not end; screen so far:\n${screen}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ screen, code: code ?? -1 });
    });
    // Each chunk is typed once the screen has settled (the prompt, or what the previous keys printed).
    void (async () => {
      await eventually(async () => /[#$] $/.test(screen), 15_000, 'the first prompt');
      for (const k of keys) {
        child.stdin.write(k);
        let last = -1;
        await eventually(async () => {
          const settled = screen.length === last;
          last = screen.length;
          await new Promise((r) => setTimeout(r, 150));
          return settled || child.exitCode !== null;
        }, 15_000, `the screen after ${JSON.stringify(k)}`);
      }
    })().catch(reject);
  });
}

describe('kubectl exec', () => {
  it('runs env in the container: HOSTNAME and the Kubernetes service variables', async () => {
    const out = await s.k(['exec', 'box', '--', 'env']);
    expect(out).toContain('HOSTNAME=box\n');
    expect(out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(out).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n');
  });

  it('passes the exit code on, as kubectl shows it', async () => {
    const r = await s.kubectl(['exec', 'box', '--', 'sh', '-c', 'echo $HOSTNAME; echo oops >&2; exit 3']);
    expect(r).toEqual({ code: 3, stdout: 'box\n', stderr: 'oops\ncommand terminated with exit code 3\n' });
  });

  it('picks the container with -c, and the annotated default without it', async () => {
    expect(await s.k(['exec', 'two', '-c', 'sidecar', '--', 'cat', '/etc/hostname'])).toBe('two\n');
    const r = await s.kubectl(['exec', 'two', '--', 'printenv', 'GREETING']);
    expect(r).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
    expect((await s.kubectl(['exec', 'two', '-c', 'sidecar', '--', 'printenv', 'GREETING'])).code).toBe(1);
    const bad = await s.kubectl(['exec', 'two', '-c', 'nope', '--', 'ls']);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod two\n' });
  });

  it('is refused to the view kubeconfig', async () => {
    const r = await s.kubectl(['exec', 'box', '--', 'ls'], { view: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): pods "box" is forbidden: User "sandbox-viewer" cannot create resource "pods/exec" in API group "" in the namespace "default": this is a view-only link\n',
    );
  });

  it('fails like a real cluster for a container that does not run and an image without a shell', async () => {
    const crash = await s.kubectl(['exec', 'crash', '--', 'ls']);
    expect(crash).toEqual({ code: 1, stdout: '', stderr: 'error: Internal error occurred: unable to upgrade connection: container not found ("crash")\n' });
    const dns = await s.kubectl(['-n', 'kube-system', 'exec', 'deploy/coredns', '--', 'sh']);
    expect(dns.code).toBe(1);
    expect(dns.stderr).toMatch(
      /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it('reads a shell from piped stdin (-i, no terminal) until exit', async () => {
    const r = await s.kubectl(['exec', '-i', 'box', '--', 'sh'], { stdin: 'echo hello\nX=41\necho $((X+1)) > /tmp/answer\ncat /tmp/answer\nexit\necho never\n' });
    expect(r).toEqual({ code: 0, stdout: 'hello\n42\n', stderr: '' });
    // What that exec wrote is still there for the next one.
    expect(await s.k(['exec', 'box', '--', 'cat', '/tmp/answer'])).toBe('42\n');
  });

  it('says how to get a terminal when stdin is no terminal', async () => {
    const r = await s.kubectl(['exec', '-it', 'box', '--', 'sh'], { stdin: 'echo hi\n' });
    expect(r).toEqual({ code: 0, stdout: 'hi\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
  });

  it.skipIf(!existsSync('/usr/bin/script'))('gives a terminal session: prompt, echo, backspace, Ctrl-C, and the exit code', async () => {
    const { screen, code } = await terminal(['exec', '-it', 'box', '--', 'sh'], ['echo hi $HOSTNAMX', '\x7fE\r', 'sleep infinity\r', '\x03', 'exit 5\r']);
    expect(screen).toContain('/ # echo hi $HOSTNAMX\b \bE\r\nhi box\r\n/ # ');
    expect(screen).toContain('sleep infinity\r\n^C\r\n/ # exit 5\r\n');
    expect(screen).toContain('command terminated with exit code 5');
    expect(code).toBe(5);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('ends a bash session on Ctrl-D, as bash says', async () => {
    const { screen, code } = await terminal(['exec', '-it', 'two', '--', 'bash'], ['cd /usr/share/nginx/html\r', 'ls\r', '\x04']);
    expect(screen).toContain('root@two:/# cd /usr/share/nginx/html\r\nroot@two:/usr/share/nginx/html# ls\r\n50x.html  index.html\r\n');
    expect(screen).toContain('root@two:/usr/share/nginx/html# exit\r\n');
    expect(code).toBe(0);
  });
});
