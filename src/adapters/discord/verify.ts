import { verifyKey } from 'discord-interactions';
import { checkSignedTimestamp, MAX_SIGNATURE_SKEW_SECONDS } from '../signed-timestamp.ts';

/** Signed requests older (or newer) than this are refused, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_SECONDS = MAX_SIGNATURE_SKEW_SECONDS;

export interface SignedRequest {
  /** the application's public key, 64 hex characters */
  publicKey: string;
  /** `X-Signature-Ed25519` */
  signature: string | undefined;
  /** `X-Signature-Timestamp`, Unix seconds */
  timestamp: string | undefined;
  /** the raw body, exactly as received (bytes, so no re-encoding can change what was signed) */
  body: Uint8Array | string;
  now: Date;
}

export type Verification = { ok: true } | { ok: false; reason: string };

/** Checks a Discord interaction's Ed25519 signature over timestamp + body, and that the timestamp is recent. */
export async function verifyDiscordRequest(request: SignedRequest): Promise<Verification> {
  const { signature, timestamp } = request;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  const when = checkSignedTimestamp(timestamp, request.now.getTime());
  if (!/^[0-9a-f]{128}$/i.test(signature) || when === 'malformed') return { ok: false, reason: 'malformed signature headers' };
  if (when === 'stale') return { ok: false, reason: 'stale timestamp' };
  // verifyKey answers false on any internal error (bad key included), so a wrong setup also fails closed.
  const valid = await verifyKey(request.body, signature, timestamp, request.publicKey);
  return valid ? { ok: true } : { ok: false, reason: 'invalid signature' };
}
