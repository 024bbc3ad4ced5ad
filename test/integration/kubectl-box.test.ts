// The command box through the Worker: POST /api/sessions/{id}/kubectl answers {exitCode, stdout, stderr} for the
// session's person and rights.
import { describe, expect, it } from 'vitest';
import { newSession, worker, type SessionInfo } from '../helpers/sandbox.ts';

async function kubectl(s: SessionInfo, command: string, o: { stdin?: string; view?: boolean } = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const res = await worker(`/api/sessions/${s.id}/kubectl`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.view ? s.viewToken : s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ command, stdin: o.stdin }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { exitCode: number; stdout: string; stderr: string };
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n';

describe('The kubectl command box endpoint', () => {
  it('runs kubectl lines against the session cluster', async () => {
    const s = await newSession();
    const nodes = await kubectl(s, 'kubectl get nodes');
    expect(nodes.exitCode).toBe(0);
    expect(nodes.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(await kubectl(s, 'kubectl apply -f -', { stdin: CONFIGMAP })).toEqual({ exitCode: 0, stdout: 'configmap/settings created\n', stderr: '' });
    expect(await kubectl(s, "get cm settings -o jsonpath='{.data.color}'")).toEqual({ exitCode: 0, stdout: 'blue', stderr: '' });
    expect(await kubectl(s, 'kubectl get pod nope')).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it('answers writes from a view-only link with Forbidden and still lets it read', async () => {
    const s = await newSession();
    const r = await kubectl(s, 'kubectl create -f -', { stdin: CONFIGMAP, view: true });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error from server \(Forbidden\): error when creating "STDIN": configmaps is forbidden: User "[^"]+" cannot create resource "configmaps"/);
    expect((await kubectl(s, 'kubectl get cm settings', { view: true })).stderr).toBe('Error from server (NotFound): configmaps "settings" not found\n');
    expect((await kubectl(s, 'kubectl get ns', { view: true })).exitCode).toBe(0);
  });

  it('refuses a body without a command', async () => {
    const s = await newSession();
    const res = await worker(`/api/sessions/${s.id}/kubectl`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });
});
