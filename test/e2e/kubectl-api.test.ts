// A stock kubectl against `wrangler dev`: everyday commands work and errors read as they do against a real server.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, sandbox, type Sandbox } from './helpers/kubectl.ts';
import { NGINX_DEPLOYMENT } from '../../web/src/lib/examples.ts';

const NGINX = NGINX_DEPLOYMENT;

let s: Sandbox;
beforeAll(async () => {
  s = await sandbox(inject('baseUrl'), { profile: 'fast' });
});

describe('kubectl discovery', () => {
  it('lists api-resources with short names', async () => {
    const out = await s.k('api-resources');
    expect(out).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(out).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(out).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
    expect(out).toMatch(/^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m);
  });

  it('resolves short names and `get all`', async () => {
    expect(await s.k('get no')).toMatch(/^worker-1\s+Ready\s+<none>/m);
    expect(await s.k('get ns')).toMatch(/^kube-system\s+Active/m);
    const all = await s.k('get all -A');
    expect(all).toMatch(/service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    expect(all).toMatch(/deployment\.apps\/coredns/);
  });

  it('explains fields from the served OpenAPI', async () => {
    const out = await s.k('explain deployment.spec.strategy');
    expect(out).toMatch(/KIND:\s+Deployment/);
    expect(out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    const pods = await s.k('explain pod.spec.containers.ports');
    expect(pods).toMatch(/containerPort\s+<integer> -required-/);
  });
});

describe('kubectl apply', () => {
  it('creates, then is unchanged, then configured', async () => {
    expect(await s.k(['apply', '-f', '-'], NGINX)).toBe('deployment.apps/nginx-deployment created\n');
    expect(await s.k(['apply', '-f', '-'], NGINX)).toBe('deployment.apps/nginx-deployment unchanged\n');
    expect(await s.k(['apply', '-f', '-'], NGINX.replace('nginx:1.14.2', 'nginx:1.16.1'))).toBe('deployment.apps/nginx-deployment configured\n');
    const image = await s.k(['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(image).toBe('nginx:1.16.1');
  });

  it('validates on the server: unknown fields fail without --validate=false', async () => {
    const r = await s.kubectl(['apply', '-f', '-'], { stdin: NGINX.replace('  replicas: 3', '  replicas: 3\n  replicaz: 4').replace('nginx-deployment', 'typo') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown field "spec.replicaz"');
  });

  it('server-side applies and dry-runs on the server', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n';
    expect(await s.k(['apply', '--server-side', '-f', '-'], cm)).toBe('configmap/ssa serverside-applied\n');
    expect(await s.k(['apply', '--dry-run=server', '-f', '-'], cm.replace('"1"', '"2"'))).toBe('configmap/ssa configured (server dry run)\n');
    expect(await s.k(['get', 'cm', 'ssa', '-o', 'jsonpath={.data.a}'])).toBe('1');
  });
});

describe('kubectl everyday verbs', () => {
  it('creates, labels, annotates, patches and deletes', async () => {
    await s.k(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  a: b\n');
    expect(await s.k('label cm demo tier=web')).toBe('configmap/demo labeled\n');
    expect(await s.k('annotate cm demo note=hello')).toBe('configmap/demo annotated\n');
    expect(await s.k('get cm -l tier=web -o name')).toBe('configmap/demo\n');
    expect(await s.k(['patch', 'cm', 'demo', '-p', '{"data":{"c":"d"}}'])).toBe('configmap/demo patched\n');
    expect(await s.k(['patch', 'cm', 'demo', '--type', 'merge', '-p', '{"data":{"e":"f"}}'])).toBe('configmap/demo patched\n');
    expect(await s.k(['patch', 'cm', 'demo', '--type', 'json', '-p', '[{"op":"remove","path":"/data/a"}]'])).toBe('configmap/demo patched\n');
    const data = JSON.parse(await s.k('get cm demo -o json')).data;
    expect(data).toEqual({ c: 'd', e: 'f' });
    const yaml = await s.k('get cm demo -o yaml');
    expect(yaml).toMatch(/^kind: ConfigMap$/m);
    expect(yaml).toMatch(/note: hello/);
    expect(await s.k('delete cm demo')).toBe('configmap "demo" deleted\n');
    const gone = await s.kubectl(['get', 'cm', 'demo']);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): configmaps "demo" not found');
  });

  it('creates with kubectl generators (protobuf bodies)', async () => {
    expect(await s.k('create namespace team-a')).toBe('namespace/team-a created\n');
    expect(await s.k('create configmap gen --from-literal=a=1 --from-literal=b=2 -n team-a')).toBe('configmap/gen created\n');
    expect(await s.k('create secret generic pw --from-literal=password=s3cr3t -n team-a')).toBe('secret/pw created\n');
    expect(await s.k('create deployment web --image=nginx:1.25 --replicas=2 -n team-a')).toBe('deployment.apps/web created\n');
    expect(await s.k('create service nodeport web --tcp=80:8080 -n team-a')).toBe('service/web created\n');
    expect(JSON.parse(await s.k('get cm gen -n team-a -o json')).data).toEqual({ a: '1', b: '2' });
    expect(await s.k(['get', 'secret', 'pw', '-n', 'team-a', '-o', 'jsonpath={.data.password}'])).toBe(btoa('s3cr3t'));
  });

  it('describes objects', async () => {
    const out = await s.k('describe deployment nginx-deployment');
    expect(out).toMatch(/^Name:\s+nginx-deployment$/m);
    expect(out).toMatch(/^Selector:\s+app=nginx$/m);
    expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    expect(await s.k('describe node worker-1')).toMatch(/^Roles:\s+<none>$/m);
  });

  it('prints wide tables and server-side columns', async () => {
    const wide = await s.k('get nodes -o wide');
    expect(wide.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$/);
    const deploy = await s.k('get deploy nginx-deployment');
    expect(deploy.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  });

  it('watches with -w and sees changes made meanwhile', async () => {
    const watch = s.kubectl(['get', 'cm', '-w', '--request-timeout=6s'], { timeoutMs: 8_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    await s.k(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n');
    await s.k('label cm watched seen=yes');
    await s.k('delete cm watched');
    const r = await watch;
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('watched '));
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });
});

describe('kubectl errors read like a real server’s', () => {
  it('AlreadyExists, Invalid and NotFound', async () => {
    await s.k(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n');
    const dup = await s.kubectl(['create', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n' });
    expect(dup.stderr.trim()).toBe('Error from server (AlreadyExists): error when creating "STDIN": configmaps "dup" already exists');
    const bad = await s.kubectl(['apply', '-f', '-'], { stdin: NGINX.replace('replicas: 3', 'replicas: -1').replace('name: nginx-deployment', 'name: broken') });
    expect(bad.stderr).toContain('The Deployment "broken" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const nf = await s.kubectl(['get', 'deploy', 'nope']);
    expect(nf.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });

  it('refuses writes through the view kubeconfig with Forbidden', async () => {
    const r = await s.kubectl(['delete', 'cm', 'dup'], { view: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Error from server \(Forbidden\): configmaps "dup" is forbidden: User "sandbox-viewer" cannot delete resource "configmaps"/);
    expect((await s.kubectl(['get', 'cm', 'dup'], { view: true })).code).toBe(0);
  });
});

describe('kubectl auth', () => {
  it('can-i answers from the link rights', async () => {
    expect(await s.k('auth can-i create pods')).toBe('yes\n');
    expect(await s.k('auth can-i delete deployments.apps -n kube-system')).toBe('yes\n');
    expect(await s.kubectl(['auth', 'can-i', 'list', 'pods'], { view: true })).toMatchObject({ code: 0, stdout: 'yes\n' });
    expect(await s.kubectl(['auth', 'can-i', 'get', 'pods', '--subresource=log'], { view: true })).toMatchObject({ code: 0, stdout: 'yes\n' });
    const no = await s.kubectl(['auth', 'can-i', 'create', 'pods'], { view: true });
    expect(no).toMatchObject({ code: 1, stdout: 'no - this is a view-only link: it may only get, list and watch\n' });
  });

  it('can-i --list prints the rules', async () => {
    expect(await s.k('auth can-i --list')).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n\*\.\*\s+\[\]\s+\[\]\s+\[\*\]\n\s+\[\*\]\s+\[\]\s+\[\*\]\n$/);
    const view = await s.kubectl(['auth', 'can-i', '--list'], { view: true });
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(view.stdout).toMatch(/^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
  });

  it('whoami names the user and the rights', async () => {
    const edit = await s.k('auth whoami');
    expect(edit).toMatch(/^Username\s+sandbox-admin$/m);
    expect(edit).toMatch(/^Groups\s+\[system:authenticated\]$/m);
    expect(edit).toMatch(/^Extra: kube-sandbox\.dev\/rights\s+\[edit\]$/m);
    const view = await s.kubectl(['auth', 'whoami', '-o', 'json'], { view: true });
    expect(JSON.parse(view.stdout).status.userInfo).toEqual({ username: 'sandbox-viewer', groups: ['system:authenticated'], extra: { 'kube-sandbox.dev/rights': ['view'] } });
  });

  it('keeps the reviews out of list-based commands', async () => {
    expect(await s.k('api-resources --verbs=list')).not.toMatch(/selfsubject/);
    expect(await s.k('api-resources')).toMatch(/^selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview$/m);
    expect(await s.k('get all -A')).not.toMatch(/selfsubject/i);
    const get = await s.kubectl(['get', 'selfsubjectaccessreviews']);
    expect(get).toMatchObject({ code: 1, stderr: expect.stringContaining('MethodNotAllowed') });
  });
});

describe('REST alongside kubectl', () => {
  it('sees what kubectl wrote', async () => {
    await eventually(async () => (await s.api('/api/v1/namespaces/default/configmaps/dup')).status === 200, 5_000, 'dup via REST');
  });
});
