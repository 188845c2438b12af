// The Worker entry inside workerd, with DISCORD_PUBLIC_KEY set to a key pair generated here: Discord's signed
// interactions at POST /discord/interactions, verified with Web Crypto and answered in the response itself.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { verifyKey } from 'discord-interactions';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import worker from '../../src/index/worker.ts';
import { RFC8032_VECTORS, briefInteraction, fromHex, generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../helpers/discord-signing.ts';

let keys: DiscordKeyPair;

beforeAll(async () => {
  keys = await generateDiscordKeyPair();
});

type Reply = { type: number; data?: { flags?: number; allowed_mentions?: unknown; content?: string; embeds?: Array<{ description: string; footer?: { text: string } }>; choices?: Array<{ value: string }> } };

async function send(payload: unknown, tamper: 'body' | 'timestamp' | 'headers' | null = null): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = nowSeconds();
  const headers = await signInteraction(keys.privateKey, body, timestamp);
  if (tamper === 'timestamp') headers['x-signature-timestamp'] = String(Number(timestamp) - 1);
  if (tamper === 'headers') {
    delete headers['x-signature-ed25519'];
    delete headers['x-signature-timestamp'];
  }
  const request = new Request('https://sitrep.example/discord/interactions', {
    method: 'POST', headers, body: tamper === 'body' ? body.replace('casualty', 'weather') : body,
  });
  const ctx = createExecutionContext();
  // answers read their message id back from Discord: a fake on 127.0.0.1 stands in for it
  const response = await worker.fetch(request, { ...env, DISCORD_PUBLIC_KEY: keys.publicKey, DISCORD_API_URL: `${inject('digestFakeApis').url}/chat/discord` }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('Ed25519 verification in workerd', () => {
  it('accepts the RFC 8032 test vectors and refuses them altered', async () => {
    for (const v of RFC8032_VECTORS) {
      expect(await verifyKey(fromHex(v.message), v.signature, '', v.publicKey)).toBe(true);
      expect(await verifyKey(fromHex(`${v.message}00`), v.signature, '', v.publicKey)).toBe(false);
    }
  });
});

describe('POST /discord/interactions on the Worker', () => {
  it('answers a signed PING with PONG', async () => {
    const response = await send({ type: 1, id: '1', application_id: '2', token: 't', version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('answers a signed /brief with a type 4 message carrying the cited answer', async () => {
    const response = await send(briefInteraction('latest casualty figures'));
    expect(response.status).toBe(200);
    const reply = await response.json() as Reply;
    expect(reply.type).toBe(4);
    expect(reply.data!.flags).toBeUndefined();
    expect(reply.data!.allowed_mentions).toEqual({ parse: [] });
    expect(reply.data!.embeds![0]!.description).toContain('80');
    expect(reply.data!.embeds![0]!.footer!.text).toBe('As of 24 December 2025 · sitrep');
  });

  it('sets flag 64 on a private /brief and parses no mention from @everyone', async () => {
    const reply = await (await send(briefInteraction('@everyone who mediated the October accord', { private: true }))).json() as Reply;
    expect(reply.data!.flags).toBe(64);
    expect(reply.data!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(reply)).not.toContain('@everyone');
  });

  it('suggests questions from the corpus for autocomplete (type 8)', async () => {
    const payload = { ...briefInteraction(''), type: 4, data: { id: '1', name: 'brief', type: 1, options: [{ name: 'question', type: 3, value: 'displaced', focused: true }] } };
    const reply = await (await send(payload)).json() as Reply;
    expect(reply.type).toBe(8);
    expect(reply.data!.choices!.map((c) => c.value)).toEqual(['displaced', 'How many people have been displaced?']);
  });

  it('refuses unknown interaction types with 400', async () => {
    expect((await send({ type: 5, id: '1', application_id: '2', token: 't', version: 1, data: { custom_id: 'm', components: [] } })).status).toBe(400);
  });

  it('returns 401 for a tampered body, a tampered timestamp and missing headers', async () => {
    const payload = briefInteraction('latest casualty figures');
    for (const tamper of ['body', 'timestamp', 'headers'] as const) expect((await send(payload, tamper)).status).toBe(401);
  });
});
