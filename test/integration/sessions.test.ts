import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kube, newSession, worker } from '../helpers/sandbox.ts';
import { NGINX_DEPLOYMENT } from '../../web/src/lib/examples.ts';

describe('Sessions', () => {
  it('creates a cluster with share links, tokens and kubeconfigs in one request', async () => {
    const s = await newSession({ workers: 2, controlPlanes: 1, profile: 'fast' });
    expect(s.id).toMatch(/^[a-z2-7]{26}$/);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.viewToken).not.toBe(s.token);
    expect(s.editUrl).toContain(`/s/${s.id}#${s.token}`);
    expect(s.viewUrl).toContain(`/s/${s.id}#${s.viewToken}`);
    expect(s.apiServer).toBe(`http://sandbox.test/clusters/${s.id}`);
    const kc = parse(s.kubeconfig) as { clusters: Array<{ cluster: { server: string } }>; users: Array<{ user: { token: string } }> };
    expect(kc.clusters[0]!.cluster.server).toBe(`http://sandbox.test/clusters/${s.id}/t/${s.token}`);
    expect(kc.users[0]!.user.token).toBe(s.token);
    expect((parse(s.viewKubeconfig) as typeof kc).clusters[0]!.cluster.server).toContain(s.viewToken);
    expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
    const nodes = (await (await kube(s)('/api/v1/nodes')).json()) as { items: Array<{ metadata: { name: string } }> };
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(['control-plane-1', 'worker-1', 'worker-2']);
  });

  it('serves the Kubernetes API under the token path that kubeconfigs use', async () => {
    const s = await newSession();
    const res = await worker(`/clusters/${s.id}/t/${s.token}/api/v1/namespaces`);
    expect(res.status).toBe(200);
    const names = ((await res.json()) as { items: Array<{ metadata: { name: string } }> }).items.map((n) => n.metadata.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('refuses invalid options with 422 and creates nothing', async () => {
    const res = await worker('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"workers": -1, "profile": "slow"}' });
    expect(res.status).toBe(422);
    const st = (await res.json()) as { kind: string; reason: string; details: { causes: Array<{ field: string }> } };
    expect(st.kind).toBe('Status');
    expect(st.reason).toBe('Invalid');
    expect(st.details.causes.map((c) => c.field).sort()).toEqual(['profile', 'workers']);
  });

  it('lets the view token read and refuses every write with 403 Forbidden', async () => {
    const s = await newSession();
    const view = kube(s, 'view');
    expect((await view('/api/v1/namespaces/default/pods')).status).toBe(200);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } };
    const writes: Array<[string, RequestInit & { json?: unknown; contentType?: string }]> = [
      ['/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm }],
      ['/api/v1/namespaces/default/configmaps/x', { method: 'PUT', json: cm }],
      ['/api/v1/namespaces/default/configmaps/x', { method: 'PATCH', json: { data: { a: 'c' } }, contentType: 'application/merge-patch+json' }],
      ['/api/v1/namespaces/default/configmaps/x', { method: 'DELETE' }],
      ['/api/v1/namespaces/default/configmaps', { method: 'DELETE' }],
      ['/api/v1/nodes/worker-1', { method: 'DELETE' }],
    ];
    for (const [path, init] of writes) {
      const res = await view(path, init);
      expect(res.status, `${init.method} ${path}`).toBe(403);
      expect(((await res.json()) as { reason: string }).reason).toBe('Forbidden');
    }
    const applied = await worker(`/api/sessions/${s.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${s.viewToken}` }, body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n' });
    expect(applied.status).toBe(403);
    expect((await kube(s)('/api/v1/namespaces/default/configmaps')).status).toBe(200);
    const list = (await (await kube(s)('/api/v1/namespaces/default/configmaps')).json()) as { items: Array<{ metadata: { name: string } }> };
    expect(list.items.map((i) => i.metadata.name)).toEqual(['kube-root-ca.crt']);
  });

  it('never lets one session’s credentials reach another cluster', async () => {
    const a = await newSession();
    const b = await newSession();
    const cross = await worker(`/clusters/${b.id}/api/v1/pods`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(cross.status).toBe(401);
    expect((await worker(`/clusters/${b.id}/t/${a.token}/api/v1/pods`)).status).toBe(401);
    expect((await worker(`/clusters/${b.id}/api/v1/pods`)).status).toBe(401);
    expect((await worker(`/api/sessions/${b.id}/kubeconfig`, { headers: { authorization: `Bearer ${a.viewToken}` } })).status).toBe(401);
  });

  it('answers 404 for clusters that do not exist, without creating them', async () => {
    expect((await worker('/clusters/aaaaaaaaaaaaaaaaaaaaaaaaaa/api/v1/pods', { headers: { authorization: 'Bearer x' } })).status).toBe(404);
    expect((await worker('/clusters/not-an-id/api/v1/pods')).status).toBe(404);
  });

  it('returns a kubeconfig for the caller’s own rights', async () => {
    const s = await newSession();
    const res = await worker(`/api/sessions/${s.id}/kubeconfig`, { headers: { authorization: `Bearer ${s.viewToken}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`/t/${s.viewToken}`);
    const info = (await (await worker(`/api/sessions/${s.id}`, { headers: { authorization: `Bearer ${s.viewToken}` } })).json()) as { rights: string };
    expect(info.rights).toBe('view');
  });

  it('changes the simulation profile later, for edit links only', async () => {
    const s = await newSession({ profile: 'realistic' });
    const patch = (token: string, body: unknown) =>
      worker(`/api/sessions/${s.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await patch(s.viewToken, { profile: 'fast' })).status).toBe(403);
    expect((await patch(s.token, { profile: 'slow' })).status).toBe(400);
    const r = await patch(s.token, { profile: 'fast' });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { options: { profile: string } }).options.profile).toBe('fast');
    const info = (await (await worker(`/api/sessions/${s.id}`, { headers: { authorization: `Bearer ${s.token}` } })).json()) as { options: { profile: string }; viewUrl: string };
    expect(info.options.profile).toBe('fast');
    expect(info.viewUrl).toBe(s.viewUrl);
  });

  it('deletes its storage from its own alarm once the session has expired', async () => {
    const s = await newSession({ profile: 'fast', ttlSeconds: 60 });
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName(s.id));
    expect((await kube(s)('/api/v1/namespaces')).status).toBe(200);
    await runInDurableObject(stub, (_o, state) => {
      const row = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'session'").one();
      const rec = JSON.parse(row.v) as { expiresAt: number };
      rec.expiresAt = Date.now() - 1;
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'session'", JSON.stringify(rec));
    });
    // A fresh instance reads the expired record, as after a restart.
    await runInDurableObject(stub, (o) => (o as unknown as { open(): void }).open());
    await runDurableObjectAlarm(stub);
    expect((await kube(s)('/api/v1/namespaces')).status).toBe(404);
    const tables = await runInDurableObject(stub, (_o, state) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('log', 'meta')").toArray());
    expect(tables).toEqual([]);
  });
});

describe('Apply endpoint', () => {
  const deployment = NGINX_DEPLOYMENT;

  async function apply(s: { id: string; token: string }, body: string, contentType = 'application/yaml') {
    const res = await worker(`/api/sessions/${s.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': contentType }, body });
    return { status: res.status, body: (await res.json()) as { results?: Array<{ action: string; message: string }>; message?: string; reason?: string } };
  }

  it('creates, then reports unchanged, then configured, like kubectl apply', async () => {
    const s = await newSession();
    const svc = `---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: nginx}, ports: [{port: 80}]}\n`;
    const first = await apply(s, deployment + svc);
    expect(first.status).toBe(200);
    expect(first.body.results!.map((r) => r.message)).toEqual(['deployment.apps/nginx-deployment created', 'service/web created']);
    const again = await apply(s, deployment + svc);
    expect(again.body.results!.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    const changed = await apply(s, deployment.replace('replicas: 3', 'replicas: 5') + svc);
    expect(changed.body.results!.map((r) => r.action)).toEqual(['configured', 'unchanged']);
    const d = (await (await kube(s)('/apis/apps/v1/namespaces/default/deployments/nginx-deployment')).json()) as { spec: { replicas: number }; metadata: { annotations: Record<string, string> } };
    expect(d.spec.replicas).toBe(5);
    expect(JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']!).spec.replicas).toBe(5);
  });

  it('checks everything and stores nothing with ?dryRun=All', async () => {
    const s = await newSession();
    const k = kube(s);
    const rv = ((await (await k('/api/v1/namespaces')).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const res = await worker(`/api/sessions/${s.id}/apply?dryRun=All`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/yaml' }, body: deployment });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: Array<{ message: string }> }).results.map((r) => r.message)).toEqual(['deployment.apps/nginx-deployment created (server dry run)']);
    expect((await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment')).status).toBe(404);
    expect(((await (await k('/api/v1/namespaces')).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion).toBe(rv);
    const bad = await worker(`/api/sessions/${s.id}/apply?dryRun=All`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/yaml' }, body: deployment.replace('replicas: 3', 'replicas: -1') });
    expect(bad.status).toBe(422);
  });

  it('answers a YAML syntax error with 400 naming the line and column, and stores nothing', async () => {
    const s = await newSession();
    const broken = `${deployment}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  key: [unclosed\n`;
    const r = await apply(s, broken);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/line \d+, column \d+/);
    const list = (await (await kube(s)('/apis/apps/v1/namespaces/default/deployments')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('applies nothing when any document is invalid', async () => {
    const s = await newSession();
    const bad = `${deployment}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n`;
    const r = await apply(s, bad);
    expect(r.status).toBe(422);
    const list = (await (await kube(s)('/apis/apps/v1/namespaces/default/deployments')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('creates a namespace and its contents in one request, whatever the order', async () => {
    const s = await newSession();
    const r = await apply(s, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n`);
    expect(r.status).toBe(200);
    expect(r.body.results!.map((x) => x.message).sort()).toEqual(['configmap/c created', 'namespace/team created']);
  });
});
