import { z } from 'zod';

/** Shortest interval between two fetches of one source. */
export const MIN_INTERVAL_SECONDS = 1;
/** Default interval: a feed is fetched at most every 15 minutes. */
export const DEFAULT_INTERVAL_SECONDS = 15 * 60;

/** A followed feed and what its last fetch did (shown by `sitrep follow list` and /healthz). */
export const SourceRecordSchema = z.object({
  url: z.string().url(),
  /** the outlet's name for articles from this feed; null: the feed's own title */
  name: z.string().min(1).max(200).nullable(),
  intervalSeconds: z.number().int().min(MIN_INTERVAL_SECONDS),
  addedAt: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastFetchAt: z.string().nullable(),
  /** ok: new body read; not_modified: 304; error: failed (see lastError) */
  lastStatus: z.enum(['ok', 'not_modified', 'error']).nullable(),
  lastError: z.string().nullable(),
  /** consecutive failed fetches, for the backoff */
  failures: z.number().int().min(0),
  nextFetchAt: z.string(),
  /** articles this source added, and items it offered that were already known or refused */
  added: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

export const SourceListSchema = z.object({ format: z.literal(1), sources: z.array(SourceRecordSchema) });
export type SourceList = z.infer<typeof SourceListSchema>;

/** A new source record, due at once. */
export function newSource(url: string, options: { name?: string | null; intervalSeconds?: number }, now: Date): SourceRecord {
  return {
    url, name: options.name ?? null, intervalSeconds: options.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS, addedAt: now.toISOString(),
    etag: null, lastModified: null, lastFetchAt: null, lastStatus: null, lastError: null, failures: 0, nextFetchAt: now.toISOString(),
    added: 0, skipped: 0,
  };
}

/** Reads "90", "90s", "15m", "2h" as seconds; null when it is none of these. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)\s*(s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const seconds = Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] ?? 1);
  return seconds >= MIN_INTERVAL_SECONDS ? seconds : null;
}

/** A feed URL as sources are keyed: http(s) only, without its fragment. */
export function normalizeSourceUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}
