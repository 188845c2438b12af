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
