import { channelGetsDigest } from '../digest/slack-channels.ts';
import type { ChannelSettings } from '../store/chat-store.ts';

/** What the daily digest does in Slack, so `/brief config` and App Home say what will really happen. */
export interface SlackDigestInfo {
  /** DIGEST_SLACK_CHANNEL: it gets the digest unless it turns it off */
  channel: string | null;
  /** why no channel can be posted to yet (no bot token, no ledger binding); absent when posts go out */
  blocked?: string;
}

/** Whether `channel` gets the digest, and whether that is its own setting rather than the default. */
export function digestHere(channel: string, settings: ChannelSettings | null, info: SlackDigestInfo | undefined): { on: boolean; own: boolean } {
  return { on: channelGetsDigest(channel, settings?.digest, info?.channel ?? null), own: settings?.digest !== undefined };
}

/** The digest sentence of `/brief config`. */
export function describeDigestHere(channel: string, settings: ChannelSettings | null, info: SlackDigestInfo | undefined): string {
  const { on, own } = digestHere(channel, settings, info);
  const configured = info?.channel === channel;
  const state = on
    ? own ? 'on' : 'on (this is the channel the digest is set up for)'
    : own ? configured ? 'off (this is the channel the digest is set up for, but the setting here wins)' : 'off' : 'off (the default)';
  return `Daily digest here: ${state}.${on && info?.blocked ? ` It cannot be posted yet: ${info.blocked}.` : ''}`;
}
