// The daily digest's cron handler inside workerd: posts to fake Slack and Discord APIs on 127.0.0.1 (run on Node by
// test/helpers/digest-worker-setup.ts), once per date and destination, with the ledger in the DIGEST_KV namespace.
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import worker from '../../src/index/worker.ts';

const fake = inject('digestFakeApis');
const digestEnv = {
  SLACK_BOT_TOKEN: 'xoxb-worker-test', DIGEST_SLACK_CHANNEL: 'C0WORKER', SLACK_API_URL: fake.slackApiUrl,
  DIGEST_DISCORD_WEBHOOK_URL: fake.discordWebhookUrl,
};

interface Recorded { method: string; path: string; body: string; headers: Record<string, string> }

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}
const requests = async () => (await control('/__requests')) as Recorded[];
const posts = async (kind: 'slack' | 'discord') => (await requests()).filter((r) => r.method === 'POST' && r.path.startsWith(kind === 'slack' ? '/slack/api/chat.postMessage' : '/discord/api/webhooks/'));
const script = (kind: 'slack' | 'discord', ...responses: Array<{ status: number; headers?: Record<string, string>; body?: string }>) => control('/__script', { kind, responses });

/** Runs the cron handler as the runtime would at `at` (UTC), and waits for its waitUntil work. */
async function runCron(at: string, extra: Record<string, unknown> = {}): Promise<void> {
  const controller = createScheduledController({ scheduledTime: new Date(at), cron: '0 1 * * *' });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, { ...env, ...digestEnv, ...extra }, ctx);
  await waitOnExecutionContext(ctx);
}

beforeEach(async () => { await control('/__reset'); });

describe('the scheduled digest in workerd', () => {
  it('posts the previous day\'s digest to Slack and to Discord', async () => {
    await runCron('2025-12-25T01:00:00Z');
    const [slack] = await posts('slack');
    expect(slack).toBeDefined();
    expect(slack!.headers.authorization).toBe('Bearer xoxb-worker-test');
    const message = JSON.parse(slack!.body) as { channel: string; text: string; blocks: unknown[] };
    expect(message.channel).toBe('C0WORKER');
    expect(message.text).toBe('Daily digest for 24 December 2025: 2 new reports');
    expect(JSON.stringify(message.blocks)).toContain('killed: at least 41 (22 Dec) -&gt; at least 80 (24 Dec)');
    const [discord] = await posts('discord');
    const embed = (JSON.parse(discord!.body) as { embeds: Array<{ title: string; description: string }> }).embeds[0]!;
    expect(embed.title).toBe('Daily digest for 24 December 2025: 2 new reports');
    expect(embed.description).toContain('27 December 2025');
  });

  it('running it twice for the same day posts once', async () => {
    await runCron('2025-12-24T01:00:00Z');
    await runCron('2025-12-24T01:00:30Z');
    expect(await posts('slack')).toHaveLength(1);
    expect(await posts('discord')).toHaveLength(1);
    expect(JSON.parse((await posts('slack'))[0]!.body).text).toBe('Daily digest for 23 December 2025: 1 new report');
  });

  it('a 429 followed by success posts once', async () => {
    await script('slack', { status: 429, headers: { 'retry-after': '1' }, body: '{"ok":false,"error":"ratelimited"}' });
    await script('discord', { status: 429, headers: { 'retry-after': '1' }, body: '{"message":"You are being rate limited.","retry_after":1,"global":false}' });
    await runCron('2025-12-23T01:00:00Z');
    await runCron('2025-12-23T02:00:00Z');
    // one refused attempt and one accepted post each; the second run posts nothing
    expect(await posts('slack')).toHaveLength(2);
    expect(await posts('discord')).toHaveLength(2);
    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { digest: Record<string, { state: string; date: string }> };
    expect(health.digest.slack).toMatchObject({ date: '2025-12-22', state: 'already_sent' });
  });

  it('a failing destination does not block the other, shows in /healthz, and is retried by the next run', async () => {
    await script('slack', { status: 200, body: '{"ok":false,"error":"channel_not_found"}' });
    await runCron('2025-12-26T01:00:00Z');
    expect(await posts('discord')).toHaveLength(1);
    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { digest: Record<string, { state: string; date: string; error?: string }> };
    expect(health.digest.slack).toMatchObject({ date: '2025-12-25', state: 'failed', error: 'slack chat.postMessage failed: channel_not_found' });
    expect(health.digest.discord).toMatchObject({ date: '2025-12-25', state: 'sent' });
    await runCron('2025-12-26T01:05:00Z');
    expect(await posts('slack')).toHaveLength(2);
    expect(await posts('discord')).toHaveLength(1);
  });

  it('posts nothing without a destination', async () => {
    await runCron('2025-12-28T01:00:00Z', { DIGEST_SLACK_CHANNEL: '', DIGEST_DISCORD_WEBHOOK_URL: '' });
    expect(await requests()).toHaveLength(0);
  });
});

describe('GET /v1/digest in workerd', () => {
  it('answers the Digest JSON for a date', async () => {
    const res = await SELF.fetch('https://sitrep.test/v1/digest?date=2025-12-24', {
      headers: { Authorization: `Bearer ${inject('workerBindings').SITREP_API_TOKEN}`, 'CF-Connecting-IP': '198.51.100.7' },
    });
    expect(res.status).toBe(200);
    const digest = (await res.json()) as { upcoming: Array<{ date: string }>; articles: unknown[] };
    expect(digest.articles).toHaveLength(2);
    expect(digest.upcoming.map((e) => e.date)).toContain('2025-12-27');
  });
});
