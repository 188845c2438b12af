import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { parseArticle } from '../../../src/core/ingest/article-file.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { prepareArticle } from '../../../src/core/ingest/ingest.ts';
import { fixedClock, ROOT } from '../../helpers/seed-corpus.ts';

// A later report on the same story (written for this test): new toll, a signed ceasefire, its terms.
const seeds = readdirSync(`${ROOT}data/articles`).map((n) => parseArticle(readFileSync(`${ROOT}data/articles/${n}`, 'utf8'), n));
const later = prepareArticle(readFileSync(`${ROOT}test/fixtures/articles/2025-12-27-new-ceasefire.txt`, 'utf8'), 'later.txt', { published: '2025-12-27' }, seeds, '2026-01-05');
const corpus = loadCorpus(JSON.parse(JSON.stringify(buildIndex([...seeds, later], new Date('2026-01-05T00:00:00Z')))));
const ask = (q: string) => answerQuestion(q, { corpus, clock: fixedClock() });

describe('a later article on the same story', () => {
  it('leads the toll with its figure, older ones beside it, and finds a figure inside another', () => {
    const toll = ask('latest casualty figures');
    expect(toll.answer.split('\n')[0]).toBe('Killed: at least 101 people killed [1] (as of 27 December 2025).');
    expect(toll.figures.map((f) => f.value)).toEqual(expect.arrayContaining([101, 62, 80, 41]));
    expect(ask('How many civilians have been killed?').answer.split('\n')[0]).toMatch(/^Killed: 62 civilians killed/);
  });

  it('names who signed, when, and the terms of the new deal', () => {
    expect(ask('Who signed the ceasefire?').answer.split('\n')[0]).toBe("Natthaphon Narkphanit (Thai Defence Minister) [1]; Tea Seiha (Cambodia's Defence Minister) [1].");
    expect(ask('When was the new ceasefire signed?').answer.split('\n')[0]).toBe('27 December 2025 [1].');
    expect(ask('What are the terms of the new ceasefire?').answer.split('\n')[0]).toMatch(/^Under the deal, both sides will freeze troop positions/);
  });

  it('reads "since July" as the past, even in a sentence about the future', () => {
    expect(ask('When will the detained soldiers be returned?').answer).not.toMatch(/2026/);
  });
});
