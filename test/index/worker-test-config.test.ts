import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/seed-corpus.ts';
import { isolatedWranglerConfig } from '../helpers/worker-wrangler-config.ts';

const project = mkdtempSync(join(tmpdir(), 'sitrep-devvars-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** The plain-text bindings wrangler would give the Worker for a config file. */
function bindingsOf(configPath: string): Record<string, unknown> {
  return (unstable_getMiniflareWorkerOptions(configPath).workerOptions as { bindings?: Record<string, unknown> }).bindings ?? {};
}

describe('the Worker tests never read a developer\'s own .dev.vars or .env', () => {
  it('wrangler would (beside wrangler.toml); the tests\' copy of wrangler.toml has neither, and keeps the [vars]', () => {
    cpSync(join(ROOT, 'wrangler.toml'), join(project, 'wrangler.toml'));
    writeFileSync(join(project, '.dev.vars'), 'DISCORD_PUBLIC_KEY=' + 'ab'.repeat(32) + '\nSITREP_API_TOKEN=a-developers-own-token\n');
    const direct = bindingsOf(join(project, 'wrangler.toml'));
    expect(direct.DISCORD_PUBLIC_KEY).toBe('ab'.repeat(32));

    const isolated = bindingsOf(isolatedWranglerConfig(project, join(project, 'isolated')));
    expect(isolated.DISCORD_PUBLIC_KEY).toBeUndefined();
    expect(isolated.SITREP_API_TOKEN).toBeUndefined();
    expect(isolated.SITREP_RATE_LIMIT).toBe('120');
  }, 60_000);
});
