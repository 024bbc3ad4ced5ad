// A stock kubectl pointed at one sandbox through the kubeconfig the API handed out, with its own discovery cache.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Session {
  id: string;
  token: string;
  viewToken: string;
  kubeconfig: string;
  viewKubeconfig: string;
  apiServer: string;
  editUrl: string;
  viewUrl: string;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  session: Session;
  kubeconfigPath: string;
  kubectl(args: string[], opts?: { stdin?: string; timeoutMs?: number; view?: boolean }): Promise<KubectlResult>;
  /** kubectl that must succeed; returns stdout. */
  k(args: string[] | string, stdin?: string): Promise<string>;
  /** REST with the edit token. */
  api(path: string, init?: RequestInit): Promise<Response>;
}

export async function createSession(base: string, options: Record<string, unknown> = {}): Promise<Session> {
  const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
  if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
  return (await res.json()) as Session;
}

export async function sandbox(base: string, options: Record<string, unknown> = { profile: 'fast' }): Promise<Sandbox> {
  const session = await createSession(base, options);
  const dir = mkdtempSync(join(tmpdir(), 'kube-sandbox-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const viewPath = join(dir, 'view-kubeconfig');
  writeFileSync(kubeconfigPath, session.kubeconfig);
  writeFileSync(viewPath, session.viewKubeconfig);
  const kubectl: Sandbox['kubectl'] = (args, opts = {}) =>
    new Promise((resolve) => {
      const child = execFile(
        'kubectl',
        ['--kubeconfig', opts.view ? viewPath : kubeconfigPath, '--cache-dir', join(dir, 'cache'), ...args],
        { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KUBECTL_COMMAND_HEADERS: 'false' } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
    });
  const k: Sandbox['k'] = async (args, stdin) => {
    const argv = typeof args === 'string' ? args.split(' ').filter(Boolean) : args;
    const r = await kubectl(argv, { stdin });
    if (r.code !== 0) throw new Error(`kubectl ${argv.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const api: Sandbox['api'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${session.token}`);
    return fetch(`${session.apiServer}${path}`, { ...init, headers });
  };
  return { session, kubeconfigPath, kubectl, k, api };
}

/** Polls until fn returns a truthy value or the deadline passes (end-to-end tests wait on a real server). */
export async function eventually<T>(fn: () => Promise<T | undefined | false | null>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
