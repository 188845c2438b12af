import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { SitrepError } from '../../src/core/ingest/article-file.ts';
import { loadConfig } from '../../src/index/config.ts';
import { createDigestIntegration, type DigestIntegration } from '../../src/index/digest-integration.ts';
import { startServer, type RunningServer } from '../../src/index/node.ts';
import { startFakeDigestApis, type FakeDigestApis } from '../helpers/fake-digest-apis.ts';
import { fixedClock, seedCorpus } from '../helpers/seed-corpus.ts';

const clock = fixedClock('2025-12-25T09:00:00Z');
let apis: FakeDigestApis;
let server: RunningServer;
let stateDir: string;

beforeAll(async () => {
  apis = await startFakeDigestApis();
  stateDir = mkdtempSync(join(tmpdir(), 'sitrep-digest-serve-'));
  const source = {
    SLACK_BOT_TOKEN: 'xoxb-serve', DIGEST_SLACK_CHANNEL: 'C0SERVE', SLACK_API_URL: apis.slackApiUrl,
    DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl, DIGEST_WINDOW_DAYS: '2',
  };
  server = await startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1' }), corpus: seedCorpus(), clock, logger: silentLogger,
    integrations: [createDigestIntegration({ source, dataDir: stateDir, claimSettleMs: 0, sleep: async () => {} })],
  });
});

afterAll(async () => {
  await server?.close();
  await apis?.close();
});

beforeEach(() => apis.reset());

const digestIntegration = () => server.integrations.find((i) => i.name === 'digest') as DigestIntegration;

describe('the digest in sitrep serve', () => {
  it('is on with its destinations and schedules the next run at 01:00 UTC', () => {
    const digest = digestIntegration();
    expect(digest.status).toEqual({ on: true, why: 'slack and discord at "0 1 * * *" UTC' });
    expect(digest.nextRun!()!.toISOString()).toMatch(/T01:00:00\.000Z$/);
  });

  it('a cron firing posts the previous day\'s digest once; a second firing posts nothing', async () => {
    await digestIntegration().trigger!();
    await digestIntegration().trigger!();
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
    // the clock says 25 Dec, so the digest is 24 Dec's, over the configured two-day window
    expect(JSON.parse(apis.posts('slack')[0]!.body).text).toBe('Daily digest for 23 December 2025 to 24 December 2025: 3 new reports');
    const state = JSON.parse(readFileSync(join(stateDir, 'digest-state.json'), 'utf8')) as Record<string, string>;
    // the post's id, recorded the moment Slack answered
    expect(JSON.parse(state['result:2025-12-24:slack']!)).toMatchObject({ state: 'sent', postId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('shows the last delivery per destination in /healthz and serves /v1/digest with the same options', async () => {
    await digestIntegration().runNow!(new Date('2025-12-24T01:00:00Z'));
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as { digest: Record<string, { state: string; date: string }> };
    expect(health.digest.slack).toMatchObject({ date: '2025-12-23', state: 'sent' });
    expect(health.digest.discord).toMatchObject({ date: '2025-12-23', state: 'sent' });
    const digest = (await (await fetch(`http://127.0.0.1:${server.port}/v1/digest?date=2025-12-24`)).json()) as { window: { from: string } };
    expect(digest.window.from).toBe('2025-12-23');
  });
});

describe('createDigestIntegration', () => {
  const make = (source: Record<string, string>) => createDigestIntegration({ source, dataDir: stateDir })({ config: loadConfig({}), corpus: seedCorpus(), clock, logger: silentLogger });

  it('stays off and says how to turn it on when no destination is set', async () => {
    const off = (await make({})) as DigestIntegration;
    expect(off.status.on).toBe(false);
    expect(off.status.why).toContain('DIGEST_SLACK_CHANNEL');
    expect(off.digest).toEqual({ options: {} });
  });

  it('refuses a bad cron pattern and a channel without a token, naming the variable', () => {
    expect(() => make({ DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl, DIGEST_CRON: '0 25 * * *' })).toThrow(SitrepError);
    expect(() => make({ DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl, DIGEST_CRON: 'daily' })).toThrow(/DIGEST_CRON/);
    expect(() => make({ DIGEST_SLACK_CHANNEL: 'C1' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => make({ DIGEST_DISCORD_WEBHOOK_URL: 'ftp://example' })).toThrow(/DIGEST_DISCORD_WEBHOOK_URL: must be an http\(s\) URL/);
  });
});
