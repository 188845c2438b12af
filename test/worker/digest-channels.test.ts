// The digest per Slack channel inside workerd: a signed `/brief config digest on|off` through the Worker entry saves
// the setting in CHAT_KV (real miniflare KV), and the cron handler posts by it to the fake Slack API on 127.0.0.1
// (test/helpers/digest-worker-setup.ts), once per date and channel, the ledger in DIGEST_KV.
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import worker from '../../src/index/worker.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const fake = inject('digestFakeApis');
const TOKEN = 'xoxb-worker-channels';
const digestEnv = { SLACK_BOT_TOKEN: TOKEN, DIGEST_SLACK_CHANNEL: 'C0WENV', SLACK_API_URL: fake.slackApiUrl };
const secret = (env as unknown as { SLACK_SIGNING_SECRET: string }).SLACK_SIGNING_SECRET;

interface Recorded { method: string; path: string; body: string }
async function control(path: string, body?: unknown): Promise<unknown> {
  return (await fetch(`${fake.url}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })).json();
}
/** The channels of the Slack digest posts so far, sorted. */
const postedTo = async () => ((await control('/__requests')) as Recorded[])
  .filter((r) => r.method === 'POST' && r.path.startsWith('/slack/api/chat.postMessage'))
  .map((r) => (JSON.parse(r.body) as { channel: string }).channel).sort();

/** `/brief config ...` in a channel, signed, through the Worker entry with these variables: the acknowledgement's text. */
async function briefConfig(channel: string, text: string, vars: Record<string, string> = digestEnv): Promise<string> {
  const body = new URLSearchParams({ command: '/brief', text: `config ${text}`.trim(), user_id: 'U1', channel_id: channel, team_id: 'T1', response_url: `${fake.url}/chat/config`, trigger_id: '1' }).toString();
  const headers = await signedHeaders(secret, body, Math.floor(Date.now() / 1000), 'application/x-www-form-urlencoded');
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request('https://sitrep.test/slack/events', { method: 'POST', headers, body }), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  return ((await res.json()) as { text: string }).text;
}

async function runCron(at: string, vars: Record<string, string> = digestEnv): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '0 1 * * *' }), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
}

type Health = { digest: { slack: Record<string, unknown> | null; slackChannels?: Record<string, Record<string, unknown>> } };
const health = async () => (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as Health;

beforeEach(async () => { await control('/__reset'); });

// The tests share this file's KV: each builds on the channel settings the ones before saved.
describe('the digest per Slack channel in workerd', () => {
  it('posts where /brief config turned it on; not to the configured channel turned off, nor to a channel that never asked', async () => {
    expect(await briefConfig('C0WENV', '')).toContain('Daily digest here: on (this is the channel the digest is set up for).');
    expect(await briefConfig('C0WON', 'digest on')).toMatch(/Daily digest here: on\.$/);
    expect(await briefConfig('C0WENV', 'digest off')).toContain('Daily digest here: off (this is the channel the digest is set up for, but the setting here wins).');
    await briefConfig('C0WQUIET', 'visibility private');
    await runCron('2025-12-25T01:00:00Z');
    expect(await postedTo()).toEqual(['C0WON']);
    const [post] = ((await control('/__requests')) as Array<Recorded & { headers: Record<string, string> }>).filter((r) => r.path.startsWith('/slack/api/chat.postMessage'));
    expect(post!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(post!.body).text).toBe('Daily digest for 24 December 2025: 2 new reports');
    const { digest } = await health();
    expect(digest.slack).toMatchObject({ state: 'off', date: '2025-12-24' });
    expect(digest.slackChannels).toEqual({ C0WON: expect.objectContaining({ state: 'sent', date: '2025-12-24' }) });
  });

  it('a rerun for the same date posts nothing new in any channel', async () => {
    await briefConfig('C0WENV', 'digest on');
    await runCron('2025-12-24T01:00:00Z');
    expect(await postedTo()).toEqual(['C0WENV', 'C0WON']);
    await runCron('2025-12-24T01:00:30Z');
    await runCron('2025-12-24T03:00:00Z');
    expect(await postedTo()).toEqual(['C0WENV', 'C0WON']);
  });

  it('one channel failing does not stop the others; /healthz shows it, and the next run retries only it', async () => {
    await briefConfig('C0WGONE', 'digest on');
    await control('/__script', { kind: 'slack', responses: [{ status: 200, body: '{"ok":false,"error":"channel_not_found"}', channel: 'C0WGONE' }] });
    await runCron('2025-12-27T01:00:00Z');
    expect(await postedTo()).toEqual(['C0WENV', 'C0WGONE', 'C0WON']);
    const { digest } = await health();
    expect(digest.slackChannels).toMatchObject({
      C0WGONE: { state: 'failed', error: 'slack chat.postMessage failed: channel_not_found', date: '2025-12-26' },
      C0WON: { state: 'sent', date: '2025-12-26' },
    });
    expect(digest.slack).toMatchObject({ state: 'sent', date: '2025-12-26' });
    expect(JSON.stringify(digest)).not.toContain(TOKEN);
    await control('/__reset');
    await runCron('2025-12-27T02:00:00Z');
    expect(await postedTo()).toEqual(['C0WGONE']);
  });

  it('without a bot token, /brief config says the digest cannot be posted, and the cron reports each channel instead', async () => {
    const commandsOnly = { SLACK_BOT_TOKEN: '', DIGEST_SLACK_CHANNEL: '', SLACK_API_URL: fake.slackApiUrl };
    expect(await briefConfig('C0WON', '', commandsOnly)).toContain('Daily digest here: on. It cannot be posted yet: this sitrep has no Slack bot token (SLACK_BOT_TOKEN) to post it with.');
    await runCron('2025-12-29T01:00:00Z', commandsOnly);
    expect(await control('/__requests')).toEqual([]);
    const { digest } = await health();
    expect(digest.slackChannels).toMatchObject({
      C0WON: { state: 'failed', date: '2025-12-28', error: expect.stringContaining('set SLACK_BOT_TOKEN') },
      C0WGONE: { state: 'failed', date: '2025-12-28', error: expect.stringContaining('set SLACK_BOT_TOKEN') },
    });
  });
});
