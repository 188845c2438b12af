import type { Answer } from '../../core/schema.ts';
import type { Logger } from '../logger.ts';
import type { SlackMessage } from './blocks.ts';
import { isHelpRequest, parseBriefCommand, type Visibility } from './command.ts';
import { renderApology, renderHelp } from './messages.ts';
import type { ChatEvent } from './payloads.ts';
import { renderAnswer } from './render-answer.ts';

/** What the Slack adapters need from the rest of sitrep: the core's answer, a logger, a visibility default. */
export interface SlackResponderDeps {
  ask(question: string): Answer | Promise<Answer>;
  logger: Logger;
  /** who sees `/brief` answers when no flag says (default: the channel) */
  defaultVisibility?: Visibility;
}

export interface CommandReply extends SlackMessage {
  response_type: 'in_channel' | 'ephemeral';
}

/** Where and what to answer for a mention or a direct message. */
export interface ReplyPlan {
  channel: string;
  thread_ts?: string;
  question: string;
}

/** Asks the core and renders the answer; any failure is logged and becomes a short apology. */
export async function answerToMessage(question: string, deps: SlackResponderDeps): Promise<SlackMessage> {
  try {
    return renderAnswer(await deps.ask(question));
  } catch (error) {
    deps.logger.error({ msg: 'slack: answering failed', error });
    return renderApology();
  }
}

/** The reply to `/brief ...`: help, or the answer for the channel or for the asker alone. */
export async function replyToCommand(text: string, command: string, deps: SlackResponderDeps): Promise<CommandReply> {
  const visibility = deps.defaultVisibility ?? 'public';
  const parsed = parseBriefCommand(text, visibility);
  if (parsed.kind === 'help') return { response_type: 'ephemeral', ...renderHelp(command, visibility) };
  const message = await answerToMessage(parsed.question, deps);
  return { response_type: parsed.visibility === 'public' ? 'in_channel' : 'ephemeral', ...message };
}

/** The message for a mention or DM: help when it holds no question, else the answer. */
export async function replyToChat(plan: ReplyPlan, deps: SlackResponderDeps): Promise<SlackMessage> {
  return isHelpRequest(plan.question) ? renderHelp('/brief', deps.defaultVisibility ?? 'public') : answerToMessage(plan.question, deps);
}

/**
 * Decides whether a chat event gets an answer: mentions in channels (in the mention's thread) and direct
 * messages from people. Bots (this one included), edits, joins and other subtypes get nothing.
 */
export function planEventReply(event: ChatEvent, botUserId?: string): ReplyPlan | null {
  if (event.bot_id || event.subtype || !event.user || event.user === botUserId) return null;
  if (event.type === 'app_mention') {
    // a mention in a DM also arrives as message.im; answering both would answer twice
    if (event.channel.startsWith('D') || event.channel_type === 'im') return null;
    return { channel: event.channel, thread_ts: event.thread_ts ?? event.ts, question: event.text };
  }
  if (event.type === 'message' && event.channel_type === 'im') {
    return { channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}), question: event.text };
  }
  return null;
}
