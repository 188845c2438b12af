import { answerQuestion } from '../../src/core/answer/answer.ts';
import type { Clock } from '../../src/core/schema.ts';
import type { Corpus } from '../../src/core/store/corpus-index.ts';

/** A two-turn exchange on the seed articles whose second question means nothing without the first. */
export const EXCHANGE = { first: 'who mediated the October accord', followUp: 'who signed it?' } as const;

/**
 * Whether the core reads a follow-up against history yet (the lead engineer's half of issue 11). The adapters pass
 * history either way; the end-to-end assertions that need the core's half are switched on by this.
 */
export function coreResolvesFollowUps(corpus: Corpus, clock: Clock): boolean {
  const alone = answerQuestion(EXCHANGE.followUp, { corpus, clock });
  const first = answerQuestion(EXCHANGE.first, { corpus, clock });
  const after = answerQuestion(EXCHANGE.followUp, { corpus, clock, history: [{ question: EXCHANGE.first, ...(first.query !== undefined ? { query: first.query } : {}) }] });
  return alone.answer !== after.answer;
}
