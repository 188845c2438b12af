import { formatDate } from '../../core/annotate/dates.ts';
import type { Block } from './blocks.ts';
import { mrkdwn } from './blocks.ts';
import { digestHere, type SlackDigestInfo } from './digest-setting.ts';
import { renderBlocks } from './render-blocks.ts';
import type { AboutInfo, SlackFlowDeps } from './respond.ts';
import type { SlackOut } from './slack-out.ts';

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** A channel as a link when it is a channel id (checked, so a raw `<#...>` can carry nothing else), else as it is. */
function channelName(channel: string): string {
  return CHANNEL_ID.test(channel) ? `<#${channel}>` : channel;
}

/** Where the daily digest goes, in a line. */
function describeDigest(info: SlackDigestInfo | undefined): string {
  if (info?.blocked) return `The daily digest cannot be posted to Slack yet: ${info.blocked}.`;
  const turnOn = 'every channel that turns it on with /brief config digest on';
  return info?.channel ? `The daily digest goes to ${channelName(info.channel)} (unless it is turned off there) and to ${turnOn}.` : `The daily digest goes to ${turnOn}.`;
}

/** App Home: what sitrep follows, example questions, where the digest goes, and the settings of each configured channel. */
export async function renderHome(about: AboutInfo | null, channels: Array<{ channel: string; visibility: string; digest: boolean }>, digest?: SlackDigestInfo): Promise<{ type: 'home'; blocks: Block[] }> {
  const following = about
    ? `I follow ${about.articles} article${about.articles === 1 ? '' : 's'}${about.newest ? `, the newest from ${formatDate(about.newest)}` : ''}.`
    : 'I answer from the articles this server follows.';
  const doc = renderBlocks({
    fallback: 'sitrep',
    header: 'sitrep: cited answers about the news',
    lead: following,
    sections: [
      ...(about?.titles.length ? [{ title: 'Latest articles', lines: about.titles.slice(0, 5).map((t) => `• ${t}`) }] : []),
      ...(about?.examples.length ? [{ title: 'Try asking', lines: about.examples.slice(0, 6).map((q) => `• /brief ${q}`) }] : []),
      {
        title: 'How to ask',
        lines: [
          '• /brief <question> in any channel, /brief -p <question> for an answer only you see.',
          '• Mention me in a channel: I answer in the thread, and replies in that thread need no mention.',
          '• Under each answer: Helpful / Not helpful, and Share in channel on answers only you see.',
          '• /brief config in a channel shows its settings; /brief config visibility private|public and /brief config digest on|off change them.',
        ],
      },
    ],
  });
  const settings = channels.length
    ? channels.map((c) => `• ${channelName(c.channel)}: answers ${c.visibility === 'private' ? 'only to the asker' : 'in the channel'}, digest ${c.digest ? 'on' : 'off'}`).join('\n')
    : 'No channel has its own settings yet: answers follow the default.';
  const blocks: Block[] = [...doc.blocks, { type: 'section', text: mrkdwn(`*Channel settings*\n${describeDigest(digest)}\n${settings}`) }];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

/** Publishes App Home for the person who opened it. */
export async function handleHomeOpened(user: string, out: SlackOut, deps: SlackFlowDeps): Promise<void> {
  const about = deps.about ? await deps.about().catch(() => null) : null;
  const configured = await deps.store.configuredChannels().catch(() => []);
  const channels = await Promise.all(configured.slice(0, 20).map(async (c) => {
    const settings = await deps.store.channelSettings(c.channel);
    // the digest as the run decides it: the channel's own setting, else on only in the configured digest channel
    return { channel: c.channel, digest: digestHere(c.channel, settings, deps.digest).on, visibility: settings?.visibility ?? deps.defaultVisibility ?? 'public' };
  }));
  await out.call('views.publish', { user_id: user, view: await renderHome(about, channels, deps.digest) });
}
