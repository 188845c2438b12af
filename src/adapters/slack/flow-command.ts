import { rateLimitedText } from '../chat-rate-limit.ts';
import { askInConversation } from '../conversation.ts';
import { TTL, type ChannelSettings } from '../store/chat-store.ts';
import type { SlackMessage } from './blocks.ts';
import { parseBriefCommand, type Visibility } from './command.ts';
import { describeDigestHere } from './digest-setting.ts';
import { renderApology, renderHelp, renderNote } from './messages.ts';
import type { SlashCommand } from './payloads.ts';
import { renderAnswer } from './render-answer.ts';
import type { SlackFlowDeps } from './respond.ts';
import type { SlackOut } from './slack-out.ts';

export interface CommandReply extends SlackMessage {
  response_type: 'in_channel' | 'ephemeral';
}

/** What to acknowledge at once, and the work (answering through response_url) to run after the acknowledgement. */
export interface CommandOutcome {
  ack: CommandReply;
  later?: (out: SlackOut) => Promise<void>;
}

const ephemeral = (message: SlackMessage): CommandReply => ({ response_type: 'ephemeral', ...message });

/** The conversation of a person's commands in one channel: a `/brief` within minutes of the last continues it. */
export function commandChainKey(channel: string, user: string): string {
  return `slack:chain:${channel}:${user}`;
}

function describeSettings(channel: string, settings: ChannelSettings | null, fallback: Visibility, deps: SlackFlowDeps): string {
  const visibility = settings?.visibility ?? fallback;
  return `Answers to /brief here: ${visibility === 'public' ? 'in the channel' : 'only to the asker'}${settings?.visibility ? '' : ' (the default)'}. ${describeDigestHere(channel, settings, deps.digest)}`;
}

/** `/brief config [visibility public|private] [digest on|off]`: shows or changes this channel's settings. */
async function configure(command: SlashCommand, args: string[], deps: SlackFlowDeps): Promise<CommandReply> {
  const fallback = deps.defaultVisibility ?? 'public';
  const current = await deps.store.channelSettings(command.channel_id);
  if (!args.length) return ephemeral(renderNote(`${describeSettings(command.channel_id, current, fallback, deps)}\nChange with: ${command.command} config visibility public|private, ${command.command} config digest on|off`));
  const [setting, value] = args;
  const next: ChannelSettings = { ...current, updatedBy: command.user_id };
  if (setting === 'visibility' && (value === 'public' || value === 'private')) next.visibility = value;
  else if (setting === 'digest' && (value === 'on' || value === 'off')) next.digest = value === 'on';
  else return ephemeral(renderNote(`I didn't understand "${args.join(' ')}". Try ${command.command} config visibility private, or ${command.command} config digest on.`));
  await deps.store.saveChannelSettings(command.channel_id, next);
  deps.logger.info({ msg: 'slack: channel settings changed', channel: command.channel_id, setting, value });
  return ephemeral(renderNote(`Saved. ${describeSettings(command.channel_id, next, fallback, deps)}`));
}

/**
 * `/brief ...`: help and settings are answered in the acknowledgement; a question is acknowledged at once with a
 * note only the asker sees, then answered through the command's response_url with the conversation's context.
 */
export async function handleCommand(command: SlashCommand, deps: SlackFlowDeps): Promise<CommandOutcome> {
  const settings = await deps.store.channelSettings(command.channel_id).catch(() => null);
  const visibility = settings?.visibility ?? deps.defaultVisibility ?? 'public';
  const parsed = parseBriefCommand(command.text, visibility);
  if (parsed.kind === 'help') return { ack: ephemeral(renderHelp(command.command, visibility)) };
  if (parsed.kind === 'config') return { ack: await configure(command, parsed.args, deps) };
  const wait = deps.limiter.hit(`slack:${command.user_id}`, `slack:${command.channel_id}`);
  if (wait !== null) return { ack: ephemeral(renderNote(rateLimitedText(wait))) };
  const isPrivate = parsed.visibility === 'private';
  const responseUrl = command.response_url;
  const chain = commandChainKey(command.channel_id, command.user_id);
  const answer = async () => {
    try {
      const { answer, answerId } = await askInConversation(parsed.question, {
        read: [chain], write: [{ key: chain, ttlSeconds: TTL.chain }], channel: command.channel_id, user: command.user_id, private: isPrivate,
      }, { ...deps, onStoreError: (error) => deps.logger.warn({ msg: 'slack: conversation store failed', error }) });
      return renderAnswer(answer, { answerId, private: isPrivate });
    } catch (error) {
      deps.logger.error({ msg: 'slack: answering failed', error });
      return null;
    }
  };
  if (!responseUrl) {
    // no response_url (not from Slack's servers): answer in the acknowledgement, as before
    const message = (await answer()) ?? renderApology();
    return { ack: { response_type: isPrivate ? 'ephemeral' : 'in_channel', ...message } };
  }
  return {
    ack: ephemeral(renderNote(`Looking into: ${parsed.question}`)),
    later: async (out) => {
      const message = await answer();
      const reply = message ? { response_type: isPrivate ? 'ephemeral' : 'in_channel', ...message } : ephemeral(renderApology());
      await out.respond(responseUrl, { ...reply, replace_original: false });
    },
  };
}
