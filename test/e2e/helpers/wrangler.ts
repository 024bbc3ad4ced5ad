// Starts `wrangler dev` (workerd + SQLite Durable Objects) on a free port, as `npm run dev` does, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DevServer {
  url: string;
  port: number;
  persistDir: string;
  process: ChildProcess;
  /** Output so far, for failure messages. */
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

const ROOT = resolve(import.meta.dirname, '../../..');

export async function startDev(opts: { persistDir?: string; port?: number } = {}): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const persistDir = opts.persistDir ?? mkdtempSync(join(tmpdir(), 'kube-sandbox-state-'));
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistDir, '--log-level', 'warn', '--show-interactive-dev-session=false'], {
    cwd: ROOT,
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start within 60s:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid!, signal); // the whole group: wrangler and its workerd
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };
  return { url, port, persistDir, process: child, log: () => out, stop };
}
