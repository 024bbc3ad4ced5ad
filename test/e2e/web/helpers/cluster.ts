// Cluster state for the UI tests, made through the public API: manifests, and pods placed and "run" by hand where a
// test must not depend on the scheduler and kubelets (the 1,000-pod view, the screenshots).
import type { Session } from '../../helpers/kubectl.ts';

export { NGINX_DEPLOYMENT as NGINX } from '../../../../web/src/lib/examples.ts';

export function podYaml(name: string, opts: { node?: string; labels?: Record<string, string>; image?: string } = {}): string {
  const labels = Object.entries(opts.labels ?? { app: 'demo' }).map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels}
spec:
${opts.node ? `  nodeName: ${opts.node}\n` : ''}  containers:
  - name: app
    image: ${opts.image ?? 'nginx:1.14.2'}
`;
}

export async function rest(s: Session, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${s.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', headers.get('content-type') ?? 'application/json');
    body = JSON.stringify(init.json);
  }
  return fetch(`${s.apiServer}${path}`, { ...init, headers, body });
}

export async function applyYaml(s: Session, yaml: string, token = s.token): Promise<Response> {
  const base = s.apiServer.replace(/\/clusters\/.*$/, '');
  return fetch(`${base}/api/sessions/${s.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' }, body: yaml });
}

/** Runs `fn` over items, `n` at a time. */
export async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

interface NodeInfo {
  name: string;
  podCIDR?: string;
}

export async function workers(s: Session): Promise<NodeInfo[]> {
  const r = await rest(s, '/api/v1/nodes');
  const list = (await r.json()) as { items: Array<{ metadata: { name: string; labels?: Record<string, string> }; spec?: { podCIDR?: string } }> };
  return list.items.filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined).map((n) => ({ name: n.metadata.name, podCIDR: n.spec?.podCIDR }));
}

/**
 * `count` pods spread over the workers, bound directly (no scheduler needed). The simulated kubelets run them; with
 * `running`, the chosen ones are also reported Running with an IP from their node's pod CIDR, as a kubelet would
 * (for a cluster without kubelets; with them, the kubelet and this report fight over the status).
 */
export async function placePods(s: Session, prefix: string, count: number, opts: { running?: (i: number) => boolean } = {}): Promise<string[]> {
  const nodes = await workers(s);
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  const docs = names.map((n, i) => podYaml(n, { node: nodes[i % nodes.length]!.name, labels: { app: prefix } }));
  for (let i = 0; i < docs.length; i += 250) {
    const r = await applyYaml(s, docs.slice(i, i + 250).join('---\n'));
    if (!r.ok) throw new Error(`apply pods: ${r.status} ${await r.text()}`);
  }
  const running = opts.running;
  if (!running) return names;
  await pool(names.map((n, i) => [n, i] as const), 16, async ([name, i]) => {
    if (!running(i)) return;
    const node = nodes[i % nodes.length]!;
    const base = (node.podCIDR ?? '10.244.0.0/24').split('/')[0]!.split('.').slice(0, 3).join('.');
    const ip = `${base}.${2 + Math.floor(i / nodes.length)}`;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const status = {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
      containerStatuses: [{ name: 'app', ready: true, started: true, restartCount: 0, image: 'nginx:1.14.2', imageID: '', state: { running: { startedAt: now } } }],
    };
    const r = await rest(s, `/api/v1/namespaces/default/pods/${name}/status`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, json: { status } });
    if (!r.ok) throw new Error(`status of ${name}: ${r.status} ${await r.text()}`);
  });
  return names;
}
