import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDiscordRoutes } from '../../../src/adapters/discord/routes.ts';
import { createJsonLogger } from '../../../src/adapters/logger.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { buildSuggestions, matchSuggestions } from '../../../src/core/answer/suggest.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';
import { briefInteraction, generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../../helpers/discord-signing.ts';

const clock = { now: () => new Date() };
let keys: DiscordKeyPair;
let app: Hono;
const logged: string[] = [];

beforeAll(async () => {
  keys = await generateDiscordKeyPair();
  const corpus = seedCorpus();
  const suggestions = buildSuggestions(corpus, clock);
  app = new Hono().route('/discord', createDiscordRoutes({
    publicKey: keys.publicKey,
    clock,
    ask: (q) => {
      if (q === 'explode') throw new Error('index unavailable');
      return answerQuestion(q, { corpus, clock });
    },
    suggest: (typed) => matchSuggestions(suggestions, typed),
    logger: createJsonLogger({ write: (line) => logged.push(line), clock }),
  }));
});

async function post(payload: unknown, tamper: { body?: string; timestamp?: string; drop?: string } = {}) {
  const body = JSON.stringify(payload);
  const headers = await signInteraction(keys.privateKey, body, nowSeconds());
  if (tamper.timestamp) headers['x-signature-timestamp'] = tamper.timestamp;
  if (tamper.drop) delete headers[tamper.drop];
  return app.request('/discord/interactions', { method: 'POST', headers, body: tamper.body ?? body });
}

describe('POST /discord/interactions', () => {
  it('answers a signed PING with PONG', async () => {
    const res = await post({ type: 1, id: '1', application_id: '2', token: 't', version: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers a signed /brief with a type 4 message: the cited answer in an embed, no mentions parsed', async () => {
    const res = await post(briefInteraction('latest casualty figures'));
    expect(res.status).toBe(200);
    const body = await res.json() as { type: number; data: { embeds: Array<{ description: string; footer: { text: string } }>; allowed_mentions: unknown; flags?: number } };
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.flags).toBeUndefined();
    expect(body.data.embeds[0]!.description).toContain('80');
    expect(body.data.embeds[0]!.description).toContain('**Sources**');
    expect(body.data.embeds[0]!.footer.text).toBe('As of 24 December 2025 · sitrep');
  });

  it('makes a private /brief ephemeral (flag 64)', async () => {
    const res = await post(briefInteraction('who mediated the October accord', { private: true }));
    const body = await res.json() as { data: { flags: number; embeds: Array<{ description: string }> } };
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.description).toContain('Malaysia');
  });

  it('produces no parsed mention from a question with @everyone', async () => {
    const res = await post(briefInteraction('@everyone latest casualty figures @here'));
    const body = await res.json() as { data: { allowed_mentions: unknown } };
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body)).not.toMatch(/@(everyone|here)/);
  });

  it('answers /brief-help with example questions, ephemerally', async () => {
    const payload = { ...briefInteraction(''), data: { id: '1', name: 'brief-help', type: 1 } };
    const body = await (await post(payload)).json() as { type: number; data: { flags: number; embeds: Array<{ description: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.description).toContain('latest casualty figures');
  });

  it('suggests questions from the corpus while the question is typed (autocomplete, type 8)', async () => {
    const payload = { ...briefInteraction(''), type: 4, data: { id: '1', name: 'brief', type: 1, options: [{ name: 'question', type: 3, value: 'who is t', focused: true }] } };
    const body = await (await post(payload)).json() as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(body.type).toBe(8);
    expect(body.data.choices[0]).toEqual({ name: 'who is t', value: 'who is t' });
    expect(body.data.choices.map((c) => c.value)).toContain('Who is Tea Seiha?');
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('refuses unknown interaction types with 400', async () => {
    const res = await post({ type: 3, id: '1', application_id: '2', token: 't', version: 1, data: { custom_id: 'x', component_type: 2 } });
    expect(res.status).toBe(400);
  });

  it('refuses a signed body that is not an interaction with 400', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  it('turns a failure into an ephemeral apology and a log line', async () => {
    const body = await (await post(briefInteraction('explode'))).json() as { type: number; data: { flags: number; content: string } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toMatch(/^Sorry/);
    expect(logged.join('\n')).toContain('index unavailable');
  });

  it('returns 401 for a tampered body, a tampered timestamp and missing headers', async () => {
    const ping = { type: 1, id: '1', application_id: '2', token: 't', version: 1 };
    expect((await post(ping, { body: JSON.stringify({ ...ping, type: 2 }) })).status).toBe(401);
    expect((await post(ping, { timestamp: String(Number(nowSeconds()) - 1) })).status).toBe(401);
    expect((await post(ping, { drop: 'x-signature-ed25519' })).status).toBe(401);
    expect((await post(ping, { drop: 'x-signature-timestamp' })).status).toBe(401);
    const bare = await app.request('/discord/interactions', { method: 'POST', body: JSON.stringify(ping) });
    expect(bare.status).toBe(401);
  });
});
