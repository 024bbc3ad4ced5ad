// The seed's whole story through a stock kubectl against `wrangler dev`: a Deployment rolls out on the workers, heals,
// scales, rolls forward and back, is exposed, survives a node failure; crashes and impossible requests show as
// kubectl shows them on a real cluster.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, sandbox, type Sandbox } from './helpers/kubectl.ts';
import { NGINX_DEPLOYMENT } from '../../web/src/lib/examples.ts';

const NGINX = NGINX_DEPLOYMENT;

interface PodRow {
  name: string;
  phase: string;
  ready: boolean;
  ip: string;
  node: string;
  restarts: number;
  image: string;
}

let s: Sandbox;

async function pods(selector = 'app=nginx'): Promise<PodRow[]> {
  const list = JSON.parse(await s.k(['get', 'pods', '-l', selector, '-o', 'json'])) as { items: any[] };
  return list.items
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => ({
      name: p.metadata.name,
      phase: p.status?.phase ?? '',
      ready: p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false,
      ip: p.status?.podIP ?? '',
      node: p.spec?.nodeName ?? '',
      restarts: p.status?.containerStatuses?.[0]?.restartCount ?? 0,
      image: p.spec.containers[0].image,
    }));
}

async function readyPods(n: number, selector = 'app=nginx', what = `${n} ready pods`): Promise<PodRow[]> {
  return eventually(async () => {
    const p = await pods(selector);
    return p.length === n && p.every((x) => x.ready) ? p : undefined;
  }, 30_000, what);
}

function inCidr(ip: string, cidr: string): boolean {
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const [base, bits] = cidr.split('/') as [string, string];
  const mask = 2 ** 32 - 2 ** (32 - Number(bits));
  return (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
}

beforeAll(async () => {
  s = await sandbox(inject('baseUrl'), { profile: 'fast', workers: 3, controlPlanes: 3 });
});

describe('The seed story with kubectl', () => {
  it('rolls the nginx Deployment out on the workers, spread, each pod with an IP in its node’s pod CIDR', async () => {
    expect(await s.k(['apply', '-f', '-'], NGINX)).toBe('deployment.apps/nginx-deployment created\n');
    const ready = await readyPods(3);
    expect(new Set(ready.map((p) => p.node)).size).toBe(3);
    expect(ready.every((p) => p.node.startsWith('worker-'))).toBe(true);
    const cidrs = JSON.parse(await s.k('get nodes -o json')).items.reduce((m: Record<string, string>, n: any) => ({ ...m, [n.metadata.name]: n.spec.podCIDR }), {});
    for (const p of ready) expect(inCidr(p.ip, cidrs[p.node]), `${p.ip} in ${cidrs[p.node]}`).toBe(true);
    expect(new Set(ready.map((p) => p.ip)).size).toBe(3);
    const status = await s.k('rollout status deployment/nginx-deployment --timeout=20s');
    expect(status).toContain('successfully rolled out');
    const table = await s.k('get deploy nginx-deployment');
    expect(table).toMatch(/^nginx-deployment\s+3\/3\s+3\s+3\s+/m);
  });

  it('replaces a deleted pod', async () => {
    const [victim] = await pods();
    await s.k(['delete', 'pod', victim!.name]);
    const after = await readyPods(3, 'app=nginx', 'a replacement pod');
    expect(after.map((p) => p.name)).not.toContain(victim!.name);
  });

  it('scales to 5 and converges', async () => {
    expect(await s.k('scale deployment nginx-deployment --replicas=5')).toBe('deployment.apps/nginx-deployment scaled\n');
    await readyPods(5);
  });

  it('rolls out a new image with set image, and rollout undo goes back', async () => {
    await s.k('set image deployment/nginx-deployment nginx=nginx:1.16.1');
    await s.k('rollout status deployment/nginx-deployment --timeout=30s');
    expect((await readyPods(5)).every((p) => p.image === 'nginx:1.16.1')).toBe(true);
    const history = await s.k('rollout history deployment/nginx-deployment');
    expect(history).toMatch(/^1\s/m);
    expect(history).toMatch(/^2\s/m);
    await s.k('rollout undo deployment/nginx-deployment');
    await s.k('rollout status deployment/nginx-deployment --timeout=30s');
    expect((await readyPods(5)).every((p) => p.image === 'nginx:1.14.2')).toBe(true);
    const rs = JSON.parse(await s.k('get rs -l app=nginx -o json')).items;
    expect(rs).toHaveLength(2);
  });

  it('exposes the Deployment: the Service’s endpoints list the ready pods', async () => {
    expect(await s.k('expose deployment nginx-deployment --port=80')).toBe('service/nginx-deployment exposed\n');
    const svc = JSON.parse(await s.k('get svc nginx-deployment -o json'));
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const ready = await readyPods(5);
    const eps = await eventually(async () => {
      const ep = JSON.parse(await s.k('get endpoints nginx-deployment -o json'));
      const ips = (ep.subsets ?? []).flatMap((x: any) => (x.addresses ?? []).map((a: any) => a.ip)).sort();
      return ips.length === 5 ? ips : undefined;
    }, 20_000, 'five endpoints');
    expect(eps).toEqual(ready.map((p) => p.ip).sort());
  });

  it('brings a failed node’s pods back elsewhere', async () => {
    const before = await readyPods(5);
    const node = before[0]!.node;
    const fault = await fetch(`${s.session.apiServer.replace(/\/clusters\/.*/, '')}/api/sessions/${s.session.id}/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'fail-node', node }),
    });
    expect(fault.status).toBe(200);
    await eventually(async () => (await s.k(['get', 'node', node])).includes('NotReady'), 20_000, `${node} NotReady`);
    const after = await eventually(async () => {
      const p = await pods();
      const live = p.filter((x) => x.ready && x.node !== node);
      return live.length === 5 ? live : undefined;
    }, 30_000, 'five pods off the failed node');
    expect(after.every((p) => p.node !== node)).toBe(true);
  });

  it('shows a crashing container in CrashLoopBackOff with a growing restart count', async () => {
    await s.k(['run', 'crasher', '--image=busybox:1.36', '--restart=Always', '--', 'sh', '-c', 'echo starting; exit 1']);
    const row = await eventually(async () => {
      const out = await s.k('get pod crasher');
      const m = out.match(/^crasher\s+0\/1\s+(CrashLoopBackOff|Error)\s+(\d+)/m);
      return m && Number(m[2]) >= 2 ? m : undefined;
    }, 45_000, 'crasher restarted twice');
    expect(Number(row[2])).toBeGreaterThanOrEqual(2);
    expect(await s.k('logs crasher --previous')).toContain('starting');
  });

  it('keeps an impossible request Pending with the FailedScheduling reason, and describe shows it', async () => {
    await s.k(['run', 'huge', '--image=nginx:1.25', '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx:1.25","resources":{"requests":{"cpu":"100"}}}]}}']);
    const d = await eventually(async () => {
      const out = await s.k('describe pod huge');
      return out.includes('FailedScheduling') ? out : undefined;
    }, 20_000, 'FailedScheduling event');
    expect(await s.k('get pod huge')).toMatch(/^huge\s+0\/1\s+Pending\s+0/m);
    expect(d).toMatch(/Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/\d+ nodes are available: .*Insufficient cpu/);
    expect(d).toMatch(/untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}/);
  });

  it('describes a running pod with its events in order', async () => {
    const [p] = await readyPods(5);
    const d = await s.k(['describe', 'pod', p!.name]);
    expect(d).toMatch(/^Status:\s+Running$/m);
    expect(d).toMatch(/^IP:\s+10\.244\./m);
    const order = ['Scheduled', 'Pulled', 'Created', 'Started'].map((r) => d.search(new RegExp(`Normal\\s+${r}\\s`)));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
