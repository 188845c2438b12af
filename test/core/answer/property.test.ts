import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { AnswerSchema } from '../../../src/core/schema.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';

const lunrSyntax = fc.constantFrom('title:', '~2', '^10', '-', '+', '*', ':', '"', '\\', 'foo:', '<!channel>', '@everyone', '<@U1>', '```');
const question = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(lunrSyntax, fc.constantFrom('ceasefire', 'killed', 'who', 'when', 'Thailand', 'talks')), { maxLength: 20 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('any question text', () => {
  it('gives a zod-valid Answer without throwing', () => {
    fc.assert(
      fc.property(question, (text) => {
        const answer = answerQuestion(text, { corpus: seedCorpus(), clock: fixedClock() });
        expect(AnswerSchema.safeParse(answer).success).toBe(true);
        expect(answer.question).toBe(text);
        if (!answer.answered) expect(answer.citations).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('handles a 10 KB question and other scripts', () => {
    for (const text of ['ceasefire '.repeat(1100), 'ผู้เสียชีวิตกี่คน', 'តើមានអ្នកស្លាប់ប៉ុន្មាននាក់?', '🙂'.repeat(3000), '\u0000\u0001']) {
      expect(AnswerSchema.safeParse(answerQuestion(text, { corpus: seedCorpus(), clock: fixedClock() })).success).toBe(true);
    }
  });
});
