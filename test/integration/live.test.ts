import { describe, expect, it } from 'vitest';
import { kube, newSession, worker, type SessionInfo } from '../helpers/sandbox.ts';

interface Msg {
  t: string;
  [k: string]: any;
}

/** A WebSocket client of the live feed, collecting messages. */
async function connect(s: SessionInfo, token: string) {
  const res = await worker(`/api/sessions/${s.id}/live`, { headers: { upgrade: 'websocket', 'sec-websocket-protocol': `kube-sandbox, token.${token}` } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const messages: Msg[] = [];
  ws.addEventListener('message', (e) => messages.push(JSON.parse(e.data as string)));
  const waitFor = async (pred: (m: Msg) => boolean, what: string): Promise<Msg> => {
    for (let i = 0; i < 200; i++) {
      const m = messages.find(pred);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no message: ${what}; got ${messages.map((m) => m.t).join(',')}`);
  };
  return { ws, messages, waitFor, send: (m: object) => ws.send(JSON.stringify(m)) };
}

describe('Live feed (WebSocket)', () => {
  it('says hello, sends a snapshot, then pushes changes to edit and view pages alike', async () => {
    const s = await newSession();
    const edit = await connect(s, s.token);
    const view = await connect(s, s.viewToken);
    expect((await edit.waitFor((m) => m.t === 'hello', 'hello')).rights).toBe('edit');
    expect((await view.waitFor((m) => m.t === 'hello', 'hello')).rights).toBe('view');
    edit.send({ t: 'sync' });
    view.send({ t: 'sync' });
    const snap = await edit.waitFor((m) => m.t === 'snapshot' && m.last, 'snapshot');
    expect(snap.objects.filter((o: any) => o.r === 'nodes').map((o: any) => o.o.metadata.name)).toContain('worker-1');
    await view.waitFor((m) => m.t === 'snapshot', 'view snapshot');
    await kube(s)('/api/v1/namespaces/default/configmaps', { method: 'POST', json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } });
    await kube(s)('/api/v1/namespaces/default/services', { method: 'POST', json: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } } });
    for (const page of [edit, view]) {
      const ch = await page.waitFor((m) => m.t === 'changes' && m.changes.some((c: any) => c.r === 'services' && c.o.metadata.name === 'web'), 'service change');
      expect(ch.changes.find((c: any) => c.r === 'services').type).toBe('ADDED');
    }
    // ConfigMaps are not drawn, so they are not sent.
    expect(edit.messages.some((m) => m.t === 'changes' && m.changes.some((c: any) => c.o.metadata.name === 'x'))).toBe(false);
    const presence = await edit.waitFor((m) => m.t === 'presence' && m.people.length === 2, 'presence of two');
    expect(presence.people.map((p: any) => p.rights).sort()).toEqual(['edit', 'view']);
  });

  it('resumes from a resourceVersion after a drop, replaying only what was missed', async () => {
    const s = await newSession();
    const k = kube(s);
    const rv = ((await (await k('/api/v1/nodes')).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    await k('/api/v1/namespaces/default/services', { method: 'POST', json: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'missed' }, spec: { ports: [{ port: 80 }] } } });
    const page = await connect(s, s.token);
    page.send({ t: 'sync', rv });
    const replay = await page.waitFor((m) => m.t === 'changes', 'replay');
    expect(replay.changes.map((c: any) => `${c.type} ${c.r} ${c.o.metadata.name}`)).toContain('ADDED services missed');
    expect(page.messages.some((m) => m.t === 'snapshot')).toBe(false);
  });

  it('refuses a socket without a valid token', async () => {
    const s = await newSession();
    const res = await worker(`/api/sessions/${s.id}/live`, { headers: { upgrade: 'websocket', 'sec-websocket-protocol': 'kube-sandbox, token.nope' } });
    expect(res.status).toBe(401);
  });
});
