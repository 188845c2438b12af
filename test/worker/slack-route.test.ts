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

function setup(options: { fail?: boolean } = {}) {
  const posts: Array<{ url: string; auth: string | null; body: Record<string, unknown> }> = [];
  const background: Promise<unknown>[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    posts.push({ url: request.url, auth: request.headers.get('authorization'), body: await request.json() });
    return Response.json({ ok: true, ts: '1700000999.000100' });
  }) as typeof fetch;
  const route = createSlackEdgeRoute({
    ask: (q) => {
      if (options.fail) throw new Error('index exploded');
      return answerQuestion(q, { corpus, clock });
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
  return { posts, send, settle, route };
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

  it('answers /brief in the acknowledgement with rendered blocks, and help for an empty question', async () => {
    const { send, posts } = setup();
    const started = Date.now();
    const res = await send(command('latest casualty figures'), 'application/x-www-form-urlencoded');
    expect(Date.now() - started).toBeLessThan(3000);
    const reply = (await res.json()) as SlackMessage & { response_type: string };
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toMatch(/^Killed: at least 80/);
    expect(findBlockProblem(reply)).toBeNull();
    expect(await (await send(command(''), 'application/x-www-form-urlencoded')).json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief') });
    expect(await (await send(command('-p who mediated'), 'application/x-www-form-urlencoded')).json()).toMatchObject({ response_type: 'ephemeral' });
    expect(posts).toHaveLength(0);
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
