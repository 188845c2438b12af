import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../../src/adapters/logger.ts';
import { findBlockProblem, type Block } from '../../../src/adapters/slack/blocks.ts';
import { createBoltSlack, type BoltSlack } from '../../../src/adapters/slack/bolt-app.ts';
import { createBoltRoute } from '../../../src/adapters/slack/bolt-route.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { FakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';
import { signedHeaders } from '../../helpers/slack-sign.ts';

const SECRET = 'test-signing-secret';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const logs: string[] = [];
const record = (level: string) => (fields: LogFields) => logs.push(`${level} ${JSON.stringify(fields)}`);
const logger: Logger = { error: record('error'), warn: record('warn'), info: record('info') };
let failNext = false;
const ask = (q: string) => {
  if (failNext) { failNext = false; throw new Error('index exploded'); }
  return answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() });
};

const api = new FakeSlackApi();
let slack: BoltSlack;
let server: ServerType;
let base = '';

beforeAll(async () => {
  await api.start();
  slack = createBoltSlack({ ask, logger, botToken: 'xoxb-test', signingSecret: SECRET, clientOptions: { slackApiUrl: api.url, retryConfig: { retries: 0 } } });
  const app = new Hono().route('/slack/events', createBoltRoute(slack.handle!));
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await api.stop();
});

const nowSec = () => Math.floor(Date.now() / 1000);
async function send(body: string, contentType: string, opts: { ageSec?: number; headers?: Record<string, string>; tamper?: boolean } = {}) {
  const headers = await signedHeaders(SECRET, body, nowSec() - (opts.ageSec ?? 0), contentType);
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { ...headers, ...opts.headers }, body: opts.tamper ? `${body} ` : body });
}
const command = (text: string) => new URLSearchParams({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: `${api.url}response`, trigger_id: '1.2.3' }).toString();
let seq = 0;
function eventBody(event: Record<string, unknown>, eventId = `Ev${++seq}`) {
  return JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: nowSec(), authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }], event: { ts: `1700000000.00${seq}`, user: 'U1', ...event } });
}
const allText = (blocks: Block[]) => JSON.stringify(blocks);

describe('Slack on Node: Bolt behind /slack/events of the same server', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await send(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers /brief in the channel with rendered blocks, -p only to the asker, and empty text with help', async () => {
    const res = await send(command('latest casualty figures'), FORM);
    expect(res.status).toBe(200);
    const reply = await res.json() as { response_type: string; text: string; blocks: Block[] };
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toMatch(/^Killed: at least 80/);
    expect(findBlockProblem(reply)).toBeNull();
    expect(allText(reply.blocks)).toContain('As of 24 December 2025');
    expect(await (await send(command('-p latest casualty figures'), FORM)).json()).toMatchObject({ response_type: 'ephemeral' });
    expect(await (await send(command(''), FORM)).json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief &lt;question&gt;') });
  });

  it('answers a mention in the thread of the mention with valid, escaped blocks', async () => {
    const before = api.posts().length;
    const res = await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> <!channel> latest casualty figures <@U777>', ts: '1700000001.000200' }), JSON_TYPE);
    expect(res.status).toBe(200);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.token).toBe('xoxb-test');
    expect(post!.args).toMatchObject({ channel: 'C9', thread_ts: '1700000001.000200', text: expect.stringMatching(/^Killed/) });
    const blocks = post!.args.blocks as Block[];
    expect(findBlockProblem({ text: post!.args.text as string, blocks })).toBeNull();
    expect(JSON.stringify(post!.args)).not.toMatch(/<!channel>|<@U777>|<!here>/);
  });

  it('answers a direct message in the conversation', async () => {
    const before = api.posts().length;
    await send(eventBody({ type: 'message', channel: 'D5', channel_type: 'im', text: 'who mediated the October accord' }), JSON_TYPE);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.args).toMatchObject({ channel: 'D5', text: expect.stringContaining('Malaysia') });
    expect(post!.args.thread_ts).toBeUndefined();
  });

  it('posts once when Slack retries an event', async () => {
    const body = eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> who mediated' }, 'EvRetried');
    const before = api.posts().length;
    expect((await send(body, JSON_TYPE)).status).toBe(200);
    await api.waitForPosts(before + 1);
    for (const n of ['1', '2']) expect((await send(body, JSON_TYPE, { headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await expect.poll(() => logs.filter((l) => l.includes('repeated event') && l.includes('EvRetried')).length).toBe(2);
    await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> when do the ministers meet' }), JSON_TYPE);
    await api.waitForPosts(before + 2);
    expect(api.posts().slice(before).filter((p) => p.args.text !== undefined && (p.args.thread_ts as string)?.length > 0)).toHaveLength(2);
  });

  it('ignores its own messages and other bots', async () => {
    const before = api.posts().length;
    await send(eventBody({ type: 'message', channel: 'D5', channel_type: 'im', user: 'UBOT', bot_id: 'BBOT', text: 'Killed: at least 80' }), JSON_TYPE);
    await send(eventBody({ type: 'app_mention', channel: 'C9', user: 'U2', bot_id: 'BOTHER', text: '<@UBOT> latest figures' }), JSON_TYPE);
    await send(eventBody({ type: 'message', channel: 'D5', channel_type: 'im', subtype: 'bot_message', bot_id: 'BOTHER', text: 'hello' }), JSON_TYPE);
    await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> latest figures' }), JSON_TYPE);
    const posts = (await api.waitForPosts(before + 1)).slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe('C9');
  });

  it('refuses unsigned, stale and tampered requests with 401 and posts nothing', async () => {
    const before = api.calls.length;
    const body = eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> latest figures' });
    expect((await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body })).status).toBe(401);
    expect((await send(body, JSON_TYPE, { ageSec: 6 * 60 })).status).toBe(401);
    expect((await send(body, JSON_TYPE, { tamper: true })).status).toBe(401);
    expect((await send(command('latest figures'), FORM, { ageSec: 6 * 60 })).status).toBe(401);
    expect(api.calls.length).toBe(before);
  });

  it('logs a failure and apologises in the thread without a stack trace', async () => {
    const before = api.posts().length;
    failNext = true;
    await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> latest figures', ts: '1700000009.000900' }), JSON_TYPE);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.args).toMatchObject({ thread_ts: '1700000009.000900', text: expect.stringMatching(/^Sorry, something went wrong/) });
    expect(JSON.stringify(post!.args)).not.toMatch(/exploded|at .*\.ts/);
    expect(logs.some((l) => l.startsWith('error') && l.includes('answering failed'))).toBe(true);
  });
});
