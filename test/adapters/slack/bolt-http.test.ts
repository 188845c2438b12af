// Slack on Node: the real Bolt app behind /slack/events of a hono server, talking to a fake Slack API on 127.0.0.1
// (Web API methods and response_url alike), with the real core behind an `ask` that records the history it gets.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatRateLimiter } from '../../../src/adapters/chat-rate-limit.ts';
import type { LogFields, Logger } from '../../../src/adapters/logger.ts';
import { findBlockProblem, type Block } from '../../../src/adapters/slack/blocks.ts';
import { createBoltSlack, type BoltSlack } from '../../../src/adapters/slack/bolt-app.ts';
import { createBoltRoute } from '../../../src/adapters/slack/bolt-route.ts';
import { renderAnswer } from '../../../src/adapters/slack/render-answer.ts';
import { ChatStore } from '../../../src/adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../../../src/adapters/store/memory-key-value.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { FakeSlackApi, type SlackApiCall } from '../../helpers/fake-slack-api.ts';
import { coreResolvesFollowUps, EXCHANGE } from '../../helpers/follow-ups.ts';
import { recordingAsk } from '../../helpers/recording-ask.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';
import { signedHeaders } from '../../helpers/slack-sign.ts';

const SECRET = 'test-signing-secret';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const logs: string[] = [];
const record = (level: string) => (fields: LogFields) => logs.push(`${level} ${JSON.stringify(fields)}`);
const logger: Logger = { error: record('error'), warn: record('warn'), info: record('info') };
const core = recordingAsk(seedCorpus());
const store = new ChatStore(new MemoryKeyValue());
const FOLLOW_UPS_READY = coreResolvesFollowUps(seedCorpus(), core.clock);

const api = new FakeSlackApi();
let slack: BoltSlack;
let server: ServerType;
let base = '';

beforeAll(async () => {
  await api.start();
  slack = createBoltSlack({
    ask: core.ask, logger, botToken: 'xoxb-test', signingSecret: SECRET, store,
    limiter: new ChatRateLimiter({ now: () => new Date() }, { user: { limit: 1000, windowSeconds: 60 }, channel: { limit: 1000, windowSeconds: 60 } }),
    about: async () => ({ articles: 5, newest: '2025-12-24', titles: ['Talks resume'], examples: ['latest casualty figures'] }),
    clientOptions: { slackApiUrl: api.url, retryConfig: { retries: 0 } },
  });
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
let seq = 0;
const command = (text: string, extra: Record<string, string> = {}) => new URLSearchParams({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: `${api.url}response-${++seq}`, trigger_id: `1.2.${seq}`, ...extra }).toString();
function eventBody(event: Record<string, unknown>, eventId = `Ev${++seq}`) {
  return JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: nowSec(), authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }], event: { ts: `1700000000.00${seq}`, user: 'U1', ...event } });
}
const click = (actionId: string, value: string, triggerId = `click-${++seq}`, user = 'U1') => new URLSearchParams({
  payload: JSON.stringify({
    type: 'block_actions', trigger_id: triggerId, response_url: `${api.url}response-click-${seq}`, user: { id: user, name: 'dana' },
    channel: { id: 'C1' }, container: { channel_id: 'C1', is_ephemeral: true }, team: { id: 'T1' }, api_app_id: 'A1', token: 't',
    actions: [{ action_id: actionId, block_id: 'b', value, type: 'button', action_ts: '1700000000.1' }],
  }),
}).toString();
const responses = () => api.calls.filter((c) => c.method.startsWith('response'));
const allText = (blocks: Block[]) => JSON.stringify(blocks);
const buttonsOf = (call: SlackApiCall) => ((call.args.blocks as Block[]).find((b) => b.type === 'actions') as { elements: Array<{ action_id: string; value: string }> } | undefined)?.elements ?? [];

describe('Slack on Node: Bolt behind /slack/events of the same server', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await send(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('acknowledges /brief at once, then answers through response_url in the channel, -p only to the asker with its question', async () => {
    const res = await send(command('latest casualty figures'), FORM);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: 'Looking into: latest casualty figures' });
    const [reply] = await api.waitFor('response-' + seq, 1);
    expect(reply!.args).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Killed: at least 80/) });
    expect(findBlockProblem({ text: reply!.args.text as string, blocks: reply!.args.blocks as Block[] })).toBeNull();
    expect(allText(reply!.args.blocks as Block[])).toContain('As of 24 December 2025');
    expect(buttonsOf(reply!).map((b) => b.action_id)).toEqual(['sitrep_helpful', 'sitrep_not_helpful']);

    await send(command('-p who mediated the October accord'), FORM);
    const [own] = await api.waitFor('response-' + seq, 1);
    expect(own!.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Malaysia') });
    expect(allText(own!.args.blocks as Block[])).toContain('You asked: who mediated the October accord');
    expect(buttonsOf(own!).map((b) => b.action_id)).toEqual(['sitrep_helpful', 'sitrep_not_helpful', 'sitrep_share']);
    expect(await (await send(command(''), FORM)).json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief &lt;question&gt;') });
  });

  it('still answers through response_url when the core takes 4 s: the acknowledgement does not wait for it', async () => {
    core.state.delayMs = 4000;
    try {
      const asked = core.calls.length;
      const res = await send(command('how many displaced?'), FORM);
      expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: 'Looking into: how many displaced?' });
      // acknowledged while the core was still working on it
      expect(core.calls.length).toBe(asked + 1);
      expect(api.calls.filter((c) => c.method === `response-${seq}`)).toHaveLength(0);
      const [reply] = await api.waitFor(`response-${seq}`, 1, 10_000);
      expect(reply!.args).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Displaced/) });
      expect(logs.filter((l) => l.includes('multiple') || l.includes('no listener acknowledged'))).toEqual([]);
    } finally {
      core.state.delayMs = 0;
    }
  });

  it('answers a mention in its thread, marking the question while it works, then a reply in that thread without a mention', async () => {
    const before = api.posts().length;
    const res = await send(eventBody({ type: 'app_mention', channel: 'C9', text: `<@UBOT> <!channel> ${EXCHANGE.first} <@U777>`, ts: '1700000001.000200' }), JSON_TYPE);
    expect(res.status).toBe(200);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.token).toBe('xoxb-test');
    expect(post!.args).toMatchObject({ channel: 'C9', thread_ts: '1700000001.000200', text: expect.stringContaining('Malaysia') });
    expect(findBlockProblem({ text: post!.args.text as string, blocks: post!.args.blocks as Block[] })).toBeNull();
    expect(JSON.stringify(post!.args)).not.toMatch(/<!channel>|<@U777>|<!here>/);
    const methods = api.calls.map((c) => c.method);
    const added = methods.lastIndexOf('reactions.add');
    expect(added).toBeGreaterThan(-1);
    expect(api.calls[added]!.args).toMatchObject({ channel: 'C9', timestamp: '1700000001.000200', name: 'hourglass_flowing_sand' });
    await api.waitFor('reactions.remove', api.calls.filter((c) => c.method === 'reactions.add').length);

    const asked = core.calls.length;
    await send(eventBody({ type: 'message', channel: 'C9', channel_type: 'channel', text: EXCHANGE.followUp, thread_ts: '1700000001.000200', ts: '1700000002.000300' }), JSON_TYPE);
    const [followUp] = (await api.waitForPosts(before + 2)).slice(before + 1);
    expect(followUp!.args).toMatchObject({ channel: 'C9', thread_ts: '1700000001.000200' });
    // the earlier question reached the core as history
    expect(core.calls[asked]).toMatchObject({ question: EXCHANGE.followUp, history: [{ question: expect.stringContaining(EXCHANGE.first) }] });
  });

  it.skipIf(!FOLLOW_UPS_READY)('gives a thread follow-up the answer its history implies, not the one-shot answer', async () => {
    const before = api.posts().length;
    await send(eventBody({ type: 'app_mention', channel: 'C8', text: `<@UBOT> ${EXCHANGE.first}`, ts: '1700000011.000100' }), JSON_TYPE);
    await api.waitForPosts(before + 1);
    await send(eventBody({ type: 'message', channel: 'C8', channel_type: 'channel', text: EXCHANGE.followUp, thread_ts: '1700000011.000100', ts: '1700000012.000100' }), JSON_TYPE);
    const [, second] = (await api.waitForPosts(before + 2)).slice(before);
    const first = answerQuestion(`<@UBOT> ${EXCHANGE.first}`, { corpus: seedCorpus(), clock: core.clock });
    const withHistory = answerQuestion(EXCHANGE.followUp, { corpus: seedCorpus(), clock: core.clock, history: [{ question: first.question, query: first.query }] });
    const oneShot = answerQuestion(EXCHANGE.followUp, { corpus: seedCorpus(), clock: core.clock });
    expect(second!.args.text).toBe(renderAnswer(withHistory).text);
    expect(second!.args.text).not.toBe(renderAnswer(oneShot).text);
  });

  it('leaves replies alone in threads where it has not spoken', async () => {
    const asked = core.calls.length;
    const before = api.posts().length;
    await send(eventBody({ type: 'message', channel: 'C9', channel_type: 'channel', text: 'who signed it?', thread_ts: '1600000000.000001', ts: '1600000001.000001' }), JSON_TYPE);
    await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> when do the ministers meet' }), JSON_TYPE);
    await api.waitForPosts(before + 1);
    expect(api.posts().slice(before)).toHaveLength(1);
    expect(core.calls.slice(asked).map((c) => c.question)).toEqual(['<@UBOT> when do the ministers meet']);
  });

  it('answers a direct message in the conversation', async () => {
    const before = api.posts().length;
    await send(eventBody({ type: 'message', channel: 'D5', channel_type: 'im', text: 'who mediated the October accord' }), JSON_TYPE);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.args).toMatchObject({ channel: 'D5', text: expect.stringContaining('Malaysia') });
    expect(post!.args.thread_ts).toBeUndefined();
  });

  it('records a Helpful click with the question, answer and channel, once however often it is delivered', async () => {
    await send(command('-p latest casualty figures'), FORM);
    const [own] = await api.waitFor(`response-${seq}`, 1);
    const answerId = buttonsOf(own!)[0]!.value;
    const body = click('sitrep_helpful', answerId, 'trigger-helpful');
    expect((await send(body, FORM)).status).toBe(200);
    expect((await send(body, FORM, { headers: { 'x-slack-retry-num': '1' } })).status).toBe(200);
    await send(click('sitrep_not_helpful', answerId, 'trigger-other', 'U2'), FORM);
    await expect.poll(async () => (await store.feedback()).filter((f) => f.answerId === answerId).length).toBe(2);
    const votes = (await store.feedback()).filter((f) => f.answerId === answerId);
    expect(votes.find((v) => v.user === 'U1')).toMatchObject({ vote: 'helpful', question: 'latest casualty figures', channel: 'C1', answer: expect.stringMatching(/^Killed/) });
    expect(await store.feedbackCounts()).toMatchObject({ helpful: 1, not_helpful: 1 });
    await expect.poll(() => responses().filter((r) => r.args.text === 'Thanks: noted as helpful.').length).toBe(1);
  });

  it('shares a private answer in the channel through response_url, once', async () => {
    await send(command('-p who mediated the October accord'), FORM);
    const [own] = await api.waitFor(`response-${seq}`, 1);
    const answerId = buttonsOf(own!).find((b) => b.action_id === 'sitrep_share')!.value;
    await send(click('sitrep_share', answerId), FORM);
    await send(click('sitrep_share', answerId), FORM);
    await expect.poll(() => responses().filter((r) => r.args.response_type === 'in_channel' && JSON.stringify(r.args).includes('Shared by dana')).length).toBe(1);
    const shared = responses().find((r) => JSON.stringify(r.args).includes('Shared by dana'))!;
    expect(shared.args).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Malaysia') });
    expect(buttonsOf(shared)).toEqual([]);
    await expect.poll(() => responses().some((r) => r.args.text === 'This answer is already shared in the channel.')).toBe(true);
  });

  it('publishes App Home with what it follows, example questions and channel settings', async () => {
    await send(command('config visibility private', { channel_id: 'C42' }), FORM);
    await send(eventBody({ type: 'app_home_opened', user: 'U1', channel: 'D5', tab: 'home' }), JSON_TYPE);
    const [home] = await api.waitFor('views.publish', 1);
    expect(home!.args.user_id).toBe('U1');
    const text = JSON.stringify(home!.args.view);
    expect(text).toContain('I follow 5 articles, the newest from 24 December 2025');
    expect(text).toContain('/brief latest casualty figures');
    expect(text).toContain('<#C42>: answers only to the asker');
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
    expect(api.posts().slice(before)).toHaveLength(2);
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
    expect((await send(click('sitrep_helpful', 'x'), FORM, { tamper: true })).status).toBe(401);
    // (a reactions.remove of the test before may still arrive; nothing is posted, marked or answered)
    expect(api.calls.slice(before).filter((c) => c.method !== 'reactions.remove')).toEqual([]);
  });

  it('logs a failure and apologises in the thread without a stack trace', async () => {
    const before = api.posts().length;
    core.state.fail = true;
    await send(eventBody({ type: 'app_mention', channel: 'C9', text: '<@UBOT> latest figures', ts: '1700000009.000900' }), JSON_TYPE);
    const [post] = (await api.waitForPosts(before + 1)).slice(before);
    expect(post!.args).toMatchObject({ thread_ts: '1700000009.000900', text: expect.stringMatching(/^Sorry, something went wrong/) });
    expect(JSON.stringify(post!.args)).not.toMatch(/exploded|at .*\.ts/);
    expect(logs.some((l) => l.startsWith('error') && l.includes('answering failed'))).toBe(true);
  });
});

describe('Slack rate limit on Node', () => {
  it('answers a person over the limit with a polite note only they see, and asks the core nothing', async () => {
    const limitedApi = await new FakeSlackApi().start();
    const limited = recordingAsk(seedCorpus());
    const app = createBoltSlack({
      ask: limited.ask, logger, botToken: 'xoxb-test', signingSecret: SECRET,
      limiter: new ChatRateLimiter({ now: () => new Date() }, { user: { limit: 1, windowSeconds: 60 }, channel: { limit: 10, windowSeconds: 60 } }),
      clientOptions: { slackApiUrl: limitedApi.url, retryConfig: { retries: 0 } },
    });
    try {
      const post = async (body: string, type: string) => app.handle!(new Request('http://x/slack/events', { method: 'POST', headers: await signedHeaders(SECRET, body, nowSec(), type), body }));
      await post(eventBody({ type: 'app_mention', channel: 'C5', text: '<@UBOT> latest figures' }), JSON_TYPE);
      await limitedApi.waitForPosts(1);
      await post(eventBody({ type: 'app_mention', channel: 'C5', text: '<@UBOT> who mediated' }), JSON_TYPE);
      const [note] = await limitedApi.waitFor('chat.postEphemeral', 1);
      expect(note!.args).toMatchObject({ channel: 'C5', user: 'U1', text: expect.stringMatching(/^You're asking faster than I can keep up with/) });
      const slash = await (await post(command('latest figures', { channel_id: 'C5' }), FORM)).json();
      expect(slash).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^You're asking faster/) });
      expect(limited.calls).toHaveLength(1);
    } finally {
      await limitedApi.stop();
    }
  });
});
