/** Slack's and Discord's replay window: a signed request must be this close to now, in either direction. */
export const MAX_SIGNATURE_SKEW_SECONDS = 5 * 60;

export type TimestampCheck = 'ok' | 'missing' | 'malformed' | 'stale';

/**
 * The one timestamp rule of every signed route (Slack on Node and Workers, Discord): a whole number of Unix
 * seconds, within 5 minutes of `nowMs` either way. `1700000000.5`, `+1700000000` or a date a day ahead fail.
 */
export function checkSignedTimestamp(value: string | null | undefined, nowMs: number): TimestampCheck {
  const text = value?.trim();
  if (!text) return 'missing';
  if (!/^\d{1,12}$/.test(text)) return 'malformed';
  return Math.abs(nowMs - Number(text) * 1000) <= MAX_SIGNATURE_SKEW_SECONDS * 1000 ? 'ok' : 'stale';
}
