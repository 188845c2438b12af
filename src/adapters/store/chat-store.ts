import { z } from 'zod';
import { MAX_CONVERSATION_TURNS, type ConversationTurn } from '../../core/query/conversation.ts';
import { AnswerSchema, type Answer } from '../../core/schema.ts';
import type { KeyValue } from './key-value.ts';

/** How long things are kept: a thread's conversation, a quick chain of commands, an answer its buttons refer to. */
export const TTL = {
  thread: 24 * 60 * 60,
  chain: 5 * 60,
  answer: 7 * 24 * 60 * 60,
  feedback: 90 * 24 * 60 * 60,
} as const;

const TurnSchema = z.object({ question: z.string(), query: z.unknown().optional() });

/** An answer as it was given, kept so its buttons (feedback, share) can refer to it. */
export const SavedAnswerSchema = z.object({
  answer: AnswerSchema,
  /** where it was given: a Slack or Discord channel id, or `console` */
  channel: z.string(),
  user: z.string().nullable(),
  private: z.boolean(),
  at: z.string(),
});
export type SavedAnswer = z.infer<typeof SavedAnswerSchema>;

export const VOTES = ['helpful', 'not_helpful'] as const;
export type Vote = (typeof VOTES)[number];

export const FeedbackSchema = z.object({
  answerId: z.string(),
  user: z.string(),
  vote: z.enum(VOTES),
  question: z.string(),
  /** the answer's text as the asker read it */
  answer: z.string(),
  channel: z.string(),
  at: z.string(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Per-channel settings set with `/brief config`. */
export const ChannelSettingsSchema = z.object({
  visibility: z.enum(['public', 'private']).optional(),
  digest: z.boolean().optional(),
  updatedBy: z.string().optional(),
  at: z.string().optional(),
});
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

function parse<T>(schema: z.ZodType<T>, raw: string | null): T | null {
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What the chat adapters keep between requests, over any KeyValue (memory on Node, KV on Workers): conversation
 * turns per thread, answers their buttons refer to, feedback, and channel settings. Unreadable entries read as absent.
 * Channel settings may live apart (`settingsKv`: a file on Node, so they outlast the process and the digest reads them).
 */
export class ChatStore {
  constructor(private readonly kv: KeyValue, private readonly now: () => Date = () => new Date(), private readonly settingsKv: KeyValue = kv) {}

  /** The earlier turns of a conversation, oldest first (empty when there are none or they expired). */
  async history(conversation: string): Promise<ConversationTurn[]> {
    return parse(z.array(TurnSchema), await this.kv.get(`turns:${conversation}`)) ?? [];
  }

  /** Adds a turn (keeping the last MAX_CONVERSATION_TURNS) and restarts the conversation's expiry. */
  async addTurn(conversation: string, turn: ConversationTurn, ttlSeconds: number): Promise<void> {
    const turns = [...(await this.history(conversation)), { question: turn.question, ...(turn.query !== undefined ? { query: turn.query } : {}) }];
    await this.kv.put(`turns:${conversation}`, JSON.stringify(turns.slice(-MAX_CONVERSATION_TURNS)), { ttlSeconds });
  }

  /** Replaces a conversation's turns (a thread started from an answer inherits the turns that led to it). */
  async setHistory(conversation: string, turns: ConversationTurn[], ttlSeconds: number): Promise<void> {
    await this.kv.put(`turns:${conversation}`, JSON.stringify(turns.slice(-MAX_CONVERSATION_TURNS)), { ttlSeconds });
  }

  async saveAnswer(id: string, saved: SavedAnswer): Promise<void> {
    await this.kv.put(`answer:${id}`, JSON.stringify(saved), { ttlSeconds: TTL.answer });
  }

  async answer(id: string): Promise<SavedAnswer | null> {
    return parse(SavedAnswerSchema, await this.kv.get(`answer:${id}`));
  }

  /** One vote per person and answer: voting again replaces the earlier vote, so a retried click counts once. */
  async recordFeedback(feedback: Feedback): Promise<void> {
    await this.kv.put(`feedback:${feedback.answerId}:${feedback.user}`, JSON.stringify(feedback), { ttlSeconds: TTL.feedback, metadata: { vote: feedback.vote } });
  }

  /** Votes so far (within their 90-day expiry), counted from the keys' metadata. */
  async feedbackCounts(): Promise<Record<Vote, number>> {
    const counts: Record<Vote, number> = { helpful: 0, not_helpful: 0 };
    for (const { metadata } of await this.kv.list('feedback:')) {
      const vote = metadata?.vote;
      if (vote === 'helpful' || vote === 'not_helpful') counts[vote]++;
    }
    return counts;
  }

  /** Every recorded vote, for a report. */
  async feedback(): Promise<Feedback[]> {
    const keys = await this.kv.list('feedback:');
    const all = await Promise.all(keys.map(async ({ key }) => parse(FeedbackSchema, await this.kv.get(key))));
    return all.filter((f): f is Feedback => f !== null).sort((a, b) => a.at.localeCompare(b.at));
  }

  async channelSettings(channel: string): Promise<ChannelSettings | null> {
    return parse(ChannelSettingsSchema, await this.settingsKv.get(`settings:${channel}`));
  }

  async saveChannelSettings(channel: string, settings: ChannelSettings): Promise<void> {
    await this.settingsKv.put(`settings:${channel}`, JSON.stringify({ ...settings, at: this.now().toISOString() }), { metadata: { digest: String(settings.digest ?? false) } });
  }

  /** Channels with settings, and whether each turned the digest on (false: it said off, or said nothing). */
  async configuredChannels(): Promise<Array<{ channel: string; digest: boolean }>> {
    return (await this.settingsKv.list('settings:')).map(({ key, metadata }) => ({ channel: key.slice('settings:'.length), digest: metadata?.digest === 'true' }));
  }
}

/** The saved form of a turn: the question and the typed query the engine made of it. */
export function turnOf(answer: Answer): ConversationTurn {
  return answer.query !== undefined ? { question: answer.question, query: answer.query } : { question: answer.question };
}
