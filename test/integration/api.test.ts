import { describe, expect, it } from 'vitest';
import { kube, newSession, nginxDeployment, worker, type Kube } from '../helpers/sandbox.ts';

type Obj = { apiVersion: string; kind: string; metadata: Record<string, any>; [k: string]: any };

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function revision(k: Kube): Promise<string> {
  return (await body(await k('/api/v1/namespaces'))).metadata.resourceVersion;
}

const cm = (name: string, data: Record<string, string> = { a: '1' }): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('Discovery', () => {
  it('lists core resources with short names, verbs and categories', async () => {
    const k = kube(await newSession());
    const core = await body(await k('/api/v1'));
    const pods = core.resources.find((r: any) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(pods.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']));
    const names = core.resources.map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining(['namespaces', 'nodes', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events', 'pods/status', 'pods/log', 'pods/eviction', 'pods/binding']));
    const apps = await body(await k('/apis/apps/v1'));
    expect(apps.resources.find((r: any) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const groups = (await body(await k('/apis'))).groups.map((g: any) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'discovery.k8s.io', 'events.k8s.io', 'coordination.k8s.io']));
    expect((await body(await k('/version'))).gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  it('serves OpenAPI v3 with the fieldValidation parameter kubectl looks for', async () => {
    const k = kube(await newSession());
    const index = await body(await k('/openapi/v3'));
    const url: string = index.paths['apis/apps/v1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    const doc = await body(await k(url));
    const item = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(item.patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect(Object.keys(item.patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    const dep = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    expect(dep['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    // v2 exists for kubectl's fallback (unknown kinds), as protobuf only, and names no schemas
    const v2 = await k('/openapi/v2', { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('content-type')).toBe('application/octet-stream');
    expect(new TextDecoder().decode(await v2.arrayBuffer())).toContain('2.0');
    expect((await k('/openapi/v2')).status).toBe(406);
  });
});

describe('Objects', () => {
  it('sets uid, creationTimestamp, generation and the next resourceVersion on create', async () => {
    const k = kube(await newSession());
    const before = Number(await revision(k));
    const res = await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: nginxDeployment() });
    expect(res.status).toBe(201);
    const d = await body(res);
    expect(d.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(d.metadata.generation).toBe(1);
    expect(Number(d.metadata.resourceVersion)).toBe(before + 1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('answers 409 AlreadyExists and 409 Conflict on a stale resourceVersion', async () => {
    const k = kube(await newSession());
    const created = await body(await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('c') }));
    const dup = await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('c') });
    expect(dup.status).toBe(409);
    expect(await body(dup)).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "c" already exists' });
    const upd = await k('/api/v1/namespaces/default/configmaps/c', { method: 'PUT', json: { ...created, data: { a: '2' } } });
    expect(upd.status).toBe(200);
    const stale = await k('/api/v1/namespaces/default/configmaps/c', { method: 'PUT', json: { ...created, data: { a: '3' } } });
    expect(stale.status).toBe(409);
    expect((await body(stale)).message).toBe('Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again');
    expect((await body(await k('/api/v1/namespaces/default/configmaps/c'))).data).toEqual({ a: '2' });
  });

  it('bumps generation only when the spec changes', async () => {
    const k = kube(await newSession());
    await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: nginxDeployment() });
    const labelled = await body(await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment', { method: 'PATCH', json: { metadata: { labels: { x: 'y' } } }, contentType: 'application/merge-patch+json' }));
    expect(labelled.metadata.generation).toBe(1);
    const scaled = await body(await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment', { method: 'PATCH', json: { spec: { replicas: 4 } }, contentType: 'application/merge-patch+json' }));
    expect(scaled.metadata.generation).toBe(2);
  });

  it('rejects invalid objects with 422 Invalid naming each field, and stores nothing', async () => {
    const k = kube(await newSession());
    const before = await revision(k);
    const bad = nginxDeployment('Bad_Name');
    bad.spec.replicas = -1;
    bad.spec.template.metadata.labels = { app: 'other' };
    const res = await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: bad });
    expect(res.status).toBe(422);
    const st = await body(res);
    expect(st.reason).toBe('Invalid');
    expect(st.message).toMatch(/^Deployment\.apps "Bad_Name" is invalid: /);
    const fields = st.details.causes.map((c: any) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['metadata.name', 'spec.replicas', 'spec.template.metadata.labels']));
    expect(await revision(k)).toBe(before);
  });

  it('answers unknown fields with 400 under Strict, a warning under Warn, and drops them', async () => {
    const k = kube(await newSession());
    const withExtra = { ...cm('s'), spec: { foo: 1 } };
    const strict = await k('/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { method: 'POST', json: withExtra });
    expect(strict.status).toBe(400);
    expect((await body(strict)).message).toBe('strict decoding error: unknown field "spec"');
    const warn = await k('/api/v1/namespaces/default/configmaps?fieldValidation=Warn', { method: 'POST', json: withExtra });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"spec\\""');
    expect((await body(warn)).spec).toBeUndefined();
  });

  it('honours dryRun=All without storing anything', async () => {
    const k = kube(await newSession());
    const before = await revision(k);
    const res = await k('/api/v1/namespaces/default/configmaps?dryRun=All', { method: 'POST', json: cm('dry') });
    expect(res.status).toBe(201);
    expect((await body(res)).metadata.name).toBe('dry');
    expect((await k('/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
    expect(await revision(k)).toBe(before);
  });

  it('answers NotFound in kubectl’s words', async () => {
    const k = kube(await newSession());
    const res = await k('/apis/apps/v1/namespaces/default/deployments/nope');
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'deployments.apps "nope" not found' });
    expect((await k('/api/v1/namespaces/nowhere/configmaps', { method: 'POST', json: cm('x') })).status).toBe(404);
  });
});

describe('Bad input never changes state', () => {
  const cases: Array<[string, RequestInit & { json?: unknown; contentType?: string }, number]> = [
    ['broken JSON', { method: 'POST', body: '{"apiVersion": "v1", "kind": ', headers: { 'content-type': 'application/json' } }, 400],
    ['broken YAML', { method: 'POST', body: 'apiVersion: v1\nkind: [', headers: { 'content-type': 'application/yaml' } }, 400],
    ['a YAML alias bomb', { method: 'POST', body: bomb(), headers: { 'content-type': 'application/yaml' } }, 400],
    ['JSON nested 20,000 deep', { method: 'POST', body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"data":${'['.repeat(20000)}${']'.repeat(20000)}}`, headers: { 'content-type': 'application/json' } }, 400],
    ['a body over 3 MiB', { method: 'POST', body: JSON.stringify({ ...cm('big'), data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } }), headers: { 'content-type': 'application/json' } }, 413],
    ['a wrong content type', { method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
    ['a JSON array', { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } }, 400],
    ['a wrong kind', { method: 'POST', json: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' } } }, 400],
  ];
  for (const [what, init, code] of cases) {
    it(`answers ${what} with ${code}`, async () => {
      const k = kube(await newSession());
      const before = await revision(k);
      const res = await k('/api/v1/namespaces/default/configmaps', init);
      expect(res.status).toBe(code);
      expect((await body(res)).kind).toBe('Status');
      expect(await revision(k)).toBe(before);
    });
  }

  it('answers unknown resources and groups with 404', async () => {
    const k = kube(await newSession());
    expect((await k('/api/v1/namespaces/default/widgets')).status).toBe(404);
    expect((await k('/apis/example.com/v1/things')).status).toBe(404);
    expect((await k('/apis/example.com/v1')).status).toBe(404);
  });

  function bomb(): string {
    let y = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const n of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      y += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n${y.replace(/^/gm, '')}`;
  }
});

describe('Lists and selectors', () => {
  it('filters by label and field selectors and pages with limit/continue', async () => {
    const k = kube(await newSession());
    for (let i = 0; i < 5; i++) await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: { ...cm(`c${i}`), metadata: { name: `c${i}`, labels: { tier: i % 2 ? 'odd' : 'even' } } } });
    const odd = await body(await k('/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dodd'));
    expect(odd.items.map((i: Obj) => i.metadata.name)).toEqual(['c1', 'c3']);
    const notIn = await body(await k(`/api/v1/namespaces/default/configmaps?labelSelector=${encodeURIComponent('tier notin (odd),tier')}`));
    expect(notIn.items.map((i: Obj) => i.metadata.name)).toEqual(['c0', 'c2', 'c4']);
    const byName = await body(await k('/api/v1/configmaps?fieldSelector=metadata.name%3Dc2'));
    expect(byName.items.map((i: Obj) => i.metadata.name)).toEqual(['c2']);
    expect((await k('/api/v1/configmaps?fieldSelector=spec.nope%3D1')).status).toBe(400);
    const page1 = await body(await k('/api/v1/namespaces/default/configmaps?limit=2'));
    expect(page1.items.map((i: Obj) => i.metadata.name)).toEqual(['c0', 'c1']);
    // c2, c3, c4 and the namespace's kube-root-ca.crt
    expect(page1.metadata.remainingItemCount).toBe(4);
    const page2 = await body(await k(`/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(page1.metadata.continue)}`));
    expect(page2.items.map((i: Obj) => i.metadata.name)).toEqual(['c2', 'c3']);
  });

  it('renders server-side Tables with the columns kubectl shows', async () => {
    const k = kube(await newSession());
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const t = await body(await k('/api/v1/nodes', { headers: { accept } }));
    expect(t.kind).toBe('Table');
    expect(t.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(t.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']);
    expect(t.rows[0].cells.slice(0, 3)).toEqual(['control-plane-1', 'Ready', 'control-plane']);
    expect(t.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'control-plane-1' } });
    await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: nginxDeployment() });
    const d = await body(await k('/apis/apps/v1/namespaces/default/deployments', { headers: { accept } }));
    expect(d.columnDefinitions.map((c: any) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
  });
});

describe('Patches', () => {
  it('applies merge, JSON and strategic merge patches with the real merge keys', async () => {
    const k = kube(await newSession());
    const dep = nginxDeployment();
    dep.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] });
    await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: dep });
    const path = '/apis/apps/v1/namespaces/default/deployments/nginx-deployment';
    const smp = await body(await k(path, { method: 'PATCH', json: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } }, contentType: 'application/strategic-merge-patch+json' }));
    expect(smp.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.16.1', 'sidecar=busybox:1.36']);
    const merge = await body(await k(path, { method: 'PATCH', json: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x:1' }] } } } }, contentType: 'application/merge-patch+json' }));
    expect(merge.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['only']);
    const jp = await body(await k(path, { method: 'PATCH', json: [{ op: 'replace', path: '/spec/replicas', value: 7 }], contentType: 'application/json-patch+json' }));
    expect(jp.spec.replicas).toBe(7);
    const badOp = await k(path, { method: 'PATCH', json: [{ op: 'test', path: '/spec/replicas', value: 1 }], contentType: 'application/json-patch+json' });
    expect(badOp.status).toBe(422);
    // `kubectl patch -p notjson` sends the JSON string "notjson": refused as Go's decoder words it
    for (const [type, into] of [['application/strategic-merge-patch+json', 'map[string]interface {}'], ['application/json-patch+json', 'jsonpatch.Patch']] as const) {
      const str = await k(path, { method: 'PATCH', body: '"notjson"', headers: { 'content-type': type } });
      expect(str.status).toBe(400);
      expect((await body(str)).message).toBe(`json: cannot unmarshal string into Go value of type ${into}`);
    }
  });

  it('server-side applies with field managers, conflicts and force', async () => {
    const k = kube(await newSession());
    const path = '/apis/apps/v1/namespaces/default/deployments/nginx-deployment';
    const noManager = await k(path, { method: 'PATCH', json: nginxDeployment(), contentType: 'application/apply-patch+yaml' });
    expect(noManager.status).toBe(400);
    const created = await k(`${path}?fieldManager=alice`, { method: 'PATCH', json: nginxDeployment(), contentType: 'application/apply-patch+yaml' });
    expect(created.status).toBe(201);
    const other = nginxDeployment();
    other.spec.replicas = 9;
    const conflict = await k(`${path}?fieldManager=bob`, { method: 'PATCH', json: other, contentType: 'application/apply-patch+yaml' });
    expect(conflict.status).toBe(409);
    expect((await body(conflict)).message).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    const forced = await body(await k(`${path}?fieldManager=bob&force=true`, { method: 'PATCH', json: other, contentType: 'application/apply-patch+yaml' }));
    expect(forced.spec.replicas).toBe(9);
    expect(forced.metadata.managedFields.map((m: any) => m.manager).sort()).toEqual(['alice', 'bob']);
  });

  it('scales through the scale subresource', async () => {
    const k = kube(await newSession());
    await k('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: nginxDeployment() });
    const scale = await body(await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment/scale'));
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { selector: 'app=nginx' } });
    const patched = await body(await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment/scale', { method: 'PATCH', json: { spec: { replicas: 5 } }, contentType: 'application/merge-patch+json' }));
    expect(patched.spec.replicas).toBe(5);
    expect((await body(await k('/apis/apps/v1/namespaces/default/deployments/nginx-deployment'))).spec.replicas).toBe(5);
  });
});

describe('Requests of the wrong shape change nothing', () => {
  it('refuses methods a path does not serve, bodies without the URL name, and malformed escapes', async () => {
    const k = kube(await newSession());
    await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: cm('keep', { a: '1' }) });
    const rv = await revision(k);
    const tries: Array<[string, RequestInit & { json?: unknown }, number]> = [
      ['/api/v1/namespaces/default/configmaps/keep', { method: 'PUT', json: {} }, 400],
      ['/api/v1/namespaces/default/configmaps/other', { method: 'POST', json: cm('other') }, 405],
      ['/api/v1/configmaps', { method: 'POST', json: { ...cm('x'), metadata: { name: 'x', namespace: 'default' } } }, 405],
      ['/api/v1/configmaps?dryRun=All', { method: 'DELETE' }, 405],
      ['/api/v1/namespaces/default/configmaps', { method: 'PUT', json: cm('keep') }, 405],
      ['/api/v1/namespaces/default/configmaps', { method: 'PATCH', json: {} }, 405],
      ['/api/v1/namespaces/default/configmaps/%ff%fe', { method: 'GET' }, 404],
      ['/api/v1/namespaces/default/pods/keep/eviction', { method: 'POST', json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } } }, 400],
    ];
    for (const [path, init, code] of tries) {
      const res = await k(path, init);
      expect({ path, method: init.method, code: res.status }).toEqual({ path, method: init.method, code });
      expect((await body(res)).kind).toBe('Status');
    }
    expect(await revision(k)).toBe(rv);
    expect((await body(await k('/api/v1/namespaces/default/configmaps/keep'))).data).toEqual({ a: '1' });
  });

  it('refuses patches that move, re-identify or re-finalize an object', async () => {
    const k = kube(await newSession());
    const path = '/api/v1/namespaces/default/configmaps/held';
    await k('/api/v1/namespaces/default/configmaps', { method: 'POST', json: { ...cm('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } } });
    const moved = await k(path, { method: 'PATCH', json: [{ op: 'replace', path: '/metadata/namespace', value: 'kube-system' }], contentType: 'application/json-patch+json' });
    expect(moved.status).toBe(400);
    const uid = await k(path, { method: 'PATCH', json: { metadata: { uid: 'x' } }, contentType: 'application/merge-patch+json' });
    expect(uid.status).toBe(409);
    expect((await body(uid)).message).toMatch(/Precondition failed: UID in precondition: x/);
    expect((await k(path, { method: 'DELETE' })).status).toBe(200);
    const more = await k(path, { method: 'PATCH', json: { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } }, contentType: 'application/merge-patch+json' });
    expect(more.status).toBe(422);
    expect((await body(more)).message).toContain('no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}');
    const now = await body(await k(path));
    expect(now.metadata.finalizers).toEqual(['example.com/hold']);
    expect(now.metadata.namespace).toBe('default');
    // removing the finalizer still works and lets the deletion finish
    expect((await k(path, { method: 'PATCH', json: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' })).status).toBe(200);
    expect((await k(path)).status).toBe(404);
  });

  it('refuses a pod that runs as a ServiceAccount the namespace does not have', async () => {
    const k = kube(await newSession());
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sa1' }, spec: { serviceAccountName: 'nosuch', containers: [{ name: 'c', image: 'nginx:1.27.3' }] } };
    const refused = await k('/api/v1/namespaces/default/pods', { method: 'POST', json: pod });
    expect(refused.status).toBe(403);
    expect((await body(refused)).message).toBe('pods "sa1" is forbidden: error looking up service account default/nosuch: serviceaccount "nosuch" not found');
    expect((await k('/api/v1/namespaces/default/serviceaccounts', { method: 'POST', json: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nosuch' } } })).status).toBe(201);
    expect((await k('/api/v1/namespaces/default/pods', { method: 'POST', json: pod })).status).toBe(201);
  });

  it('takes at most 1,000 objects in one apply, and stores none of a larger one', async () => {
    const s = await newSession();
    const k = kube(s);
    const rv = await revision(k);
    const docs = Array.from({ length: 1001 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('---\n');
    const res = await worker(`/api/sessions/${s.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/yaml' }, body: docs });
    expect(res.status).toBe(413);
    expect(await revision(k)).toBe(rv);
  });
});

describe('Lists at a revision', () => {
  it('serves continue pages at the first page’s snapshot, Exact at its revision, and refuses bad versions', async () => {
    const k = kube(await newSession());
    const base = '/api/v1/namespaces/default/configmaps';
    for (const n of ['a', 'b', 'c']) await k(base, { method: 'POST', json: cm(n) });
    const first = await body(await k(`${base}?limit=1`));
    expect(first.items.map((i: Obj) => i.metadata.name)).toEqual(['a']);
    const at = first.metadata.resourceVersion;
    // after the first page: b changes, c goes, d comes
    await k(`${base}/b`, { method: 'PATCH', json: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
    await k(`${base}/c`, { method: 'DELETE' });
    await k(base, { method: 'POST', json: cm('d') });
    const rest = await body(await k(`${base}?limit=10&continue=${encodeURIComponent(first.metadata.continue)}`));
    expect(rest.metadata.resourceVersion).toBe(at);
    expect(rest.items.filter((i: Obj) => i.metadata.name !== 'kube-root-ca.crt').map((i: Obj) => `${i.metadata.name}=${i.data.a}`)).toEqual(['b=1', 'c=1']);
    const exact = await body(await k(`${base}?resourceVersion=${at}&resourceVersionMatch=Exact`));
    expect(exact.items.map((i: Obj) => i.metadata.name)).toEqual(['a', 'b', 'c', 'kube-root-ca.crt']);
    expect(exact.metadata.resourceVersion).toBe(at);
    const now = await body(await k(base));
    expect(now.items.map((i: Obj) => i.metadata.name)).toEqual(['a', 'b', 'd', 'kube-root-ca.crt']);
    const tooNew = await k(`${base}?resourceVersion=${Number(now.metadata.resourceVersion) + 1000}`);
    expect(tooNew.status).toBe(504);
    expect((await body(tooNew)).message).toMatch(/^Too large resource version/);
    const forged = btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 1e400, start: '' }));
    for (const q of ['limit=abc', 'resourceVersion=garbage', 'resourceVersionMatch=bogus&resourceVersion=1', 'resourceVersionMatch=Exact', `continue=${forged}`])
      expect({ q, code: (await k(`${base}?${q}`)).status }).toEqual({ q, code: 400 });
  });
});

describe('Clients on this machine', () => {
  it('get API answers uncompressed over loopback, and compressible ones elsewhere', async () => {
    const s = await newSession();
    const { exports } = await import('cloudflare:workers');
    const get = (origin: string) => exports.default.fetch(new Request(`${origin}/clusters/${s.id}/api/v1/nodes`, { headers: { authorization: `Bearer ${s.token}`, 'accept-encoding': 'gzip' } }));
    const local = await get('http://127.0.0.1:8787');
    expect(local.status).toBe(200);
    expect(local.headers.get('content-encoding')).toBe('identity');
    expect((await body(local)).items.length).toBeGreaterThan(0);
    const remote = await get('https://sandbox.example');
    expect(remote.status).toBe(200);
    expect(remote.headers.get('content-encoding')).toBeNull();
  });
});

