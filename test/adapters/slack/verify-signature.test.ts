import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/adapters/slack/verify-signature.ts';
import { SLACK_DOC_EXAMPLE as DOC } from '../../helpers/slack-sign.ts';

const docHeaders = { 'X-Slack-Request-Timestamp': String(DOC.timestamp), 'X-Slack-Signature': DOC.signature };
const at = (seconds: number) => (DOC.timestamp + seconds) * 1000;

describe('verifySlackSignature', () => {
  it("accepts Slack's documented example (known answer)", async () => {
    expect(await verifySlackSignature({ signingSecret: DOC.secret, headers: docHeaders, rawBody: DOC.body, now: at(30) })).toEqual({ ok: true });
  });

  it('agrees with an independent node:crypto HMAC of the same example', () => {
    const mine = createHmac('sha256', DOC.secret).update(`v0:${DOC.timestamp}:${DOC.body}`).digest('hex');
    expect(`v0=${mine}`).toBe(DOC.signature);
  });

  it('accepts Headers objects and byte bodies', async () => {
    const headers = new Headers(docHeaders);
    const rawBody = new TextEncoder().encode(DOC.body);
    expect(await verifySlackSignature({ signingSecret: DOC.secret, headers, rawBody, now: new Date(at(0)) })).toEqual({ ok: true });
  });

  it('refuses a request 6 minutes old, and one dated 6 minutes ahead', async () => {
    expect(await verifySlackSignature({ signingSecret: DOC.secret, headers: docHeaders, rawBody: DOC.body, now: at(360) })).toEqual({ ok: false, reason: 'stale' });
    expect(await verifySlackSignature({ signingSecret: DOC.secret, headers: docHeaders, rawBody: DOC.body, now: at(-360) })).toEqual({ ok: false, reason: 'stale' });
    expect((await verifySlackSignature({ signingSecret: DOC.secret, headers: docHeaders, rawBody: DOC.body, now: at(299) })).ok).toBe(true);
  });

  it('refuses a tampered body, a tampered signature and the wrong secret', async () => {
    const base = { signingSecret: DOC.secret, headers: docHeaders, rawBody: DOC.body, now: at(1) };
    expect(await verifySlackSignature({ ...base, rawBody: DOC.body.replace('text=', 'text=%3C%21channel%3E') })).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = DOC.signature.slice(0, -1) + (DOC.signature.endsWith('3') ? '4' : '3');
    expect(await verifySlackSignature({ ...base, headers: { ...docHeaders, 'X-Slack-Signature': flipped } })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifySlackSignature({ ...base, signingSecret: 'another-secret' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses missing, malformed and unsigned requests without throwing', async () => {
    const base = { signingSecret: DOC.secret, rawBody: DOC.body, now: at(1) };
    expect(await verifySlackSignature({ ...base, headers: {} })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(await verifySlackSignature({ ...base, headers: { ...docHeaders, 'X-Slack-Request-Timestamp': '15314206l8' } })).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(await verifySlackSignature({ ...base, headers: { ...docHeaders, 'X-Slack-Signature': 'v1=' + DOC.signature.slice(3) } })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifySlackSignature({ ...base, headers: { ...docHeaders, 'X-Slack-Signature': 'v0=zz' } })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifySlackSignature({ ...base, signingSecret: '', headers: docHeaders })).toEqual({ ok: false, reason: 'no_secret' });
  });
});
