// The interactions endpoint on Node with a slowed core: it defers (type 5) and edits @original on a fake Discord API
// (127.0.0.1); buttons record feedback and share; a later /brief continues the conversation.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordRoutes } from '../../../src/adapters/discord/routes.ts';
import { renderAnswerMessage } from '../../../src/adapters/discord/render.ts';
import { silentLogger } from '../../../src/adapters/logger.ts';
import { ChatStore } from '../../../src/adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../../../src/adapters/store/memory-key-value.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { briefInteraction, generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../../helpers/discord-signing.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../helpers/fake-discord-api.ts';
import { coreResolvesFollowUps, EXCHANGE } from '../../helpers/follow-ups.ts';
import { recordingAsk } from '../../helpers/recording-ask.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

const core = recordingAsk(seedCorpus());
const store = new ChatStore(new MemoryKeyValue());
const FOLLOW_UPS_READY = coreResolvesFollowUps(seedCorpus(), core.clock);
let keys: DiscordKeyPair;
let api: FakeDiscordApi;
let app: Hono;

beforeAll(async () => {
  keys = await generateDiscordKeyPair();
  api = await startFakeDiscordApi();
  app = new Hono().route('/discord', createDiscordRoutes({
    publicKey: keys.publicKey, clock: { now: () => new Date() }, apiUrl: `${api.api}/v10`,
    ask: core.ask, suggest: () => [], logger: silentLogger, store,
  }));
});
afterAll(async () => { await api.close(); });

type Reply = { type: number; data?: { flags?: number; content?: string; embeds?: Array<{ description: string }>; components?: Array<{ components: Array<{ custom_id: string; label: string }> }> } };
let seq = 0;
async function post(payload: unknown): Promise<Reply> {
  const body = JSON.stringify(payload);
  const res = await app.request('/discord/interactions', { method: 'POST', headers: await signInteraction(keys.privateKey, body, nowSeconds()), body });
  expect(res.status).toBe(200);
  return res.json() as Promise<Reply>;
}
function brief(question: string, options: { private?: boolean; user?: string; channel?: string; thread?: boolean } = {}) {
  const payload = briefInteraction(question, { private: options.private });
  const channel = options.channel ?? '1400000000000000001';
  return {
    ...payload, token: `token-${++seq}`, channel_id: channel, channel: { id: channel, type: options.thread ? 11 : 0 },
    member: { ...payload.member, user: { ...payload.member.user, id: options.user ?? '1500000000000000001' } },
  };
}
const button = (customId: string) => ({ ...brief('x'), type: 3, token: `token-${++seq}`, data: { custom_id: customId, component_type: 2 } });

describe('POST /discord/interactions with a slow core', () => {
  it('defers (type 5) when the answer takes longer than 2 s, then edits @original with it', async () => {
    core.state.delayMs = 2500;
    try {
      const asked = core.calls.length;
      const reply = await post(brief('how many displaced?', { private: true }));
      expect(reply).toEqual({ type: 5, data: { flags: 64 } });
      expect(core.calls.length).toBe(asked + 1);
      const edit = await api.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/token-${seq}/messages/@original`), 8000);
      const body = edit.body as Reply['data'] & { flags?: number };
      expect(body.embeds![0]!.description).toMatch(/^Displaced/);
      expect(body.flags).toBeUndefined();
      expect(body.components![0]!.components.map((c) => c.label)).toEqual(['Helpful', 'Not helpful', 'Share']);
    } finally {
      core.state.delayMs = 0;
    }
  });

  it('answers in the response (type 4) when the answer is ready in time, with Helpful / Not helpful buttons', async () => {
    const reply = await post(brief('latest casualty figures', { channel: '1400000000000000077' }));
    expect(reply.type).toBe(4);
    expect(reply.data!.components![0]!.components.map((c) => c.label)).toEqual(['Helpful', 'Not helpful']);
    await api.waitFor((r) => r.method === 'GET' && r.path.endsWith(`/token-${seq}/messages/@original`));
  });
});

describe('buttons', () => {
  it('records Helpful with the question and answer, thanking only the clicker, and shares a private answer publicly', async () => {
    const own = await post(brief('who mediated the October accord', { private: true, channel: '1400000000000000088' }));
    const [helpful, , share] = own.data!.components![0]!.components;
    const thanks = await post(button(helpful!.custom_id));
    expect(thanks).toMatchObject({ type: 4, data: { flags: 64, content: 'Thanks: noted as helpful.' } });
    const answerId = helpful!.custom_id.split(':').pop()!;
    expect((await store.feedback()).find((f) => f.answerId === answerId)).toMatchObject({ vote: 'helpful', question: 'who mediated the October accord', answer: expect.stringContaining('Malaysia') });
    const shared = await post(button(share!.custom_id));
    expect(shared.type).toBe(4);
    expect(shared.data!.flags).toBeUndefined();
    expect(shared.data!.content).toBe('Shared by Asker');
    expect(shared.data!.embeds![0]!.description).toContain('Malaysia');
    expect(shared.data!.components).toBeUndefined();
    expect((await post(button('sitrep:helpful:no-such-answer'))).data!.content).toMatch(/too old/);
  });
});

describe('follow-ups', () => {
  it('reads a /brief by the same person in the same channel within minutes against the earlier question', async () => {
    const channel = '1400000000000000099';
    await post(brief(EXCHANGE.first, { channel }));
    const asked = core.calls.length;
    await post(brief(EXCHANGE.followUp, { channel }));
    expect(core.calls[asked]).toEqual({ question: EXCHANGE.followUp, history: [expect.objectContaining({ question: EXCHANGE.first })] });
    // someone else in the channel starts afresh
    await post(brief(EXCHANGE.followUp, { channel, user: '1500000000000000002' }));
    expect(core.calls[asked + 1]!.history).toEqual([]);
  });

  it('continues the conversation in a thread started from an answer, for anyone in it', async () => {
    const channel = '1400000000000000111';
    await post(brief(EXCHANGE.first, { channel }));
    // the fake API names every response message 1700000000000000001: a thread from it has that id
    await api.waitFor((r) => r.method === 'GET' && r.path.endsWith(`/token-${seq}/messages/@original`));
    await expect.poll(async () => (await store.history('discord:thread:1700000000000000001')).length).toBeGreaterThan(0);
    const asked = core.calls.length;
    await post(brief(EXCHANGE.followUp, { channel: '1700000000000000001', user: '1500000000000000003', thread: true }));
    expect(core.calls[asked]!.history.map((t) => t.question)).toContain(EXCHANGE.first);
  });

  it.skipIf(!FOLLOW_UPS_READY)('answers the follow-up as its history implies, not as the one-shot question', async () => {
    // A user of its own: the rest of the file has used up the default user's rate limit.
    const channel = '1400000000000000222';
    const user = '1500000000000000222';
    await post(brief(EXCHANGE.first, { channel, user }));
    const second = await post(brief(EXCHANGE.followUp, { channel, user }));
    const first = answerQuestion(EXCHANGE.first, { corpus: seedCorpus(), clock: core.clock });
    const expected = answerQuestion(EXCHANGE.followUp, { corpus: seedCorpus(), clock: core.clock, history: [{ question: first.question, query: first.query }] });
    const oneShot = answerQuestion(EXCHANGE.followUp, { corpus: seedCorpus(), clock: core.clock });
    expect(second.data!.embeds![0]!.description).toBe(renderAnswerMessage(expected).embeds[0]!.description);
    expect(second.data!.embeds![0]!.description).not.toBe(renderAnswerMessage(oneShot).embeds[0]!.description);
  });
});
