import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../../src/adapters/discord/client.ts';
import { createJsonLogger } from '../../../src/adapters/logger.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import type { Answer } from '../../../src/core/schema.ts';
import { buildSuggestions, matchSuggestions } from '../../../src/core/answer/suggest.ts';
import { briefInteraction } from '../../helpers/discord-signing.ts';
import { startFakeDiscordApi, type FakeDiscordApi, type RecordedRequest } from '../../helpers/fake-discord-api.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';

const clock = fixedClock('2025-12-25T09:00:00Z');
let api: FakeDiscordApi;
let client: Client;
const logged: string[] = [];
/** Questions starting with "slow" wait for the test to release them; "fail" ones throw. */
const gates = new Map<string, (answer: Answer) => void>();
const released = new Map<string, (error: Error) => void>();

beforeAll(async () => {
  api = await startFakeDiscordApi();
  const corpus = seedCorpus();
  const suggestions = buildSuggestions(corpus, clock);
  client = createDiscordClient({
    ask: (question) => {
      if (question.startsWith('fail')) throw new Error('index unavailable');
      if (!question.startsWith('slow')) return answerQuestion(question, { corpus, clock });
      return new Promise<Answer>((resolve, reject) => {
        gates.set(question, resolve);
        released.set(question, reject);
      });
    },
    suggest: (typed) => matchSuggestions(suggestions, typed),
    logger: createJsonLogger({ write: (line) => logged.push(line), clock }),
    deferAfterMs: 20,
  }, { rest: { api: api.api } });
});

afterAll(async () => {
  await client.destroy();
  await api.close();
});

let nextId = 1_900_000_000_000_000_000n;
/** Feeds a raw gateway INTERACTION_CREATE payload to the client, as its websocket handler would. */
function dispatch(payload: ReturnType<typeof briefInteraction>): string {
  const id = String(nextId++);
  const token = `token-${id}`;
  (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }).actions.InteractionCreate.handle({ ...payload, id, token });
  return token;
}

const callbackFor = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
type Callback = { type: number; data: { content?: string; flags?: number; embeds?: Array<{ description: string }>; allowed_mentions?: unknown; choices?: Array<{ value: string }> } };

describe('discord.js client: /brief over the gateway', () => {
  it('replies at once (type 4) with the rendered answer when it is ready in time', async () => {
    const token = dispatch(briefInteraction('latest casualty figures'));
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.type).toBe(4);
    expect(callback.data.embeds![0]!.description).toContain('80');
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
    expect(callback.data.flags ?? 0).toBe(0);
  });

  it('replies ephemerally (flag 64) when asked privately', async () => {
    const token = dispatch(briefInteraction('who mediated the October accord', { private: true }));
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.data.flags).toBe(64);
  });

  it('sends no parsed mention for a question with @everyone', async () => {
    const token = dispatch(briefInteraction('@everyone latest casualty figures'));
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(callback)).not.toContain('@everyone');
  });

  it('defers (type 5) when the answer is late, then edits the reply with it', async () => {
    const token = dispatch(briefInteraction('slow: latest casualty figures', { private: true }));
    const deferred = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    gates.get('slow: latest casualty figures')!(answerQuestion('latest casualty figures', { corpus: seedCorpus(), clock }));
    const edit = await api.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`));
    const body = edit.body as Callback['data'];
    expect(body.embeds![0]!.description).toContain('80');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a failure with a short ephemeral apology and logs it', async () => {
    const token = dispatch(briefInteraction('fail please'));
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(callback.data.content).toMatch(/^Sorry/);
    expect(logged.some((line) => line.includes('discord command failed') && line.includes('index unavailable'))).toBe(true);
  });

  it('after deferring, a failure removes the placeholder and follows up with an ephemeral apology', async () => {
    const token = dispatch(briefInteraction('slow and broken'));
    await api.waitFor(callbackFor(token));
    released.get('slow and broken')!(new Error('gave up'));
    await api.waitFor((r) => r.method === 'DELETE' && r.path.endsWith(`/${token}/messages/@original`));
    const followUp = await api.waitFor((r) => r.method === 'POST' && r.path.endsWith(`/webhooks/1200000000000000001/${token}`));
    expect(followUp.body).toMatchObject({ flags: 64, content: expect.stringMatching(/^Sorry/) });
  });

  it('answers the question autocomplete with suggestions from the corpus (type 8)', async () => {
    const payload = { ...briefInteraction(''), type: 4, data: { id: '1', name: 'brief', type: 1, options: [{ name: 'question', type: 3, value: 'how many', focused: true }] } };
    const token = dispatch(payload as ReturnType<typeof briefInteraction>);
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.type).toBe(8);
    expect(callback.data.choices!.map((c) => c.value)).toEqual(expect.arrayContaining(['how many', 'How many people were injured?']));
  });

  it('answers /brief-help ephemerally', async () => {
    const payload = { ...briefInteraction(''), data: { id: '1', name: 'brief-help', type: 1 } };
    const token = dispatch(payload as ReturnType<typeof briefInteraction>);
    const callback = (await api.waitFor(callbackFor(token))).body as Callback;
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
  });
});
