import { describe, expect, it } from 'vitest';
import { fetchRetrying429, retryAfterMs } from '../../../src/adapters/digest/retry-fetch.ts';

const NOW = new Date('2025-12-25T01:00:00Z');

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('2', NOW)).toBe(2000);
    expect(retryAfterMs('0.25', NOW)).toBe(250);
    expect(retryAfterMs('Thu, 25 Dec 2025 01:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('Thu, 25 Dec 2025 00:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });
});

describe('fetchRetrying429', () => {
  /** A fetch of our own that answers from a list, so the retry logic is what is under test. */
  function scripted(...responses: Array<() => Response>) {
    const calls: string[] = [];
    const doFetch = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return (responses.shift() ?? (() => new Response('done')))();
    }) as typeof fetch;
    return { doFetch, calls };
  }

  it('retries with the default wait when Retry-After is missing, up to maxAttempts in all', async () => {
    const { doFetch, calls } = scripted(() => new Response('', { status: 429 }), () => new Response('', { status: 429 }), () => new Response('', { status: 429 }));
    const sleeps: number[] = [];
    const retrying = fetchRetrying429(doFetch, { sleep: async (ms) => { sleeps.push(ms); }, now: () => NOW, policy: { maxAttempts: 3, defaultWaitMs: 700 } });
    const response = await retrying('http://127.0.0.1/x');
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([700, 700]);
  });

  it('does not retry other failures', async () => {
    const { doFetch, calls } = scripted(() => new Response('', { status: 503, headers: { 'retry-after': '1' } }));
    const response = await fetchRetrying429(doFetch, { sleep: async () => {}, now: () => NOW })('http://127.0.0.1/x');
    expect(response.status).toBe(503);
    expect(calls).toHaveLength(1);
  });
});
