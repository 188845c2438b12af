/** Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}`, checked with Web Crypto. */
import { checkSignedTimestamp, MAX_SIGNATURE_SKEW_SECONDS } from '../signed-timestamp.ts';

export const SIGNATURE_HEADER = 'x-slack-signature';
export const TIMESTAMP_HEADER = 'x-slack-request-timestamp';
/** Slack's replay window: requests older (or newer) than this are refused. */
export const MAX_SKEW_SECONDS = MAX_SIGNATURE_SKEW_SECONDS;

export type SignatureFailure = 'no_secret' | 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_signature';
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

export interface SignedRequest {
  signingSecret: string;
  headers: Headers | Record<string, string | undefined>;
  rawBody: string | Uint8Array;
  /** the verifier's clock, injected so tests can be exact */
  now: Date | number;
}

const encoder = new TextEncoder();

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Checks a request's Slack signature: both headers present, timestamp within 5 minutes of `now` either way,
 * and the HMAC equal (compared inside `crypto.subtle.verify`, which does not leak timing). Never throws.
 */
export async function verifySlackSignature(req: SignedRequest): Promise<SignatureCheck> {
  if (!req.signingSecret) return { ok: false, reason: 'no_secret' };
  const timestamp = header(req.headers, TIMESTAMP_HEADER)?.trim();
  const signature = header(req.headers, SIGNATURE_HEADER)?.trim();
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  const when = checkSignedTimestamp(timestamp, typeof req.now === 'number' ? req.now : req.now.getTime());
  if (when === 'malformed') return { ok: false, reason: 'bad_timestamp' };
  if (when === 'stale') return { ok: false, reason: 'stale' };
  const match = /^v0=([0-9a-fA-F]{64})$/.exec(signature);
  if (!match) return { ok: false, reason: 'bad_signature' };
  try {
    const key = await crypto.subtle.importKey('raw', encoder.encode(req.signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const body = typeof req.rawBody === 'string' ? encoder.encode(req.rawBody) : req.rawBody;
    const signed = concat(encoder.encode(`v0:${timestamp}:`), body);
    const valid = await crypto.subtle.verify('HMAC', key, hexToBytes(match[1]!.toLowerCase()), signed);
    return valid ? { ok: true } : { ok: false, reason: 'bad_signature' };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}
