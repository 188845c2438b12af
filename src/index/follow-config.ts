import { z } from 'zod';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from '../adapters/feeds/fetch-limited.ts';
import { parseEnvSection } from './env-section.ts';
import { VERSION } from './version.ts';

const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));
const whole = (min: number, max: number) => optional.transform((v) => (v === undefined ? undefined : Number(v)))
  .pipe(z.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).optional());

/** Variables of followed sources (README, "Following sources"). */
export const FollowEnvSchema = z.object({
  /** Node: how often `serve` looks for due sources, in seconds */
  SITREP_POLL_SECONDS: whole(1, 3600),
  SITREP_FETCH_TIMEOUT_MS: whole(100, 60_000),
  SITREP_FETCH_MAX_BYTES: whole(1024, 50 * 1024 * 1024),
});

export interface FollowConfig {
  pollSeconds: number;
  limits: FetchLimits;
}

/** Reads the followed-sources settings once at the entry; a bad value is a SitrepError naming the variable. */
export function loadFollowConfig(source: Record<string, unknown>): FollowConfig {
  const env = parseEnvSection(FollowEnvSchema, source, 'followed sources', 'Following sources');
  return {
    pollSeconds: env.SITREP_POLL_SECONDS ?? 60,
    limits: {
      timeoutMs: env.SITREP_FETCH_TIMEOUT_MS ?? DEFAULT_FETCH_LIMITS.timeoutMs,
      maxBytes: env.SITREP_FETCH_MAX_BYTES ?? DEFAULT_FETCH_LIMITS.maxBytes,
      userAgent: `sitrep/${VERSION} (news briefing assistant; feed reader)`,
    },
  };
}
