import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../src/adapters/logger.ts';
import { loadConfig } from '../../src/index/config.ts';
import { createDiscordIntegration } from '../../src/index/discord-integration.ts';
import { startServer, type RunningServer } from '../../src/index/node.ts';
import { briefInteraction, generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../helpers/discord-signing.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../helpers/fake-discord-api.ts';
import { seedCorpus } from '../helpers/seed-corpus.ts';

const clock = { now: () => new Date() };
let keys: DiscordKeyPair;
let api: FakeDiscordApi;
let server: RunningServer;
const logged: string[] = [];

beforeAll(async () => {
  keys = await generateDiscordKeyPair();
  api = await startFakeDiscordApi();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: keys.publicKey, DISCORD_TOKEN: 'test-bot-token' });
  server = await startServer({
    config, corpus: seedCorpus(), clock,
    logger: createJsonLogger({ write: (line) => logged.push(line), clock }),
    integrations: [createDiscordIntegration({ api: api.api })],
  });
});

afterAll(async () => {
  await server?.close();
  await api?.close();
});

async function post(payload: unknown, tamper: 'body' | 'timestamp' | 'headers' | null = null) {
  const body = JSON.stringify(payload);
  const timestamp = nowSeconds();
  const headers = await signInteraction(keys.privateKey, body, timestamp);
  if (tamper === 'timestamp') headers['x-signature-timestamp'] = String(Number(timestamp) + 1);
  if (tamper === 'headers') {
    delete headers['x-signature-ed25519'];
    delete headers['x-signature-timestamp'];
  }
  return fetch(`http://127.0.0.1:${server.port}/discord/interactions`, { method: 'POST', headers, body: tamper === 'body' ? body.replace('"type":1', '"type":2') : body });
}

describe('sitrep serve with Discord configured', () => {
  it('serves signed PING and /brief interactions on the Node HTTP server', async () => {
    const ping = await post({ type: 1, id: '1', application_id: '2', token: 't', version: 1 });
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ type: 1 });
    const brief = await post(briefInteraction('latest casualty figures', { private: true }));
    expect(brief.status).toBe(200);
    const body = await brief.json() as { type: number; data: { flags: number; allowed_mentions: unknown; embeds: Array<{ description: string }> } };
    expect(body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(body.data.embeds[0]!.description).toContain('80');
  });

  it('answers 401 to a tampered body, a tampered timestamp and missing headers', async () => {
    const ping = { type: 1, id: '1', application_id: '2', token: 't', version: 1 };
    for (const tamper of ['body', 'timestamp', 'headers'] as const) expect((await post(ping, tamper)).status).toBe(401);
  });

  it('starts the discord.js client with DISCORD_TOKEN (its login reaches the Discord API) and logs the failed login', async () => {
    const gateway = await api.waitFor((r) => r.method === 'GET' && r.path === '/api/v10/gateway/bot');
    expect(gateway.headers.authorization).toBe('Bot test-bot-token');
    const discord = server.integrations.find((i) => i.name === 'discord');
    expect(discord?.status).toEqual({ on: true, why: 'gateway client and POST /discord/interactions' });
    await expect.poll(() => logged.some((line) => line.includes('discord login failed')), { timeout: 5000 }).toBe(true);
    expect(logged.join('\n')).not.toContain('test-bot-token');
  });
});

describe('Discord configuration', () => {
  it('refuses a public key or application id of the wrong shape at start-up, naming the variable', () => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'paste-here' })).toThrow(/DISCORD_PUBLIC_KEY\(value hidden\): must be the 64 hex characters/);
    expect(() => loadConfig({ DISCORD_APPLICATION_ID: 'sitrep' })).toThrow(/DISCORD_APPLICATION_ID="sitrep": must be the application id/);
  });
});

describe('sitrep serve without Discord', () => {
  it('leaves Discord off and /discord unmounted', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1' });
    const plain = await startServer({ config, corpus: seedCorpus(), clock, logger: createJsonLogger({ write: () => {}, clock }), integrations: [createDiscordIntegration()] });
    try {
      expect(plain.integrations[0]!.status.on).toBe(false);
      const res = await fetch(`http://127.0.0.1:${plain.port}/discord/interactions`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
