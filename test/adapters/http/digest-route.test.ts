import { describe, expect, it } from 'vitest';
import { DigestSchema } from '../../../src/core/digest/digest-schema.ts';
import { makeTestApp } from '../../helpers/http-app.ts';

describe('GET /v1/digest', () => {
  it('answers the Digest JSON for ?date=', async () => {
    const { app } = makeTestApp();
    const res = await app.request('/v1/digest?date=2025-12-23');
    expect(res.status).toBe(200);
    const digest = DigestSchema.parse(await res.json());
    expect(digest.articles.map((a) => a.id)).toEqual(['2025-12-23-agree-to-meet-again']);
    expect(digest.upcoming[0]!.date).toBe('2025-12-24');
  });

  it('defaults to today (UTC) by the injected clock', async () => {
    const { app } = makeTestApp();
    const digest = (await (await app.request('/v1/digest')).json()) as { date: string; empty: boolean };
    expect(digest).toMatchObject({ date: '2025-12-25', empty: true });
  });

  it('refuses a date that is not a real day with 400 invalid_date', async () => {
    const { app } = makeTestApp();
    for (const date of ['2025-02-30', '24-12-2025', '']) {
      const res = await app.request(`/v1/digest?date=${date}`);
      expect(res.status, date).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_date');
    }
  });

  it('answers 404 no_digest for an empty day when empty digests are off', async () => {
    const { app } = makeTestApp({ deps: { digest: { options: { whenEmpty: 'none' } } } });
    expect((await app.request('/v1/digest?date=2025-12-25')).status).toBe(404);
    expect((await app.request('/v1/digest?date=2025-12-24')).status).toBe(200);
  });

  it('sits behind the API token like /v1/ask', async () => {
    const { app } = makeTestApp({ config: { apiToken: 'a-long-enough-token-123' } });
    expect((await app.request('/v1/digest?date=2025-12-24')).status).toBe(401);
    expect((await app.request('/v1/digest?date=2025-12-24', { headers: { Authorization: 'Bearer a-long-enough-token-123' } })).status).toBe(200);
  });
});

describe('/healthz digest status', () => {
  it('shows the last delivery per destination when the digest runs', async () => {
    const status = { slack: { date: '2025-12-24', state: 'failed' as const, at: '2025-12-25T01:00:02Z', error: 'slack chat.postMessage failed: http_500' }, discord: null };
    const { app } = makeTestApp({ deps: { digest: { options: {}, status: async () => status } } });
    const health = (await (await app.request('/healthz')).json()) as { status: string; digest: unknown };
    expect(health.status).toBe('ok');
    expect(health.digest).toEqual(status);
  });

  it('reports an unreadable ledger instead of failing the health check', async () => {
    const { app } = makeTestApp({ deps: { digest: { options: {}, status: async () => { throw new Error('disk full'); } } } });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { digest: { error: string } }).digest.error).toBe('digest status unavailable: disk full');
  });

  it('has no digest field where no digest is scheduled', async () => {
    const { app } = makeTestApp();
    expect(await (await app.request('/healthz')).json()).not.toHaveProperty('digest');
  });
});
