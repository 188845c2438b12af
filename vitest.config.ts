import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/** Bindings of the Worker under test (test/worker): a token and a small rate limit, so both can be exercised. */
export const WORKER_TEST_BINDINGS = {
  SITREP_API_TOKEN: 'worker-test-token-0123456789',
  SITREP_RATE_LIMIT: '30',
  SITREP_RATE_LIMIT_WINDOW: '60',
  SITREP_LOG_LEVEL: 'silent',
  SLACK_SIGNING_SECRET: 'worker-test-slack-signing-secret',
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
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
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: WORKER_TEST_BINDINGS },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/worker/**/*.test.ts'],
          // Runs on Node first: the answers the Worker must match.
          globalSetup: ['test/helpers/worker-global-setup.ts', 'test/helpers/digest-worker-setup.ts', 'test/helpers/feed-worker-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
