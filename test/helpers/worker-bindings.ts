/**
 * Bindings of the Worker under test (test/worker): a token and a small rate limit, so both can be exercised.
 * Its own file, so the global setup can import it without loading vitest.config.ts (and with it wrangler,
 * miniflare and vite, which the setup's module runner would otherwise transform: about 40 s of CPU).
 */
export const WORKER_TEST_BINDINGS = {
  SITREP_API_TOKEN: 'worker-test-token-0123456789',
  SITREP_RATE_LIMIT: '30',
  SITREP_RATE_LIMIT_WINDOW: '60',
  SITREP_LOG_LEVEL: 'silent',
  SLACK_SIGNING_SECRET: 'worker-test-slack-signing-secret',
};
