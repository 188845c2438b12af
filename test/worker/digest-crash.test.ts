// Exactly once after a crash, inside workerd: a cron run that stopped midway left its claim in DIGEST_KV. The next
// run looks in the channel (the fake Slack and Discord APIs on 127.0.0.1) before it posts, and /healthz says so.
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import worker from '../../src/index/worker.ts';

const fake = inject('digestFakeApis');
const digestEnv = {
  SLACK_BOT_TOKEN: 'xoxb-worker-crash', DIGEST_SLACK_CHANNEL: 'C0CRASH', SLACK_API_URL: fake.slackApiUrl,
  DIGEST_DISCORD_WEBHOOK_URL: fake.discordWebhookUrl, DISCORD_TOKEN: 'worker-crash-bot',
};
const kv = (env as unknown as { DIGEST_KV: { put(key: string, value: string): Promise<void>; get(key: string): Promise<string | null> } }).DIGEST_KV;

interface Recorded { method: string; path: string; body: string }
async function control(path: string, body?: unknown): Promise<unknown> {
  return (await fetch(`${fake.url}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })).json();
}
const posts = async (kind: 'slack' | 'discord') => ((await control('/__requests')) as Recorded[])
  .filter((r) => r.method === 'POST' && r.path.startsWith(kind === 'slack' ? '/slack/api/chat.postMessage' : '/discord/api/webhooks/'));

async function runCron(at: string): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '0 1 * * *' }), { ...env, ...digestEnv }, ctx);
  await waitOnExecutionContext(ctx);
}

beforeEach(async () => { await control('/__reset'); });

describe('the scheduled digest after a run that stopped midway (workerd)', () => {
  it('finds the post the stopped run made and does not post again; a run stopped before posting is finished', async () => {
    const stoppedAt = new Date(Date.now() - 20 * 60_000).toISOString();
    await kv.put('digest:2025-12-29:slack', JSON.stringify({ state: 'posting', runId: 'stopped', at: stoppedAt }));
    await kv.put('digest:2025-12-29:discord', JSON.stringify({ state: 'claimed', runId: 'stopped', at: stoppedAt }));
    // What the stopped run's request left in the Slack channel: its text and the digest marker.
    await fetch(`${fake.slackApiUrl}chat.postMessage`, {
      method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0CRASH', text: 'No new reports for 29 December 2025.', metadata: { event_type: 'sitrep_digest', event_payload: { date: '2025-12-29' } } }),
    });

    await runCron('2025-12-30T01:00:00Z');
    expect(await posts('slack')).toHaveLength(1); // only the stopped run's
    expect(await posts('discord')).toHaveLength(1);
    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { digest: Record<string, { state: string; recovered?: string; postId?: string }> };
    expect(health.digest.slack).toMatchObject({ state: 'already_sent', recovered: 'found_in_channel' });
    expect(health.digest.discord).toMatchObject({ state: 'sent', recovered: 'posted', postId: expect.stringMatching(/^\d+$/) });
    expect(JSON.parse((await kv.get('result:2025-12-29:discord'))!)).toMatchObject({ state: 'sent', postId: health.digest.discord!.postId });
  });

  it('the next day\'s run retries a date a stopped run left open', async () => {
    await kv.put('digest:2025-12-30:slack', JSON.stringify({ state: 'claimed', runId: 'stopped', at: '2025-12-31T01:00:00Z' }));
    await runCron('2026-01-01T01:00:00Z');
    const texts = (await posts('slack')).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(texts).toEqual(['No new reports for 30 December 2025.', 'No new reports for 31 December 2025.']);
  });
});
