import { z } from 'zod';
import { parseEnvSection } from './env-section.ts';
import type { Visibility } from '../adapters/slack/command.ts';

/** Empty variables count as unset. */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));

/** Slack's variables (README "Add to Slack"); read once at each entry point. */
export const SlackEnvSchema = z.object({
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be the bot token (xoxb-...) from OAuth & Permissions'),
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token (xapp-...) with connections:write, from Basic Information'),
  /** who sees `/brief` answers by default: `public` (the channel) or `private` (only the asker) */
  SLACK_BRIEF_VISIBILITY: optional.pipe(z.enum(['public', 'private'], { error: 'must be public or private' }).optional()),
  /** the Slack Web API base (a proxy, or a local fake in tests); default https://slack.com/api/ */
  SLACK_API_URL: optional.refine((v) => v === undefined || /^https?:\/\/\S+$/i.test(v), 'must be an http(s) URL'),
});

export interface SlackConfig {
  signingSecret: string | undefined;
  botToken: string | undefined;
  appToken: string | undefined;
  visibility: Visibility;
  apiUrl: string | undefined;
}

/** Reads the Slack settings; a bad variable is a SitrepError that names it (values are never echoed). */
export function loadSlackConfig(source: Record<string, unknown>): SlackConfig {
  const env = parseEnvSection(SlackEnvSchema, source, 'Slack', 'Add to Slack');
  return {
    signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN,
    visibility: env.SLACK_BRIEF_VISIBILITY ?? 'public', apiUrl: env.SLACK_API_URL,
  };
}
