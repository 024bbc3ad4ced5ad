import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // A short watch history makes compaction (410 Expired) reachable in a test.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { HISTORY_LIMIT: '2000' } } })],
        test: { name: 'workerd', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'], testTimeout: 30_000 },
      },
      // `npm run bench` only: latency measured inside workerd (numbers, no assertions).
      ...(process.env.BENCH
        ? [{ plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })], test: { name: 'bench-workerd', include: ['bench/in-workerd.ts'] } }]
        : []),
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', globalSetup: ['test/e2e/helpers/global-setup.ts'], testTimeout: 60_000, hookTimeout: 90_000 },
      },
    ],
  },
});
