// API latency inside workerd, without wrangler dev's local HTTP proxy in the way: requests go through the Worker to
// the cluster's Durable Object exactly as in production. Run by `npm run bench` (vitest, BENCH=1); not a test:
// it prints numbers and asserts nothing. (`bench/run.ts` measures the same requests through `wrangler dev`.)
import { it } from 'vitest';
import { exports } from 'cloudflare:workers';

const ORIGIN = 'http://bench.local';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

it('measures API latency in workerd', { timeout: 300_000 }, async () => {
  const s = (await (await exports.default.fetch(new Request(`${ORIGIN}/api/sessions`, { method: 'POST', body: JSON.stringify({ profile: 'fast', workers: 2, controlPlanes: 1 }) }))).json()) as { id: string; token: string };
  const auth = { authorization: `Bearer ${s.token}` };
  const api = async (path: string, init: RequestInit = {}) => {
    const t = performance.now(); // workerd's clock moves across I/O, so this times the whole round trip
    const r = await exports.default.fetch(new Request(`${ORIGIN}/clusters/${s.id}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } }));
    await r.arrayBuffer();
    if (r.status >= 400) throw new Error(`${path}: HTTP ${r.status}`);
    return performance.now() - t;
  };
  const json = { 'content-type': 'application/json' };
  await api('/api/v1/namespaces', { method: 'POST', headers: json, body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }) });
  const create: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'bench' } }, spec: { schedulerName: 'bench-none', containers: [{ name: 'c', image: 'nginx:1.25' }] } };
    create.push(await api('/api/v1/namespaces/bench/pods', { method: 'POST', headers: json, body: JSON.stringify(pod) }));
  }
  const get: number[] = [];
  for (let i = 0; i < 1000; i++) get.push(await api(`/api/v1/namespaces/bench/pods/p-${i}`));
  const update: number[] = [];
  for (let i = 0; i < 500; i++) update.push(await api(`/api/v1/namespaces/bench/pods/p-${i}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { labels: { n: String(i) } } }) }));
  const listJson: number[] = [];
  for (let i = 0; i < 100; i++) listJson.push(await api('/api/v1/namespaces/bench/pods'));
  const listTable: number[] = [];
  for (let i = 0; i < 100; i++) listTable.push(await api('/api/v1/namespaces/bench/pods', { headers: { accept: TABLE } }));
  const row = (name: string, xs: number[], target = '') =>
    `${name.padEnd(30)} n=${String(xs.length).padEnd(5)} p50=${pct(xs, 50).toFixed(2).padStart(7)} ms   p99=${pct(xs, 99).toFixed(2).padStart(7)} ms${target ? `   (target: ${target})` : ''}`;
  console.log(
    [
      '',
      '== API latency in workerd (Worker -> Durable Object, no dev proxy) ==',
      row('get pod', get, 'p50 < 5 ms'),
      row('create pod', create),
      row('update pod (merge patch)', update),
      row('list 1,000 pods (JSON)', listJson, 'p50 < 30 ms'),
      row('list 1,000 pods (Table)', listTable, 'p50 < 30 ms'),
    ].join('\n'),
  );
});
