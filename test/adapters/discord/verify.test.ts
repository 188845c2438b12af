import { createPrivateKey, sign } from 'node:crypto';
import { verifyKey } from 'discord-interactions';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyDiscordRequest } from '../../../src/adapters/discord/verify.ts';
import { generateDiscordKeyPair, nowSeconds, signInteraction, type DiscordKeyPair } from '../../helpers/discord-signing.ts';

/** RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72). */
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

const hexBytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const flipLastHex = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

describe('Ed25519 verification (RFC 8032 known answers)', () => {
  for (const [i, v] of RFC8032.entries()) {
    it(`accepts TEST ${i + 1}'s signature and refuses it altered`, async () => {
      expect(await verifyKey(hexBytes(v.message), v.signature, '', v.publicKey)).toBe(true);
      expect(await verifyKey(hexBytes(v.message), flipLastHex(v.signature), '', v.publicKey)).toBe(false);
      expect(await verifyKey(hexBytes(`${v.message}00`), v.signature, '', v.publicKey)).toBe(false);
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
