import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { prepareCorpus } from '../../../src/core/answer/prepare.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { fixedClock, ROOT, SHARED } from '../../helpers/seed-corpus.ts';

const load = () => loadCorpus(JSON.parse(readFileSync(`${ROOT}data/index.json`, 'utf8')));
const questions = [
  ...(JSON.parse(readFileSync(`${SHARED}/eval/dev.json`, 'utf8')) as { questions: Array<{ question: string }> }).questions.map((q) => q.question),
  'timeline', "what's coming up?", 'What happened on 28 July?', 'who is the Thai defence minister?', 'How many were displaced?', 'Who won the cup final?',
];

describe('prepareCorpus (the per-corpus lookups made ahead of the first question)', () => {
  it('answers every kind of question exactly as a corpus that makes them on demand', () => {
    const prepared = load();
    prepareCorpus(prepared);
    const onDemand = load();
    const clock = fixedClock('2025-11-01T12:00:00Z');
    for (const q of questions) {
      expect(answerQuestion(q, { corpus: prepared, clock }), q).toEqual(answerQuestion(q, { corpus: onDemand, clock }));
    }
  });

  it('can be called again on the same corpus, and on a corpus of no articles', () => {
    const corpus = load();
    prepareCorpus(corpus);
    expect(() => prepareCorpus(corpus)).not.toThrow();
    expect(answerQuestion('who mediated the October accord', { corpus, clock: fixedClock() }).answered).toBe(true);
    const empty = loadCorpus(JSON.parse(JSON.stringify(buildIndex([], new Date('2026-01-01T00:00:00Z')))));
    expect(() => prepareCorpus(empty)).not.toThrow();
    expect(answerQuestion('who mediated the October accord', { corpus: empty, clock: fixedClock() }).answered).toBe(false);
  });
});
