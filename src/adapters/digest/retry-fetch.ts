/** Waits `ms` milliseconds; injected so tests never sleep for real. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** attempts in all, the first included */
  maxAttempts: number;
  /** a Retry-After longer than this is not waited out: the 429 is returned as the result */
  maxWaitMs: number;
  /** the wait when a 429 carries no usable Retry-After */
  defaultWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, maxWaitMs: 60_000, defaultWaitMs: 1_000 };

/** Retry-After in milliseconds: delta seconds ("2", "0.5") or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * A fetch that retries HTTP 429 answers after their Retry-After, within a bound on attempts and on each wait;
 * anything else (success, other errors, a thrown fetch) is returned or thrown as it is. `onRetry` counts the waits.
 */
export function fetchRetrying429(
  doFetch: typeof fetch,
  deps: { sleep: Sleep; now: () => Date; policy?: Partial<RetryPolicy>; onRetry?: (waitMs: number) => void },
): typeof fetch {
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      const response = await doFetch(input, init);
      if (response.status !== 429 || attempt >= policy.maxAttempts) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'), deps.now()) ?? policy.defaultWaitMs;
      if (wait > policy.maxWaitMs) return response;
      // Drain the body so the connection can be reused while we wait.
      await response.body?.cancel().catch(() => undefined);
      deps.onRetry?.(wait);
      await deps.sleep(wait);
    }
  };
}
