// `npm run bench`: starts `wrangler dev` like `npm run dev`, then measures what the issues name:
//   API latency (p50/p99) for get, create, update, and a list of 1,000 pods as JSON and as a Table;
//   a 1,000-replica Deployment on 12 workers (profile fast) until every pod is Ready;
//   50 concurrent watchers each seeing all 200 pods of a 200-replica rollout.
// Numbers are printed, not asserted: this is a benchmark, not a test.
import { startDev } from '../test/e2e/helpers/wrangler.ts';

interface Session {
  id: string;
  token: string;
  apiServer: string;
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function report(name: string, samples: number[], target?: string): void {
  const line = `${name.padEnd(34)} n=${String(samples.length).padEnd(5)} p50=${pct(samples, 50).toFixed(2).padStart(8)} ms   p99=${pct(samples, 99).toFixed(2).padStart(8)} ms`;
  console.log(target ? `${line}   (target: ${target})` : line);
}

async function session(base: string, body: object): Promise<Session> {
  const r = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`session: ${r.status} ${await r.text()}`);
  return (await r.json()) as Session;
}

function client(s: Session) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${s.token}`);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${s.apiServer}${path}`, { ...init, headers });
  };
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const r = await fn();
  await r.arrayBuffer();
  if (r.status >= 400) throw new Error(`HTTP ${r.status}`);
  return performance.now() - t;
}

async function apiLatency(base: string): Promise<void> {
  console.log('\n== API latency (one client, sequential requests through wrangler dev) ==');
  const t0 = performance.now();
  const s = await session(base, { profile: 'fast', workers: 2, controlPlanes: 1 });
  console.log(`time to a new cluster (POST /api/sessions):   ${(performance.now() - t0).toFixed(1)} ms`);
  const api = client(s);
  // The floor: what wrangler dev's local proxy chain costs for a static file the Worker never touches.
  const baseline: number[] = [];
  for (let i = 0; i < 300; i++) baseline.push(await timed(() => fetch(`${base}/favicon.svg`)));
  // Pods for a scheduler that does not exist stay Pending and untouched, so the numbers measure the API alone.
  const pod = (i: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'bench' } }, spec: { schedulerName: 'bench-none', containers: [{ name: 'c', image: 'nginx:1.25' }] } });
  await api('/api/v1/namespaces', { method: 'POST', body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }) });
  const create: number[] = [];
  for (let i = 0; i < 1000; i++) create.push(await timed(() => api('/api/v1/namespaces/bench/pods', { method: 'POST', body: JSON.stringify(pod(i)) })));
  const get: number[] = [];
  for (let i = 0; i < 500; i++) get.push(await timed(() => api(`/api/v1/namespaces/bench/pods/p-${i % 1000}`)));
  const update: number[] = [];
  for (let i = 0; i < 300; i++) {
    update.push(await timed(() => api(`/api/v1/namespaces/bench/pods/p-${i}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { labels: { n: String(i) } } }) })));
  }
  const listJson: number[] = [];
  const listTable: number[] = [];
  for (let i = 0; i < 50; i++) listJson.push(await timed(() => api('/api/v1/namespaces/bench/pods')));
  for (let i = 0; i < 50; i++) listTable.push(await timed(() => api('/api/v1/namespaces/bench/pods', { headers: { accept: TABLE } })));
  report('baseline: static file (no Worker)', baseline);
  report('get pod', get, 'p50 < 5 ms');
  report('create pod', create);
  report('update pod (merge patch)', update);
  report('list 1,000 pods (JSON)', listJson, 'p50 < 30 ms');
  report('list 1,000 pods (Table)', listTable, 'p50 < 30 ms');
}

function deployment(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
    },
  };
}

/** Reads a watch stream line by line until `done` says so or the deadline passes. */
async function watchUntil(url: string, token: string, onEvent: (type: string, obj: any) => boolean, deadlineMs: number): Promise<boolean> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), deadlineMs);
  try {
    const r = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
    const reader = r.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      buf += dec.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line) as { type: string; object: any };
        if (onEvent(ev.type, ev.object)) {
          ctrl.abort();
          return true;
        }
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const isReady = (p: any) => p?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');

async function thousandReplicas(base: string): Promise<void> {
  console.log('\n== 1,000-replica Deployment on 12 workers (profile fast) ==');
  const s = await session(base, { profile: 'fast', workers: 12, controlPlanes: 3 });
  const api = client(s);
  const list = (await (await api('/api/v1/namespaces/default/pods')).json()) as { metadata: { resourceVersion: string } };
  const ready = new Set<string>();
  const start = performance.now();
  const watching = watchUntil(
    `${s.apiServer}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}&labelSelector=app%3Dbig`,
    s.token,
    (type, pod) => {
      if (type !== 'DELETED' && isReady(pod)) ready.add(pod.metadata.name);
      return ready.size >= 1000;
    },
    60_000,
  );
  const applied = await api('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: JSON.stringify(deployment('big', 1000)) });
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
  const ok = await watching;
  const ms = performance.now() - start;
  const nodes = new Map<string, number>();
  const pods = (await (await api('/api/v1/namespaces/default/pods?labelSelector=app%3Dbig')).json()) as { items: any[] };
  for (const p of pods.items) nodes.set(p.spec.nodeName, (nodes.get(p.spec.nodeName) ?? 0) + 1);
  console.log(`all 1,000 pods Ready: ${ok ? `${ms.toFixed(0)} ms after the create` : `NOT within 60 s (${ready.size} ready)`}   (target: < 2,000 ms; a stock cluster needs about a minute)`);
  console.log(`pods per node: ${[...nodes.entries()].sort().map(([n, c]) => `${n}=${c}`).join(' ')}`);
}

async function fiftyWatchers(base: string): Promise<void> {
  console.log('\n== 50 concurrent watchers, 200-replica rollout (profile fast) ==');
  const s = await session(base, { profile: 'fast', workers: 12, controlPlanes: 1 });
  const api = client(s);
  const list = (await (await api('/api/v1/namespaces/default/pods')).json()) as { metadata: { resourceVersion: string } };
  const url = `${s.apiServer}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`;
  let start = 0;
  const seenAll: number[] = [];
  const readyAll: number[] = [];
  const watchers = Array.from({ length: 50 }, () => {
    const seen = new Set<string>();
    const ready = new Set<string>();
    let seenAt = 0;
    return watchUntil(
      url,
      s.token,
      (type, pod) => {
        if (type === 'DELETED') return false;
        seen.add(pod.metadata.name);
        if (!seenAt && seen.size >= 200) {
          seenAt = performance.now() - start;
          seenAll.push(seenAt);
        }
        if (isReady(pod)) ready.add(pod.metadata.name);
        if (ready.size >= 200) {
          readyAll.push(performance.now() - start);
          return true;
        }
        return false;
      },
      60_000,
    );
  });
  await new Promise((r) => setTimeout(r, 500)); // let every watch connect
  start = performance.now();
  const r = await api('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: JSON.stringify(deployment('roll', 200)) });
  if (r.status !== 201) throw new Error(`create: ${r.status}`);
  await Promise.all(watchers);
  console.log(`watchers that saw all 200 pods: ${seenAll.length}/50; slowest ${Math.max(...seenAll).toFixed(0)} ms, median ${pct(seenAll, 50).toFixed(0)} ms   (target: < 1,000 ms)`);
  console.log(`watchers that saw all 200 pods Ready: ${readyAll.length}/50; slowest ${Math.max(...readyAll).toFixed(0)} ms, median ${pct(readyAll, 50).toFixed(0)} ms`);
}

const dev = await startDev();
try {
  console.log(`kube-sandbox benchmark against wrangler dev at ${dev.url} (node ${process.version})`);
  await apiLatency(dev.url);
  await thousandReplicas(dev.url);
  await fiftyWatchers(dev.url);
} finally {
  await dev.stop();
}
