import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WORKER_TEST_BINDINGS } from './test/helpers/worker-bindings.ts';
import { isolatedWranglerConfig } from './test/helpers/worker-wrangler-config.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          // Test files share a worker's module cache (Bolt, discord.js, the core load once per worker, not per file).
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The Worker entry inside workerd (the Cloudflare Workers runtime), with the bundled index.
        plugins: [
          cloudflareTest({
            main: './src/index/worker.ts',
            // wrangler.toml, copied to a folder without a developer's .dev.vars or .env
            wrangler: { configPath: isolatedWranglerConfig(fileURLToPath(new URL('.', import.meta.url))) },
            // SITREP_DB: an empty local D1 database; the D1 store tests apply migrations/ and load a corpus into it.
            miniflare: { bindings: WORKER_TEST_BINDINGS, d1Databases: ['SITREP_DB'] },
          }),
        ],
        test: {
          name: 'workers',
          // Each file in an isolate of its own: the live-news test fills R2 and the isolate's corpus, which the
          // bundled-index tests (same answers as Node) must not see.
          isolate: true,
          include: ['test/worker/**/*.test.ts'],
          // Runs on Node first: the answers the Worker must match.
          globalSetup: ['test/helpers/worker-global-setup.ts', 'test/helpers/digest-worker-setup.ts', 'test/helpers/feed-worker-setup.ts', 'test/helpers/d1-worker-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
