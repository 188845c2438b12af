// `sitrep serve` end to end: a signed `/brief config digest on|off` through Bolt saves the channel's setting (in the
// data folder's settings file), and the digest's cron run posts by it to a local fake Slack API, once per channel.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { loadConfig } from '../../src/index/config.ts';
import { createDigestIntegration, type DigestIntegration } from '../../src/index/digest-integration.ts';
import { nodeChatStore } from '../../src/index/node-chat-store.ts';
import { startServer, type RunningServer } from '../../src/index/node.ts';
import { createSlackIntegration } from '../../src/index/slack-integration.ts';
import { startFakeDigestApis, type FakeDigestApis } from '../helpers/fake-digest-apis.ts';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { seedCorpus } from '../helpers/seed-corpus.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const SECRET = 'digest-channels-signing-secret';
const TOKEN = 'xoxb-digest-channels';
// Bolt's own Web API calls go to one fake; the digest's posts to the other, which keeps each channel's messages.
const boltApi = new FakeSlackApi();
let apis: FakeDigestApis;
let server: RunningServer;
let dataDir: string;

const start = (dir: string) => {
  const shared = { SLACK_BOT_TOKEN: TOKEN, DIGEST_SLACK_CHANNEL: 'C0SERVE' };
  const clock = { now: () => new Date() };
  return startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1' }), corpus: seedCorpus(), clock, logger: silentLogger, store: nodeChatStore(dir, clock),
    integrations: [
      createSlackIntegration({ source: { ...shared, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: boltApi.url } }),
      createDigestIntegration({ source: { ...shared, SLACK_API_URL: apis.slackApiUrl }, dataDir: dir, claimSettleMs: 0, sleep: async () => {} }),
    ],
  });
};

beforeAll(async () => {
  await boltApi.start();
  apis = await startFakeDigestApis();
  dataDir = mkdtempSync(join(tmpdir(), 'sitrep-digest-channels-'));
  server = await start(dataDir);
});
afterAll(async () => {
  await server?.close();
  await apis?.close();
  await boltApi.stop();
});
beforeEach(() => apis.reset());

/** `/brief config ...` in a channel, signed as Slack signs it; the acknowledgement's text. */
async function briefConfig(channel: string, text: string): Promise<string> {
  const body = new URLSearchParams({ command: '/brief', text: `config ${text}`.trim(), user_id: 'U1', channel_id: channel, team_id: 'T1', response_url: `${boltApi.url}r`, trigger_id: '1' }).toString();
  const headers = await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000), 'application/x-www-form-urlencoded');
  const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST', headers, body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { text: string }).text;
}

const digest = () => server.integrations.find((i) => i.name === 'digest') as DigestIntegration;

describe('the digest per channel in sitrep serve', () => {
  it('/brief config says which channels get the digest, before and after turning it on', async () => {
    expect(await briefConfig('C0SERVE', '')).toContain('Daily digest here: on (this is the channel the digest is set up for).');
    expect(await briefConfig('C0ON', '')).toContain('Daily digest here: off (the default).');
    expect(await briefConfig('C0ON', 'digest on')).toMatch(/^Saved\. .*Daily digest here: on\.$/);
  });

  it('the cron run posts to the configured channel and to the channel that turned it on, once each', async () => {
    await digest().runNow!(new Date('2025-12-25T01:00:00Z'));
    await digest().runNow!(new Date('2025-12-25T01:05:00Z'));
    expect(apis.slackChannels().sort()).toEqual(['C0ON', 'C0SERVE']);
    for (const post of apis.posts('slack')) {
      expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(post.body).text).toBe('Daily digest for 24 December 2025: 2 new reports');
    }
  });

  it('/brief config digest off in the configured channel stops its digest, and /healthz says so per channel', async () => {
    expect(await briefConfig('C0SERVE', 'digest off')).toContain('Daily digest here: off (this is the channel the digest is set up for, but the setting here wins).');
    await digest().runNow!(new Date('2025-12-26T01:00:00Z'));
    expect(apis.slackChannels()).toEqual(['C0ON']);
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as { digest: { slack: unknown; slackChannels: Record<string, unknown> } };
    expect(health.digest.slack).toMatchObject({ state: 'off', date: '2025-12-25' });
    expect(health.digest.slackChannels).toEqual({ C0ON: expect.objectContaining({ state: 'sent', date: '2025-12-25' }) });
    expect(JSON.stringify(health)).not.toContain(TOKEN);
  });

  it('keeps the settings across a restart: the next process posts to the same channels', async () => {
    await server.close();
    server = await start(dataDir);
    await digest().runNow!(new Date('2025-12-27T01:00:00Z'));
    expect(apis.slackChannels()).toEqual(['C0ON']);
  });

  it('says on start-up where the digest goes', () => {
    expect(digest().status).toEqual({ on: true, why: 'slack at "0 1 * * *" UTC' });
  });
});

describe('the digest schedule with only a Slack bot token', () => {
  it('is on for the channels that turn it on, and a run with none posts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-digest-token-only-'));
    const clock = { now: () => new Date('2025-12-25T01:00:00Z') };
    const integration = (await createDigestIntegration({ source: { SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apis.slackApiUrl }, dataDir: dir, claimSettleMs: 0, sleep: async () => {} })({
      config: loadConfig({}), corpus: seedCorpus(), clock, logger: silentLogger, store: nodeChatStore(dir, clock),
    })) as DigestIntegration;
    expect(integration.status).toEqual({ on: true, why: 'slack channels that turn it on (/brief config digest on) at "0 1 * * *" UTC' });
    expect((await integration.runNow!()).results).toEqual({});
    await nodeChatStore(dir, clock).saveChannelSettings('C0SOLO', { digest: true });
    expect((await integration.runNow!()).results).toEqual({ 'slack:C0SOLO': expect.objectContaining({ state: 'sent' }) });
    expect(apis.slackChannels()).toEqual(['C0SOLO']);
  });
});
