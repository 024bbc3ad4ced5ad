// pods/exec through the Worker: a WebSocket client speaking v5.channel.k8s.io as kubectl does (channel byte, then
// data; 255 <channel> closes a stream; the error channel's Status, then a normal close), and the refusals before it.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { kube, newSession, type Kube } from '../helpers/sandbox.ts';

async function runningPod(k: Kube, name: string, containers: Array<Record<string, unknown>>): Promise<void> {
  const res = await k('/api/v1/namespaces/default/pods', { method: 'POST', json: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers } } });
  expect(res.status).toBe(201);
  const stub = env.CLUSTER.get(env.CLUSTER.idFromName(k.session.id));
  for (let i = 0; i < 50; i++) {
    const pod = (await (await k(`/api/v1/namespaces/default/pods/${name}`)).json()) as any;
    if (pod.status?.containerStatuses?.every((c: any) => c.state?.running)) return;
    await runDurableObjectAlarm(stub);
  }
  throw new Error(`pod ${name} did not start`);
}

function execPath(pod: string, command: string[], o: Record<string, string> = {}): string {
  const q = new URLSearchParams({ stdout: 'true', stderr: 'true', ...o });
  for (const c of command) q.append('command', c);
  return `/api/v1/namespaces/default/pods/${pod}/exec?${q}`;
}

interface Session {
  protocol: string | null;
  /** Data received per channel, decoded as text. */
  channels: Map<number, string>;
  /** Raw frames in order (channel, byte length). */
  frames: Array<[number, number]>;
  closed: Promise<number>;
  send(channel: number, text: string): void;
  closeStdin(): void;
}

async function open(k: Kube, path: string, protocol = 'v5.channel.k8s.io'): Promise<Session> {
  const res = await k(path, { headers: { upgrade: 'websocket', 'sec-websocket-protocol': protocol } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  ws.binaryType = 'arraybuffer';
  const channels = new Map<number, string>();
  const frames: Array<[number, number]> = [];
  const dec = new TextDecoder();
  ws.addEventListener('message', (e) => {
    const b = new Uint8Array(e.data as ArrayBuffer);
    frames.push([b[0]!, b.length - 1]);
    channels.set(b[0]!, (channels.get(b[0]!) ?? '') + dec.decode(b.subarray(1)));
  });
  const closed = new Promise<number>((r) => ws.addEventListener('close', (e) => void r(e.code)));
  const enc = new TextEncoder();
  return {
    protocol: res.headers.get('sec-websocket-protocol'),
    channels,
    frames,
    closed,
    send: (channel, text) => ws.send(new Uint8Array([channel, ...enc.encode(text)])),
    closeStdin: () => ws.send(new Uint8Array([255, 0])),
  };
}

const status = (s: Session) => JSON.parse(s.channels.get(3) ?? 'null');

describe('pods/exec over a WebSocket', () => {
  it('runs a command: stdout and stderr on their channels, the exit code in the Status, then a normal close', async () => {
    const k = kube(await newSession());
    await runningPod(k, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    const s = await open(k, execPath('box', ['sh', '-c', 'echo $HOSTNAME; echo oops >&2; exit 3']));
    expect(s.protocol).toBe('v5.channel.k8s.io');
    expect(await s.closed).toBe(1000);
    expect(s.frames[0]).toEqual([1, 0]); // the empty "streams are up" message
    expect(s.channels.get(1)).toBe('box\n');
    expect(s.channels.get(2)).toBe('oops\n');
    expect(status(s)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('feeds stdin to a shell until the v5 close signal, and answers Success', async () => {
    const k = kube(await newSession());
    await runningPod(k, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    const s = await open(k, execPath('box', ['sh'], { stdin: 'true' }));
    s.send(0, 'echo hel');
    s.send(0, 'lo\nX=4\necho $((X+1))\n');
    s.closeStdin();
    expect(await s.closed).toBe(1000);
    expect(s.channels.get(1)).toBe('hello\n5\n');
    expect(status(s)).toEqual({ metadata: {}, status: 'Success' });
  });

  it('drives a terminal: prompt, echo, and exit', async () => {
    const k = kube(await newSession());
    await runningPod(k, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    const s = await open(k, execPath('box', ['sh'], { stdin: 'true', tty: 'true', stderr: 'false' }));
    s.send(4, '{"Width":80,"Height":24}');
    s.send(0, 'echo hi\r');
    s.send(0, 'exit 2\r');
    expect(await s.closed).toBe(1000);
    expect(s.channels.get(1)).toBe('/ # echo hi\r\nhi\r\n/ # exit 2\r\n');
    expect(status(s).details.causes[0].message).toBe('2');
  });

  it('reports a container that does not run, and a missing shell, on the error channel', async () => {
    const k = kube(await newSession());
    await runningPod(k, 'dns', [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }]);
    const s = await open(k, execPath('dns', ['sh'], { stdin: 'true', tty: 'true' }));
    expect(await s.closed).toBe(1000);
    const st = status(s);
    expect(st).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(st.message).toMatch(/^Internal error occurred: Internal error occurred: error executing command in container: .*exec: "sh": executable file not found in \$PATH: unknown$/);
  });

  it('refuses before the upgrade: view links, unknown containers, and requests that are no WebSocket', async () => {
    const s = await newSession();
    const k = kube(s);
    await runningPod(k, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    const ws = { upgrade: 'websocket', 'sec-websocket-protocol': 'v5.channel.k8s.io' };
    const view = await kube(s, 'view')(execPath('box', ['ls']), { headers: ws });
    expect(view.status).toBe(403);
    expect(((await view.json()) as any).message).toBe(
      'pods "box" is forbidden: User "sandbox-viewer" cannot create resource "pods/exec" in API group "" in the namespace "default": this is a view-only link',
    );
    const bad = await k(execPath('box', ['ls'], { container: 'nope' }), { headers: ws });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).message).toBe('container nope is not valid for pod box');
    const plain = await k(execPath('box', ['ls']));
    expect(((await plain.json()) as any).message).toBe('Upgrade request required');
    const spdy = await k(execPath('box', ['ls']), { method: 'POST', headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' } });
    expect(spdy.status).toBe(400);
    expect(((await spdy.json()) as any).message).toContain('kube-sandbox streams exec over WebSocket (v5.channel.k8s.io) only');
  });

  it('speaks base64.channel.k8s.io to clients that ask for it', async () => {
    const k = kube(await newSession());
    await runningPod(k, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    const res = await k(execPath('box', ['echo', 'hi']), { headers: { upgrade: 'websocket', 'sec-websocket-protocol': 'base64.channel.k8s.io' } });
    expect(res.headers.get('sec-websocket-protocol')).toBe('base64.channel.k8s.io');
    const ws = res.webSocket!;
    ws.accept();
    const got: string[] = [];
    ws.addEventListener('message', (e) => void got.push(e.data as string));
    await new Promise((r) => ws.addEventListener('close', r));
    expect(got).toEqual(['1', `1${btoa('hi\n')}`]);
  });
});
