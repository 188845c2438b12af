import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Clock } from '../../core/schema.ts';
import { ChatRateLimiter, rateLimitedText } from '../chat-rate-limit.ts';
import { askInConversation, historyOf, type AskFn } from '../conversation.ts';
import type { Logger } from '../logger.ts';
import { ChatStore, TTL } from '../store/chat-store.ts';
import { MemoryKeyValue } from '../store/memory-key-value.ts';
import { parseButton } from './components.ts';
import { buildEmbed, clipText } from './embed.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import { renderAnswerMessage } from './render.ts';

/** What the Discord adapter needs from the outside: the core's answer, example questions, and a chat store. */
export interface BriefDeps {
  /** the core's answer, given the earlier turns of the conversation */
  ask: AskFn;
  /** example questions matching what was typed so far, best first */
  suggest(typed: string): string[] | Promise<string[]>;
  logger: Logger;
  /** conversations, saved answers and feedback (default: process memory) */
  store?: ChatStore;
  /** per-user and per-channel limit (default: in memory) */
  limiter?: ChatRateLimiter;
  clock?: Clock;
  newId?: () => string;
}

/** The deps with every default filled in. */
export type BriefFlowDeps = BriefDeps & { store: ChatStore; limiter: ChatRateLimiter; clock: Clock };

export function withBriefDefaults(deps: BriefDeps): BriefFlowDeps {
  if (deps.store && deps.limiter && deps.clock) return deps as BriefFlowDeps;
  const clock = deps.clock ?? { now: () => new Date() };
  return {
    ...deps, clock,
    store: deps.store ?? new ChatStore(new MemoryKeyValue({ now: () => clock.now().getTime() }), () => clock.now()),
    limiter: deps.limiter ?? new ChatRateLimiter(clock),
  };
}

/** Where a /brief was asked: its channel (a thread is a channel too), who asked, and whether the channel is a thread. */
export interface BriefPlace {
  channel: string;
  user: string;
  inThread: boolean;
}

const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;
const HELP_EXAMPLES = 6;

/** A thread's conversation; a thread started from one of sitrep's answers has the answer message's id. */
export const threadKey = (id: string) => `discord:thread:${id}`;
/** A person's /brief chain in a channel: another /brief within minutes continues it. */
export const chainKey = (channel: string, user: string) => `discord:chain:${channel}:${user}`;

/** The answer to `/brief`, read against the thread's or the person's recent questions; null answerId if not saved. */
export async function briefReply(question: string, ephemeral: boolean, deps: BriefDeps, place?: BriefPlace): Promise<{ message: DiscordMessage; answerId: string | null }> {
  const flow = withBriefDefaults(deps);
  if (place) {
    const wait = flow.limiter.hit(`discord:${place.user}`, `discord:${place.channel}`);
    if (wait !== null) return { message: buildMessage({ content: rateLimitedText(wait), ephemeral: true }), answerId: null };
  }
  const read = place ? [threadKey(place.channel), chainKey(place.channel, place.user)] : [];
  const write = place ? [{ key: chainKey(place.channel, place.user), ttlSeconds: TTL.chain }, ...(place.inThread ? [{ key: threadKey(place.channel), ttlSeconds: TTL.thread }] : [])] : [];
  const { answer, answerId } = await askInConversation(question, { read, write, channel: place?.channel ?? 'discord', user: place?.user ?? null, private: ephemeral }, {
    ...flow, onStoreError: (error) => flow.logger.warn({ msg: 'discord: conversation store failed', error }),
  });
  return { message: renderAnswerMessage(answer, { ephemeral, answerId }), answerId };
}

/** Once the answer's message id is known: a thread started from that message continues this conversation. */
export async function rememberAnswerMessage(messageId: string, place: BriefPlace, deps: BriefDeps): Promise<void> {
  const flow = withBriefDefaults(deps);
  const turns = await historyOf(flow.store, [threadKey(place.channel), chainKey(place.channel, place.user)]);
  if (turns.length) await flow.store.setHistory(threadKey(messageId), turns, TTL.thread);
}

/**
 * A click on an answer's buttons: Helpful / Not helpful are recorded (one vote per person and answer) and thanked
 * privately; Share posts the saved private answer in the channel. Unknown or expired answers get a short note.
 */
export async function componentReply(customId: string, user: { id: string; name: string }, channel: string, deps: BriefDeps): Promise<DiscordMessage> {
  const flow = withBriefDefaults(deps);
  const button = parseButton(customId);
  if (!button) return buildMessage({ content: "I don't know that button.", ephemeral: true });
  const saved = await flow.store.answer(button.answerId);
  if (!saved) return buildMessage({ content: 'That answer is too old to act on now: ask again with /brief.', ephemeral: true });
  if (button.action === 'share') {
    flow.logger.info({ msg: 'discord: answer shared', answerId: button.answerId });
    return renderAnswerMessage(saved.answer, { sharedBy: user.name });
  }
  const vote = button.action === 'helpful' ? 'helpful' : 'not_helpful';
  await flow.store.recordFeedback({
    answerId: button.answerId, user: user.id, vote, question: saved.answer.question, answer: saved.answer.answer, channel, at: flow.clock.now().toISOString(),
  });
  flow.logger.info({ msg: 'discord: feedback', answerId: button.answerId, vote });
  return buildMessage({ content: vote === 'helpful' ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful. It helps improve the answers.', ephemeral: true });
}

/** The reply to `/brief-help`, shown only to the person who asked. */
export async function helpReply(deps: BriefDeps): Promise<DiscordMessage> {
  const examples = (await deps.suggest('')).slice(0, HELP_EXAMPLES).map((q) => `• ${q}`).join('\n');
  const embed = buildEmbed({
    title: 'Ask sitrep',
    description:
      '`/brief question: …` answers from the news articles sitrep follows. Every answer cites the sentences it rests on, ' +
      'says as of which date, and shows disagreeing figures side by side. Set `private: True` to see the answer yourself only, ' +
      'then **Share** to post it in the channel. Another `/brief` within a few minutes, or in a thread started from an answer, ' +
      'continues the conversation ("who signed it?"). **Helpful** / **Not helpful** under an answer tell us how it did.' +
      (examples ? `\n\n**Try**\n${examples}` : ''),
  });
  return buildMessage({ embeds: [embed], ephemeral: true });
}

/** A short apology for when answering failed; the details go to the log, never to the channel. */
export function apologyReply(): DiscordMessage {
  return buildMessage({ content: "Sorry, I couldn't answer that just now. Please try again in a minute.", ephemeral: true });
}

/** Autocomplete choices: what was typed (so it stays submittable), then matching example questions. */
export async function autocompleteChoices(typed: string, deps: BriefDeps): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const own = typed.trim() ? [clipText(typed.trim(), MAX_CHOICE_CHARS)] : [];
  const suggestions = (await deps.suggest(typed)).filter((q) => q.length <= MAX_CHOICE_CHARS);
  return [...new Set([...own, ...suggestions])].slice(0, MAX_CHOICES).map((q) => ({ name: q, value: q }));
}
