import { createPrivateKey, sign } from 'node:crypto';
import { verifyKey } from 'discord-interactions';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyDiscordRequest } from '../../../src/adapters/discord/verify.ts';
import { RFC8032_VECTORS as RFC8032, fromHex, generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../../helpers/discord-signing.ts';

const flipLastHex = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

describe('Ed25519 verification (RFC 8032 known answers)', () => {
  for (const [i, v] of RFC8032.entries()) {
    it(`accepts TEST ${i + 1}'s signature and refuses it altered`, async () => {
      expect(await verifyKey(fromHex(v.message), v.signature, '', v.publicKey)).toBe(true);
      expect(await verifyKey(fromHex(v.message), flipLastHex(v.signature), '', v.publicKey)).toBe(false);
      expect(await verifyKey(fromHex(`${v.message}00`), v.signature, '', v.publicKey)).toBe(false);
    });

    it(`TEST ${i + 1}'s vector is transcribed right: signing its message with its secret gives its signature`, () => {
      const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(v.secret, 'hex')]), format: 'der', type: 'pkcs8' });
      expect(sign(null, Buffer.from(v.message, 'hex'), key).toString('hex')).toBe(v.signature);
    });
  }
});

describe('verifyDiscordRequest', () => {
  const now = new Date('2025-12-24T12:00:00Z');
  const ts = nowSeconds(now);
  const body = JSON.stringify({ type: 1 });
  let keys: DiscordKeyPair;
  let headers: Record<string, string>;

  beforeAll(async () => {
    keys = await generateDiscordKeyPair();
    headers = await signInteraction(keys.privateKey, body, ts);
  });

  const check = (over: Partial<Parameters<typeof verifyDiscordRequest>[0]> = {}) => verifyDiscordRequest({
    publicKey: keys.publicKey, signature: headers['x-signature-ed25519'], timestamp: headers['x-signature-timestamp'], body, now, ...over,
  });

  it('accepts a request signed with the application key, as a string or as bytes', async () => {
    expect(await check()).toEqual({ ok: true });
    expect(await check({ body: new TextEncoder().encode(body) })).toEqual({ ok: true });
  });

  it('refuses a tampered body, a tampered timestamp and another key', async () => {
    expect(await check({ body: JSON.stringify({ type: 2 }) })).toEqual({ ok: false, reason: 'invalid signature' });
    expect(await check({ timestamp: String(Number(ts) + 1), now: new Date(now.getTime() + 1000) })).toEqual({ ok: false, reason: 'invalid signature' });
    const other = await generateDiscordKeyPair();
    expect(await check({ publicKey: other.publicKey })).toEqual({ ok: false, reason: 'invalid signature' });
  });

  it('refuses missing or malformed headers', async () => {
    expect(await check({ signature: undefined })).toMatchObject({ ok: false, reason: 'missing signature headers' });
    expect(await check({ timestamp: undefined })).toMatchObject({ ok: false, reason: 'missing signature headers' });
    expect(await check({ signature: 'zz'.repeat(64) })).toMatchObject({ ok: false, reason: 'malformed signature headers' });
    expect(await check({ timestamp: '2025-12-24' })).toMatchObject({ ok: false });
  });

  it('refuses a validly signed request replayed more than five minutes later', async () => {
    expect(await check({ now: new Date(now.getTime() + 299_000) })).toEqual({ ok: true });
    expect(await check({ now: new Date(now.getTime() + 301_000) })).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('fails closed on a public key that is not a key', async () => {
    expect(await check({ publicKey: 'not-a-key' })).toEqual({ ok: false, reason: 'invalid signature' });
  });
});
