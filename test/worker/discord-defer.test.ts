// The Discord endpoint inside workerd with a slowed core: type 5 at once, then @original edited inside waitUntil on a
// fake Discord API on 127.0.0.1 (test/helpers/digest-worker-setup.ts records what it receives).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { createDiscordRoutes } from '../../src/adapters/discord/routes.ts';
import { silentLogger } from '../../src/adapters/logger.ts';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { loadCorpus } from '../../src/core/store/corpus-index.ts';
import worker from '../../src/index/worker.ts';
import bundledIndex from '../../data/index.json';
import { briefInteraction, generateDiscordKeyPair, nowSeconds, signInteraction } from '../helpers/discord-signing.ts';

const fake = inject('digestFakeApis');
const corpus = loadCorpus(typeof bundledIndex === 'string' ? JSON.parse(bundledIndex) : bundledIndex);
const clock = { now: () => new Date() };

async function recorded(): Promise<Array<{ method: string; path: string; body: string }>> {
  return (await (await fetch(`${fake.url}/__requests`, { method: 'POST' })).json()) as Array<{ method: string; path: string; body: string }>;
}

describe('Discord endpoint in workerd', () => {
  it('defers a slow answer (type 5) and edits @original inside waitUntil', async () => {
    const keys = await generateDiscordKeyPair();
    const background: Promise<unknown>[] = [];
    const route = createDiscordRoutes({
      publicKey: keys.publicKey, clock, apiUrl: `${fake.url}/chat/discord`, logger: silentLogger, suggest: () => [],
      ask: async (q, history) => { await new Promise((r) => setTimeout(r, 2500)); return answerQuestion(q, { corpus, clock, history }); },
      waitUntil: (work) => { background.push(work); },
    });
    const payload = { ...briefInteraction('latest casualty figures'), token: 'workerd-defer-token' };
    const body = JSON.stringify(payload);
    const res = await route.request('/interactions', { method: 'POST', headers: await signInteraction(keys.privateKey, body, nowSeconds()), body });
    expect(await res.json()).toEqual({ type: 5 });
    expect(background).toHaveLength(1);
    await Promise.all(background);
    const edit = (await recorded()).find((r) => r.method === 'PATCH' && r.path === `/chat/discord/webhooks/${payload.application_id}/workerd-defer-token/messages/@original`);
    expect(edit).toBeDefined();
    const message = JSON.parse(edit!.body) as { embeds: Array<{ description: string }>; flags?: number; components: unknown[] };
    expect(message.embeds[0]!.description).toMatch(/^Killed: at least 80/);
    expect(message.components).toHaveLength(1);
  });

  it('answers buttons through the Worker entry: feedback is thanked privately and counted in /healthz', async () => {
    const keys = await generateDiscordKeyPair();
    const send = async (payload: unknown) => {
      const body = JSON.stringify(payload);
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request('https://sitrep.example/discord/interactions', { method: 'POST', headers: await signInteraction(keys.privateKey, body, nowSeconds()), body }), { ...env, DISCORD_PUBLIC_KEY: keys.publicKey, DISCORD_API_URL: `${fake.url}/chat/discord` }, ctx);
      await waitOnExecutionContext(ctx);
      return response.json() as Promise<{ type: number; data: { flags?: number; content?: string; components?: Array<{ components: Array<{ custom_id: string }> }> } }>;
    };
    const answer = await send(briefInteraction('who mediated the October accord', { private: true }));
    expect(answer.type).toBe(4);
    const [helpful] = answer.data.components![0]!.components;
    const thanks = await send({ ...briefInteraction('x'), type: 3, data: { custom_id: helpful!.custom_id, component_type: 2 } });
    expect(thanks).toMatchObject({ type: 4, data: { flags: 64, content: 'Thanks: noted as helpful.' } });
    const ctx = createExecutionContext();
    const health = await (await worker.fetch(new Request('https://sitrep.example/healthz'), { ...env, DISCORD_PUBLIC_KEY: keys.publicKey }, ctx)).json() as { feedback: { helpful: number } };
    expect(health.feedback.helpful).toBeGreaterThanOrEqual(1);
  });
});
