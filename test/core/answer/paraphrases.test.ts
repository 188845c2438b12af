import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { checkAnswer, EvalFileSchema } from '../../../src/core/evaluate.ts';
import { fixedClock, ROOT, seedCorpus } from '../../helpers/seed-corpus.ts';

// Other wordings of the development questions' kinds: generality, checked with the eval rules.
const file = EvalFileSchema.parse(JSON.parse(readFileSync(`${ROOT}test/fixtures/paraphrases.json`, 'utf8')));

describe('paraphrased questions over the seed corpus', () => {
  it.each(file.questions.map((q) => [q.id, q] as const))('%s', (_id, question) => {
    expect(checkAnswer(question, answerQuestion(question.question, { corpus: seedCorpus(), clock: fixedClock() }))).toEqual([]);
  });
});
