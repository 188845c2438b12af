import { discordWebhookSender } from '../adapters/digest/senders.ts';
import { planSlackDigest, type ChannelDigestSettings, type NotPosted } from '../adapters/digest/slack-channels.ts';
import type { DigestSender } from '../adapters/digest/senders.ts';
import type { Logger } from '../adapters/logger.ts';
import type { DigestConfig } from './digest-config.ts';

/** What one digest run posts to, what it leaves out and why, and (when it covers Slack) the channels it looked at. */
export interface DigestTargets {
  senders: DigestSender[];
  notPosted: NotPosted[];
  slackChannels?: string[];
}

/**
 * The destinations of one run, read afresh each time (channel settings change while serving): the Discord webhook,
 * DIGEST_SLACK_CHANNEL and every Slack channel that turned the digest on, as `only` (slack, discord or all) allows.
 */
export async function digestTargets(config: DigestConfig, only: 'slack' | 'discord' | 'all', settings: ChannelDigestSettings | null, logger: Logger): Promise<DigestTargets> {
  const targets: DigestTargets = { senders: [], notPosted: [] };
  if (only !== 'discord') {
    const slack = await planSlackDigest({ channel: config.slack?.channel ?? null, poster: config.slackPoster, settings, logger });
    targets.senders.push(...slack.senders);
    targets.notPosted.push(...slack.notPosted);
    targets.slackChannels = slack.channels;
  }
  if (only !== 'slack' && config.discord) targets.senders.push(discordWebhookSender(config.discord));
  return targets;
}
