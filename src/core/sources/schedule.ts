import type { SourceRecord } from './source-record.ts';

/** Longest wait after repeated failures. */
export const MAX_BACKOFF_SECONDS = 6 * 3600;

/** What one fetch of a source came to. */
export type FetchOutcome =
  | { kind: 'ok'; etag: string | null; lastModified: string | null; added: number; skipped: number }
  | { kind: 'not_modified' }
  | { kind: 'error'; message: string; status?: number; retryAfterSeconds?: number | null };

/** Whether a source is due for a fetch at `now`. */
export function isDue(source: SourceRecord, now: Date): boolean {
  return Date.parse(source.nextFetchAt) <= now.getTime();
}

/**
 * The source after a fetch: validators kept for the next conditional GET, the next fetch one interval away, or after
 * an error twice as far for each failure in a row (capped), and never sooner than a 429's Retry-After.
 */
export function afterFetch(source: SourceRecord, outcome: FetchOutcome, now: Date): SourceRecord {
  const at = now.toISOString();
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  if (outcome.kind === 'error') {
    const failures = source.failures + 1;
    const backoff = Math.min(MAX_BACKOFF_SECONDS, source.intervalSeconds * 2 ** Math.min(failures, 16));
    const wait = Math.max(backoff, outcome.retryAfterSeconds ?? 0);
    return { ...source, lastFetchAt: at, lastStatus: 'error', lastError: outcome.message, failures, nextFetchAt: later(wait) };
  }
  const base = { ...source, lastFetchAt: at, lastError: null, failures: 0, nextFetchAt: later(source.intervalSeconds) };
  if (outcome.kind === 'not_modified') return { ...base, lastStatus: 'not_modified' };
  return {
    ...base, lastStatus: 'ok', etag: outcome.etag, lastModified: outcome.lastModified,
    added: source.added + outcome.added, skipped: source.skipped + outcome.skipped,
  };
}
