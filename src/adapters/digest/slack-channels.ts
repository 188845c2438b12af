import type { Logger } from '../logger.ts';
import { slackChannelDestination, type Destination } from './ledger.ts';
import { slackSender, type DigestSender } from './senders.ts';

/** What the digest reads of the chat store (ChatStore fits): the channels with settings, and one channel's settings. */
export interface ChannelDigestSettings {
  configuredChannels(): Promise<Array<{ channel: string; digest: boolean }>>;
  channelSettings(channel: string): Promise<{ digest?: boolean } | null>;
}

/**
 * Whether a Slack channel gets the daily digest: its own `/brief config digest on|off` when it said, else only the
 * configured digest channel (DIGEST_SLACK_CHANNEL) does. The one rule the digest run, `/brief config` and App Home share.
 */
export function channelGetsDigest(channel: string, setting: boolean | undefined, defaultChannel: string | null): boolean {
  return setting ?? channel === defaultChannel;
}

/** A destination this run does not post to, and why: `off` (the channel said so) or `failed` (it cannot be posted). */
export interface NotPosted {
  destination: Destination;
  state: 'off' | 'failed';
  error?: string;
}

export interface SlackDigestPlan {
  senders: DigestSender[];
  notPosted: NotPosted[];
  /** the channels besides DIGEST_SLACK_CHANNEL that asked for the digest (each `slack:CHANNEL`) */
  channels: string[];
}

/** Why a channel that asked for the digest gets nothing without the bot token (shown in /healthz; no secret in it). */
export const NEEDS_BOT_TOKEN = 'not posted: the digest posts to channels that turn it on with the Slack bot token; set SLACK_BOT_TOKEN';

/**
 * Where the Slack digest goes this run: DIGEST_SLACK_CHANNEL unless its settings say `digest: false` (an explicit off
 * wins), and every channel whose settings say `digest: true`, each a destination of its own. Settings that cannot be
 * read leave the configured channel alone (as before per-channel settings), logged.
 */
export async function planSlackDigest(input: {
  /** DIGEST_SLACK_CHANNEL, or null */
  channel: string | null;
  /** SLACK_BOT_TOKEN (and the API base): every Slack post needs it */
  poster: { token: string; apiUrl?: string } | null;
  /** the chat store's channel settings; null where there are none to read */
  settings: ChannelDigestSettings | null;
  logger: Logger;
}): Promise<SlackDigestPlan> {
  const { channel, poster, logger } = input;
  let listed: Array<{ channel: string; digest: boolean }> = [];
  let defaultSetting: boolean | undefined;
  if (input.settings) {
    try {
      const [all, own] = await Promise.all([input.settings.configuredChannels(), channel ? input.settings.channelSettings(channel) : null]);
      listed = all;
      defaultSetting = own?.digest;
    } catch (error) {
      logger.error({ msg: 'digest: channel settings could not be read; posting to DIGEST_SLACK_CHANNEL only', error: (error as Error).message });
    }
  }
  const others = [...new Set(listed.filter((c) => c.digest && c.channel !== channel).map((c) => c.channel))];
  const plan: SlackDigestPlan = { senders: [], notPosted: [], channels: others };
  if (channel && !channelGetsDigest(channel, defaultSetting, channel)) {
    logger.info({ msg: 'digest: not posted to DIGEST_SLACK_CHANNEL, which turned it off with /brief config digest off', channel });
    plan.notPosted.push({ destination: 'slack', state: 'off' });
  } else if (channel && poster) {
    plan.senders.push(slackSender({ ...poster, channel }));
  }
  if (others.length && !poster) {
    // Once a run, naming the channels: the operator learns what to set; /healthz shows each one failed.
    logger.warn({ msg: `digest: ${others.length} Slack channel(s) turned the digest on, but it posts with the bot token: set SLACK_BOT_TOKEN`, channels: others });
  }
  for (const other of others) {
    const destination = slackChannelDestination(other);
    if (poster) plan.senders.push(slackSender({ ...poster, channel: other, destination }));
    else plan.notPosted.push({ destination, state: 'failed', error: NEEDS_BOT_TOKEN });
  }
  return plan;
}
