import type { ConversationTurn } from '../../src/core/query/conversation.ts';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import type { Answer } from '../../src/core/schema.ts';
import type { Corpus } from '../../src/core/store/corpus-index.ts';

/** What one call of an injected `ask` received. */
export interface AskCall {
  question: string;
  history: ConversationTurn[];
}

/**
 * The real core behind an `ask` that records each question and the history it was given; `delayMs` makes it slow
 * on purpose (a core under load), `fail` makes the next call throw.
 */
export function recordingAsk(corpus: Corpus, options: { delayMs?: number; clock?: { now(): Date } } = {}) {
  const calls: AskCall[] = [];
  const state = { delayMs: options.delayMs ?? 0, fail: false };
  const clock = options.clock ?? { now: () => new Date('2026-01-05T09:00:00Z') };
  const ask = async (question: string, history: ConversationTurn[]): Promise<Answer> => {
    calls.push({ question, history: JSON.parse(JSON.stringify(history)) as ConversationTurn[] });
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.fail) {
      state.fail = false;
      throw new Error('index exploded');
    }
    return answerQuestion(question, { corpus, clock, history });
  };
  return { ask, calls, state, clock };
}
