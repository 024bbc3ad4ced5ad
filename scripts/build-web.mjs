// Builds the web UI (web/src -> web/dist) with esbuild; wrangler runs this before dev and deploy.
// Two small entry points (the landing page, the cluster view) and one stylesheet; web/public is copied as is.
// Several `wrangler dev` may build at once (tests start their own): each builds in a private directory and then
// replaces only the files that changed, each with an atomic rename, so web/dist is never empty or half written.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = 'web/dist';
const tmp = mkdtempSync(join(tmpdir(), 'kube-sandbox-web-'));
try {
  cpSync('web/public', tmp, { recursive: true });
  await build({
    entryPoints: { landing: 'web/src/landing.ts', cluster: 'web/src/cluster.ts', styles: 'web/src/styles/index.css' },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: 'es2022',
    outdir: tmp,
    logLevel: 'warning',
  });
  const files = (dir) => readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile());
  const fresh = new Set(files(tmp));
  for (const f of fresh) {
    const data = readFileSync(join(tmp, f));
    const dst = join(out, f);
    if (existsSync(dst) && readFileSync(dst).equals(data)) continue;
    mkdirSync(dirname(dst), { recursive: true });
    const part = `${dst}.part-${process.pid}`;
    writeFileSync(part, data);
    renameSync(part, dst);
  }
  for (const f of files(out)) if (!fresh.has(f) && !f.includes('.part-')) rmSync(join(out, f), { force: true });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (process.argv.includes('--sizes')) {
  for (const f of ['landing.js', 'cluster.js', 'styles.css']) {
    const b = readFileSync(`${out}/${f}`);
    console.log(`${f.padEnd(12)} ${(b.length / 1024).toFixed(1).padStart(6)} KiB  ${(gzipSync(b).length / 1024).toFixed(1).padStart(5)} KiB gzip`);
  }
}
