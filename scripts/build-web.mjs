// Builds the web UI (web/src/*.ts -> web/dist) with esbuild; wrangler runs this before dev and deploy.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = 'web/dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync('web/public', out, { recursive: true });
await build({
  entryPoints: ['web/src/main.ts'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: 'es2022',
  outfile: `${out}/app.js`,
  logLevel: 'warning',
});
