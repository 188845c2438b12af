import type { Clock } from '../../core/schema.ts';
import { ChatRateLimiter } from '../chat-rate-limit.ts';
import type { AskFn } from '../conversation.ts';
import type { Logger } from '../logger.ts';
import { ChatStore } from '../store/chat-store.ts';
import { MemoryKeyValue } from '../store/memory-key-value.ts';
import { isHelpRequest, type Visibility } from './command.ts';
import type { SlackDigestInfo } from './digest-setting.ts';
import type { ChatEvent } from './payloads.ts';

/** What sitrep's App Home shows about the corpus. */
export interface AboutInfo {
  articles: number;
  newest: string | null;
  titles: string[];
  examples: string[];
}

/** What the Slack adapters need from the rest of sitrep (Bolt on Node and the Worker route alike). */
export interface SlackResponderDeps {
  /** the core's answer, given the earlier turns of the conversation */
  ask: AskFn;
  logger: Logger;
  /** who sees `/brief` answers when neither a flag nor the channel's settings say (default: the channel) */
  defaultVisibility?: Visibility;
  /** conversations, saved answers, feedback and channel settings (default: process memory) */
  store?: ChatStore;
  /** per-user and per-channel limit on questions (default: DEFAULT_CHAT_RATE_LIMITS in memory) */
  limiter?: ChatRateLimiter;
  /** for App Home: what sitrep follows and example questions */
  about?: () => Promise<AboutInfo>;
  /** where the daily digest goes, so `/brief config` and App Home describe it truly (default: no configured channel) */
  digest?: SlackDigestInfo;
  clock?: Clock;
  newId?: () => string;
}

/** The deps with every default filled in, once per adapter. */
export type SlackFlowDeps = SlackResponderDeps & { store: ChatStore; limiter: ChatRateLimiter; clock: Clock };

export function withSlackDefaults(deps: SlackResponderDeps): SlackFlowDeps {
  const clock = deps.clock ?? { now: () => new Date() };
  return {
    ...deps, clock,
    store: deps.store ?? new ChatStore(new MemoryKeyValue({ now: () => clock.now().getTime() }), () => clock.now()),
    limiter: deps.limiter ?? new ChatRateLimiter(clock),
  };
}

/** Where and what to answer for a mention, a direct message or a reply in a thread. */
export interface ReplyPlan {
  channel: string;
  thread_ts?: string;
  question: string;
  user: string;
  /** the message to mark while answering */
  ts: string;
  /** the conversation this message belongs to */
  conversation: string;
  /** a reply without a mention in a channel thread: answered only where sitrep already spoke */
  followUp: boolean;
  help: boolean;
}

/** The conversation key of a Slack thread (or of a direct-message conversation outside threads). */
export function threadKey(channel: string, threadTs: string | undefined): string {
  return `slack:${channel}:${threadTs ?? 'main'}`;
}

/**
 * Decides whether a chat event may get an answer: mentions in channels (in the mention's thread), direct messages,
 * and replies without a mention in channel threads (flagged `followUp`: the caller answers those only in threads
 * where sitrep spoke). Bots (this one included), edits, joins and other subtypes get nothing.
 */
export function planEventReply(event: ChatEvent, botUserId?: string): ReplyPlan | null {
  if (event.bot_id || event.subtype || !event.user || event.user === botUserId) return null;
  const base = { question: event.text, user: event.user, ts: event.ts, help: isHelpRequest(event.text) };
  if (event.type === 'app_mention') {
    // a mention in a DM also arrives as message.im; answering both would answer twice
    if (event.channel.startsWith('D') || event.channel_type === 'im') return null;
    const thread = event.thread_ts ?? event.ts;
    return { ...base, channel: event.channel, thread_ts: thread, conversation: threadKey(event.channel, thread), followUp: false };
  }
  if (event.type !== 'message') return null;
  if (event.channel_type === 'im') {
    return { ...base, channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}), conversation: threadKey(event.channel, event.thread_ts), followUp: false };
  }
  // a reply in a channel thread; one that mentions sitrep also arrives as app_mention and is answered there
  const mentionsBot = botUserId ? event.text.includes(`<@${botUserId}>`) : /<@U/.test(event.text);
  if (!event.thread_ts || event.thread_ts === event.ts || mentionsBot) return null;
  return { ...base, channel: event.channel, thread_ts: event.thread_ts, conversation: threadKey(event.channel, event.thread_ts), followUp: true, help: false };
}
