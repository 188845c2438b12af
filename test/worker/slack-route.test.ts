// The Slack route inside workerd: Web Crypto signatures, slash commands in the acknowledgement, mentions posted
// with chat.postMessage after it (waitUntil), retries dropped. The Slack Web API is a recording fetch.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { findBlockProblem, type Block, type SlackMessage } from '../../src/adapters/slack/blocks.ts';
import { MemoryDedupStore } from '../../src/adapters/slack/dedup-store.ts';
import { createSlackEdgeRoute } from '../../src/adapters/slack/edge-route.ts';
import { verifySlackSignature } from '../../src/adapters/slack/verify-signature.ts';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { loadCorpus } from '../../src/core/store/corpus-index.ts';
import bundledIndex from '../../data/index.json';
import { SLACK_DOC_EXAMPLE as DOC, signedHeaders } from '../helpers/slack-sign.ts';

const SECRET = 'worker-test-signing-secret';
const corpus = loadCorpus(typeof bundledIndex === 'string' ? JSON.parse(bundledIndex) : bundledIndex);
const clock = { now: () => new Date() };

function setup(options: { fail?: boolean; delayMs?: number } = {}) {
  const posts: Array<{ url: string; auth: string | null; body: Record<string, unknown> }> = [];
  const asked: Array<{ q: string; history: string[] }> = [];
  const reactions: Array<{ url: string; auth: string | null; body: Record<string, unknown> }> = [];
  const background: Promise<unknown>[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    // reactions (the working signal) are kept apart from what is posted
    (request.url.includes('/reactions.') ? reactions : posts).push({ url: request.url, auth: request.headers.get('authorization'), body: await request.json() });
    return Response.json({ ok: true, ts: '1700000999.000100' });
  }) as typeof fetch;
  const route = createSlackEdgeRoute({
    ask: async (q, history) => {
      asked.push({ q, history: history.map((t) => t.question) });
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.fail) throw new Error('index exploded');
      return answerQuestion(q, { corpus, clock, history });
    },
    logger: silentLogger, signingSecret: SECRET, botToken: 'xoxb-worker', apiUrl: 'https://slack.test/api/',
    fetch: fakeFetch, dedup: new MemoryDedupStore(), now: () => Date.now(),
    waitUntil: (work) => { background.push(work); },
  });
  const send = async (body: string, contentType: string, opts: { ageSec?: number; extra?: Record<string, string>; tamper?: boolean } = {}) => {
    const headers = await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000) - (opts.ageSec ?? 0), contentType);
    return route.request('/', { method: 'POST', headers: { ...headers, ...opts.extra }, body: opts.tamper ? body.replace('C1', 'C2') : body });
  };
  const settle = () => Promise.all(background);
  return { posts, send, settle, route, asked, reactions };
}

const command = (text: string) => new URLSearchParams({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.test/x', trigger_id: '1' }).toString();
const mention = (text: string, eventId = 'Ev1', extra: Record<string, unknown> = {}) => JSON.stringify({
  type: 'event_callback', team_id: 'T1', event_id: eventId, authorizations: [{ team_id: 'T1', user_id: 'UBOT' }],
  event: { type: 'app_mention', channel: 'C1', user: 'U1', text, ts: '1700000300.000100', ...extra },
});

describe('Slack route on Workers', () => {
  it("verifies Slack's documented example with Web Crypto in workerd", async () => {
    const headers = { 'x-slack-request-timestamp': String(DOC.timestamp), 'x-slack-signature': DOC.signature };
    expect(await verifySlackSignature({ signingSecret: DOC.secret, headers, rawBody: DOC.body, now: DOC.timestamp * 1000 })).toEqual({ ok: true });
    expect((await verifySlackSignature({ signingSecret: DOC.secret, headers, rawBody: `${DOC.body}x`, now: DOC.timestamp * 1000 })).ok).toBe(false);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await setup().send(JSON.stringify({ type: 'url_verification', challenge: 'c-123' }), 'application/json');
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('acknowledges /brief at once and answers through response_url inside waitUntil, even with a core slowed to 4 s', async () => {
    const { send, posts, settle, asked } = setup({ delayMs: 4000 });
    const res = await send(command('latest casualty figures'), 'application/x-www-form-urlencoded');
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: 'Looking into: latest casualty figures' });
    // acknowledged while the core was still working
    expect(asked).toHaveLength(1);
    expect(posts).toHaveLength(0);
    await settle();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('https://hooks.slack.test/x');
    const reply = posts[0]!.body as unknown as SlackMessage & { response_type: string };
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toMatch(/^Killed: at least 80/);
    expect(findBlockProblem(reply)).toBeNull();
  });

  it('answers help in the acknowledgement, and -p only to the asker', async () => {
    const { send, posts, settle } = setup();
    expect(await (await send(command(''), 'application/x-www-form-urlencoded')).json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief') });
    await send(command('-p who mediated'), 'application/x-www-form-urlencoded');
    await settle();
    expect(posts.map((p) => p.body.response_type)).toEqual(['ephemeral']);
  });

  it('answers a reply in its thread without a mention, with the earlier question as history', async () => {
    const { send, posts, settle, asked, reactions } = setup();
    await send(mention('<@UBOT> who mediated the October accord', 'EvT1'), 'application/json');
    await settle();
    const reply = JSON.stringify({
      type: 'event_callback', team_id: 'T1', event_id: 'EvT2', authorizations: [{ team_id: 'T1', user_id: 'UBOT' }],
      event: { type: 'message', channel: 'C1', channel_type: 'channel', user: 'U1', text: 'who signed it?', ts: '1700000301.000100', thread_ts: '1700000300.000100' },
    });
    await send(reply, 'application/json');
    await settle();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ channel: 'C1', thread_ts: '1700000300.000100' });
    expect(asked[1]).toEqual({ q: 'who signed it?', history: ['<@UBOT> who mediated the October accord'] });
    expect(reactions.map((r) => r.url.split('/').pop())).toEqual(['reactions.add', 'reactions.remove', 'reactions.add', 'reactions.remove']);
  });

  it('records a button click once and shares a private answer through response_url', async () => {
    const { send, posts, settle } = setup();
    await send(command('-p who mediated the October accord'), 'application/x-www-form-urlencoded');
    await settle();
    const blocks = posts[0]!.body.blocks as Block[];
    const buttons = (blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string; value: string }> }).elements;
    const click = (actionId: string, trigger: string) => new URLSearchParams({ payload: JSON.stringify({
      type: 'block_actions', trigger_id: trigger, response_url: 'https://hooks.slack.test/click', user: { id: 'U1', name: 'dana' },
      channel: { id: 'C1' }, actions: [{ action_id: actionId, value: buttons.find((b) => b.action_id === actionId)!.value, action_ts: '1.1' }],
    }) }).toString();
    for (const _ of [1, 2]) expect((await send(click('sitrep_helpful', 'trig-1'), 'application/x-www-form-urlencoded')).status).toBe(200);
    await send(click('sitrep_share', 'trig-2'), 'application/x-www-form-urlencoded');
    await settle();
    const clicks = posts.filter((p) => p.url === 'https://hooks.slack.test/click').map((p) => p.body);
    expect(clicks.filter((b) => b.text === 'Thanks: noted as helpful.')).toHaveLength(1);
    expect(clicks.find((b) => b.response_type === 'in_channel')).toMatchObject({ text: expect.stringContaining('Malaysia') });
  });

  it('answers a mention in its thread with chat.postMessage after the acknowledgement, escaped', async () => {
    const { send, posts, settle } = setup();
    const res = await send(mention('<@UBOT> <!channel> latest casualty figures <@U9>'), 'application/json');
    expect(res.status).toBe(200);
    await settle();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('https://slack.test/api/chat.postMessage');
    expect(posts[0]!.auth).toBe('Bearer xoxb-worker');
    expect(posts[0]!.body).toMatchObject({ channel: 'C1', thread_ts: '1700000300.000100', text: expect.stringMatching(/^Killed/) });
    expect(findBlockProblem({ text: posts[0]!.body.text as string, blocks: posts[0]!.body.blocks as Block[] })).toBeNull();
    expect(JSON.stringify(posts[0]!.body)).not.toMatch(/<!channel>|<@U9>/);
  });

  it('posts once when Slack retries, and ignores bots', async () => {
    const { send, posts, settle } = setup();
    await send(mention('<@UBOT> who mediated', 'EvR'), 'application/json');
    for (const n of ['1', '2', '3']) expect((await send(mention('<@UBOT> who mediated', 'EvR'), 'application/json', { extra: { 'x-slack-retry-num': n } })).status).toBe(200);
    await send(mention('<@UBOT> who mediated', 'EvBot', { bot_id: 'B2' }), 'application/json');
    await settle();
    expect(posts).toHaveLength(1);
  });

  it('refuses unsigned, stale (6 minutes) and tampered requests with 401 and posts nothing', async () => {
    const { send, posts, settle, route } = setup();
    const body = mention('<@UBOT> latest figures', 'EvX');
    expect((await route.request('/', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    expect((await send(body, 'application/json', { ageSec: 6 * 60 })).status).toBe(401);
    expect((await send(body, 'application/json', { tamper: true })).status).toBe(401);
    expect((await send(command('latest'), 'application/x-www-form-urlencoded', { tamper: true })).status).toBe(401);
    await settle();
    expect(posts).toHaveLength(0);
  });

  it('apologises in the thread when answering fails', async () => {
    const { send, posts, settle } = setup({ fail: true });
    await send(mention('<@UBOT> latest figures', 'EvF'), 'application/json');
    await settle();
    expect(posts[0]!.body).toMatchObject({ thread_ts: '1700000300.000100', text: expect.stringMatching(/^Sorry, something went wrong/) });
    expect(JSON.stringify(posts[0]!.body)).not.toContain('exploded');
  });
});
