/** Test-only Ed25519 signing of Discord interactions with Web Crypto (runs in Node and in workerd). */

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface DiscordKeyPair {
  /** hex, as Discord shows it in the developer portal */
  publicKey: string;
  privateKey: CryptoKey;
}

/** A fresh key pair, generated locally. */
export async function generateDiscordKeyPair(): Promise<DiscordKeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { publicKey: toHex(await crypto.subtle.exportKey('raw', pair.publicKey) as ArrayBuffer), privateKey: pair.privateKey };
}

/** Headers Discord would send for `body` at `timestamp` (Unix seconds). */
export async function signInteraction(privateKey: CryptoKey, body: string, timestamp: string): Promise<Record<string, string>> {
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(timestamp + body));
  return { 'content-type': 'application/json', 'x-signature-ed25519': toHex(signature), 'x-signature-timestamp': timestamp };
}

/** Unix seconds now, as Discord sends them. */
export function nowSeconds(date: Date = new Date()): string {
  return String(Math.floor(date.getTime() / 1000));
}

/** A `/brief` application command interaction payload. */
export function briefInteraction(question: string, options: { private?: boolean; name?: string } = {}) {
  const opts: Array<{ name: string; type: number; value: string | boolean }> = [{ name: 'question', type: 3, value: question }];
  if (options.private !== undefined) opts.push({ name: 'private', type: 5, value: options.private });
  return {
    id: '1100000000000000001', application_id: '1200000000000000001', type: 2, token: 'interaction-token', version: 1,
    guild_id: '1300000000000000001', channel_id: '1400000000000000001', locale: 'en-US',
    member: { user: { id: '1500000000000000001', username: 'asker', discriminator: '0', global_name: 'Asker', avatar: null }, roles: [], permissions: '0', joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    app_permissions: '0', entitlements: [], authorizing_integration_owners: {}, context: 0, attachment_size_limit: 10485760,
    data: { id: '1600000000000000001', name: options.name ?? 'brief', type: 1, options: opts },
  };
}

/** RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72): hex secret, public key, message, signature. */
export const RFC8032_VECTORS = [
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

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}
