import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/adapters/http/rate-limit.ts';
import { makeTestApp, manualClock } from '../../helpers/http-app.ts';

describe('rate limit', () => {
  it('allows `limit` requests per window per client, then says when to retry', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 60 }, clock);
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    clock.advance(15_000);
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    clock.advance(45_000);
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 2 });
  });

  it('keeps tracking bounded when many clients come and go', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 1 }, clock);
    for (let i = 0; i < 25_000; i++) limiter.hit(`client-${i}`);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10_000);
  });

  it('answers 429 with Retry-After on /v1/* only, per client', async () => {
    const { app, clock } = makeTestApp({ config: { rateLimit: { limit: 2, windowSeconds: 10 } } });
    const ask = (client: string) => app.request('/v1/ask?q=latest+casualty+figures', { headers: { 'X-Test-Client': client } });
    expect((await ask('alice')).status).toBe(200);
    expect((await ask('alice')).status).toBe(200);
    const limited = await ask('alice');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('10');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await ask('bob')).status).toBe(200);
    expect((await app.request('/healthz', { headers: { 'X-Test-Client': 'alice' } })).status).toBe(200);
    clock.advance(10_000);
    expect((await ask('alice')).status).toBe(200);
  });
});
