import { z } from 'zod';
import { SitrepError } from '../core/ingest/article-file.ts';
import { parseEnvSection } from './env-section.ts';
import type { DigestOptions } from '../core/digest/digest-schema.ts';

/** Empty variables count as unset. */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));
const httpUrl = optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), 'must be an http(s) URL');

/** Five cron fields of digits, `*`, `/`, `,` and `-` (UTC), as Workers cron triggers and croner take them. */
const CRON = /^\s*[\d*/,-]+(\s+[\d*/,A-Za-z-]+){4}\s*$/;

export const DEFAULT_DIGEST_CRON = '0 1 * * *';

/** The digest's variables; read once at the entry, like the rest of the configuration. */
export const DigestEnvSchema = z.object({
  SLACK_BOT_TOKEN: optional,
  /** lets the digest look in the webhook's channel for a post a stopped run may have made (a webhook cannot read) */
  DISCORD_TOKEN: optional,
  DIGEST_SLACK_CHANNEL: optional,
  DIGEST_DISCORD_WEBHOOK_URL: httpUrl,
  DIGEST_CRON: optional.refine((v) => v === undefined || CRON.test(v), 'must be five cron fields in UTC, e.g. "0 1 * * *"').transform((v) => v ?? DEFAULT_DIGEST_CRON),
  DIGEST_WINDOW_DAYS: optional.transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number({ error: 'must be a whole number from 1 to 31' }).int('must be a whole number from 1 to 31').min(1, 'must be a whole number from 1 to 31').max(31, 'must be a whole number from 1 to 31').optional()),
  DIGEST_WHEN_EMPTY: optional.pipe(z.enum(['note', 'none'], { error: 'must be note or none' }).optional()),
  DIGEST_STATE_FILE: optional,
  /** the Slack Web API base (a proxy, or a local fake in tests); default https://slack.com/api/ */
  SLACK_API_URL: httpUrl,
});

export interface DigestConfig {
  cron: string;
  options: DigestOptions;
  /** Node only: where the once-per-date ledger lives (default DATA/digest-state.json) */
  stateFile: string | undefined;
  /** DIGEST_SLACK_CHANNEL with the bot token it posts with */
  slack: { token: string; channel: string; apiUrl?: string } | null;
  /** SLACK_BOT_TOKEN (and SLACK_API_URL): what posts to channels that turn the digest on with `/brief config digest on` */
  slackPoster: { token: string; apiUrl?: string } | null;
  discord: { webhookUrl: string; botToken?: string } | null;
}

/** Reads the digest settings; a bad variable is a SitrepError naming it (a webhook URL is never echoed). */
export function loadDigestConfig(source: Record<string, unknown>): DigestConfig {
  const env = parseEnvSection(DigestEnvSchema, source, 'digest', 'Daily digest');
  if (env.DIGEST_SLACK_CHANNEL && !env.SLACK_BOT_TOKEN) {
    throw new SitrepError('bad_config', 'DIGEST_SLACK_CHANNEL is set but SLACK_BOT_TOKEN is not: the digest posts with the bot token');
  }
  const options: DigestOptions = {};
  if (env.DIGEST_WINDOW_DAYS !== undefined) options.windowDays = env.DIGEST_WINDOW_DAYS;
  if (env.DIGEST_WHEN_EMPTY !== undefined) options.whenEmpty = env.DIGEST_WHEN_EMPTY;
  const slackPoster = env.SLACK_BOT_TOKEN ? { token: env.SLACK_BOT_TOKEN, ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}) } : null;
  return {
    cron: env.DIGEST_CRON,
    options,
    stateFile: env.DIGEST_STATE_FILE,
    slack: env.DIGEST_SLACK_CHANNEL && slackPoster ? { ...slackPoster, channel: env.DIGEST_SLACK_CHANNEL } : null,
    slackPoster,
    discord: env.DIGEST_DISCORD_WEBHOOK_URL ? { webhookUrl: env.DIGEST_DISCORD_WEBHOOK_URL, ...(env.DISCORD_TOKEN ? { botToken: env.DISCORD_TOKEN } : {}) } : null,
  };
}

/** Whether the digest can post anywhere: DIGEST_SLACK_CHANNEL, the Discord webhook, or a bot token for channels that turn it on. */
export function hasDigestDestination(config: DigestConfig): boolean {
  return !!(config.slack || config.slackPoster || config.discord);
}

/** What `--post` names (slack, discord or all), checked against the configuration before anything is posted. */
export function checkDigestPost(config: DigestConfig, only: string): 'slack' | 'discord' | 'all' {
  if (only !== 'slack' && only !== 'discord' && only !== 'all') throw new SitrepError('usage', `--post takes slack, discord or all, got "${only}"`);
  if (only === 'slack' && !config.slackPoster) throw new SitrepError('not_configured', 'the Slack digest needs SLACK_BOT_TOKEN (and DIGEST_SLACK_CHANNEL, or a channel that turned it on with /brief config digest on)');
  if (only === 'discord' && !config.discord) throw new SitrepError('not_configured', 'the Discord digest needs DIGEST_DISCORD_WEBHOOK_URL');
  if (!hasDigestDestination(config)) throw new SitrepError('not_configured', 'no digest destination: set DIGEST_SLACK_CHANNEL (with SLACK_BOT_TOKEN) or DIGEST_DISCORD_WEBHOOK_URL');
  return only;
}
