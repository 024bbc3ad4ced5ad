// Produces the reference outputs the command-box tests compare with: serves the fixture cluster's API over HTTP, runs
// each scenario's commands with the real kubectl (/usr/bin/kubectl v1.32) against it, and beside that runs the same
// commands through runKubectl on a twin fixture, printing every difference.
//
//   node --experimental-transform-types test/unit/kubectl/reference/capture.ts            compare only
//   node --experimental-transform-types test/unit/kubectl/reference/capture.ts --write    also rewrite outputs.ts
//   ... capture.ts --only <scenario>                                                       one scenario
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlFixture, AGE_MS, type Fixture } from '../fixtures.ts';
import { SCENARIOS } from './scenarios.ts';
import { runKubectl } from '../../../../durable-objects/kubectl/index.ts';
import { tokenize } from '../../../../durable-objects/kubectl/argv.ts';
import type { Caller } from '../../../../durable-objects/apiserver/handler.ts';

const ADMIN: Caller = { name: 'sandbox-admin', canWrite: true, userAgent: 'kubectl' };
const VIEWER: Caller = { name: 'sandbox-viewer', canWrite: false, userAgent: 'kubectl' };

/** The fixture clock during one step: every request of the step sees the same time, as the tests replay it. */
let stepAt = 0;

function serve(f: Fixture, caller: Caller): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    f.t.clock.t = stepAt;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const url = `http://127.0.0.1${req.url}`;
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const out = await f.t.cluster.api(new Request(url, { method: req.method, headers, body }), new URL(url).pathname, { ...caller, userAgent: req.headers['user-agent'] ?? '' });
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.flushHeaders();
    // Stream: watch responses stay open, and kubectl must see their headers at once.
    const reader = out.body?.getReader();
    res.on('close', () => void reader?.cancel().catch(() => {}));
    for (;;) {
      const chunk = reader ? await reader.read().catch(() => ({ done: true as const, value: undefined })) : { done: true as const, value: undefined };
      if (chunk.done) break;
      res.write(chunk.value);
    }
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function realKubectl(kubeconfig: string, cacheDir: string, args: string[], stdin: string | undefined): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir, KUBECTL_COMMAND_HEADERS: 'false', TZ: 'UTC' };
    const child = execFile('kubectl', args, { env, timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ exitCode: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin ?? '');
  });
}

const write = process.argv.includes('--write');
if (process.argv.includes('--write') && process.argv.includes('--only')) throw new Error('--write rewrites every scenario: run it without --only');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const startMs = Math.floor(Date.now() / 1000) * 1000 - AGE_MS;
const results: unknown[] = [];
let differences = 0;
for (const sc of SCENARIOS) {
  if (only && sc.name !== only) continue;
  const real = kubectlFixture(startMs);
  const mine = kubectlFixture(startMs);
  const caller = sc.viewer ? VIEWER : ADMIN;
  const { server, port } = await serve(real, caller);
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-ref-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: ref\n  cluster:\n    server: http://127.0.0.1:${port}\nusers:\n- name: ref\n  user: {}\ncontexts:\n- name: ref\n  context: {cluster: ref, user: ref, namespace: default}\ncurrent-context: ref\n`,
  );
  const steps: unknown[] = [];
  for (const step of sc.steps) {
    const at = Date.now();
    stepAt = at;
    const ref = await realKubectl(kubeconfig, join(dir, 'cache'), tokenize(step.command).slice(1), step.stdin);
    mine.t.clock.t = at;
    const got = await runKubectl(mine.t.cluster.env, caller, step.command, step.stdin);
    mine.t.settle();
    const norm = (v: string | number) => (step.unordered && typeof v === 'string' ? v.split('\n').sort().join('\n') : v);
    for (const k of ['exitCode', 'stdout', 'stderr'] as const) {
      if (norm(got[k]) !== norm(ref[k]) && !(step.ignore ?? []).includes(k)) {
        differences++;
        console.log(`--- ${sc.name}: ${step.command} [${k}]\n--- kubectl:\n${ref[k]}\n--- ours:\n${got[k]}`);
      }
    }
    steps.push({ command: step.command, stdin: step.stdin, at, ...ref, ignore: step.ignore, unordered: step.unordered });
  }
  server.close();
  results.push({ name: sc.name, viewer: !!sc.viewer, steps });
}
console.log(`${differences} difference(s)`);
if (write) {
  const file = join(import.meta.dirname, 'outputs.ts');
  writeFileSync(
    file,
    `// Generated by capture.ts from kubectl v1.32 against the fixture cluster: do not edit by hand.\n` +
      `import type { Reference } from './types.ts';\n\nexport const START_MS = ${startMs};\n\nexport const REFERENCES: Reference[] = ${JSON.stringify(results, null, 2)};\n`,
  );
  console.log(`wrote ${file}`);
}
