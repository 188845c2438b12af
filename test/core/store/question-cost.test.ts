import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/synthetic.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { resetStoreCounters, storeCounters } from '../../../src/core/store/counters.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../../../src/core/store/corpus-index.ts';
import { CANDIDATES, POSTING_BUDGET } from '../../../src/core/store/retrieve.ts';
import { mergeIndexFiles } from '../../../src/core/store/segments.ts';
import type { Article } from '../../../src/core/schema.ts';
import { readArticles } from '../../../src/index/fs-corpus.ts';
import { fixedClock, ROOT } from '../../helpers/seed-corpus.ts';

// Counts, not timings: what one question touches at 1,000 and at 20,000 articles. The corpora are copies of one
// small built index (article ids and dates changed) merged as segments merge, so building them costs no NLP time.

const BASE_ARTICLES = 25;
const QUESTIONS = [
  'latest casualty figures', 'How many people have been displaced?', 'Who is the Thai defence minister?',
  'When did the ceasefire talks resume?', 'What did Thailand and Cambodia agree on?', 'what happened in Battambang',
  'Where are the military talks being held?', 'who mediated the ceasefire', 'How many soldiers were killed?',
  'When was the peace agreement signed?', 'What is the weather in Lagos?', 'Who is Tea Seiha?',
  'Has the ceasefrie held?', 'any update on the demineing operations?',
];

/** n articles: copies of the base file, each copy a month earlier, merged into one index. */
function corpusOf(base: IndexFile, n: number): Corpus {
  const copies: IndexFile[] = [];
  for (let c = 0; c * BASE_ARTICLES < n; c++) {
    const shift = (iso: string) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() - 7 * c); return d.toISOString().slice(0, 10); };
    copies.push({ ...base, articles: base.articles.map((a) => ({ ...a, id: `${a.id}-copy${c}`, published: shift(a.published) })) });
  }
  return loadCorpus(mergeIndexFiles(copies, base.builtAt));
}

/** Reads of a corpus array's items, counted through a proxy over it (what no counter in the engine can miss). */
function countReads<T>(items: T[], tally: { reads: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) tally.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

function touched(corpus: Corpus, question: string) {
  const annotations = { reads: 0 };
  const data = { ...corpus.data, annotations: countReads(corpus.data.annotations, annotations) };
  const counted = { ...corpus, data };
  resetStoreCounters();
  answerQuestion(question, { corpus: counted, clock: fixedClock('2026-01-01T00:00:00Z') });
  return { ...storeCounters, annotationReads: annotations.reads };
}

let small: Corpus;
let large: Corpus;

beforeAll(async () => {
  const seeds = await readArticles(`${ROOT}data`);
  // short articles (two paragraphs) keep the 20,000-article corpus near 90,000 passages
  const articles: Article[] = generateCorpus(13, BASE_ARTICLES, seeds).map((a) => ({ ...a, paragraphs: a.paragraphs.slice(0, 2) }));
  const base = JSON.parse(JSON.stringify(buildIndex(articles, new Date('2026-01-01T00:00:00Z')))) as IndexFile;
  small = corpusOf(base, 1_000);
  large = corpusOf(base, 20_000);
}, 120_000);

describe('what a question touches does not grow with the corpus', () => {
  it('has the corpora it claims', () => {
    expect(small.data.articles).toHaveLength(1_000);
    expect(large.data.articles).toHaveLength(20_000);
    expect(large.data.passages.length).toBeGreaterThan(80_000);
  });

  it('reads postings within the fixed budget, decodes a bounded number of passages and reads annotations of its hits only', () => {
    let bound = 0;
    for (const question of QUESTIONS) {
      const a = touched(small, question);
      const b = touched(large, question);
      for (const c of [a, b]) {
        expect(c.postingsRead, question).toBeLessThanOrEqual(c.searches * POSTING_BUDGET);
        // each search's candidates are read to rank them, and the hits at most once more to compose the answer
        expect(c.passagesDecoded, question).toBeLessThanOrEqual(2 * c.searches * CANDIDATES);
      }
      expect(b.passagesDecoded, question).toBeLessThanOrEqual(2 * a.passagesDecoded + CANDIDATES);
      // the name table is built with the index: no question reads every passage's annotation
      expect(b.annotationReads, question).toBeLessThanOrEqual(Math.max(2 * a.annotationReads, 2_000));
      // the vocabulary is the same (copies), so a misspelt word is compared with the same terms
      expect(b.termsCompared, question).toBe(a.termsCompared);
      expect(b.searches, question).toBeLessThanOrEqual(a.searches + 1);
      if (b.postingsRead === b.searches * POSTING_BUDGET || b.postingsRead < 20 * a.postingsRead) bound++;
    }
    // at 20 times the articles the budget holds the reads: most questions read far less than 20 times as much
    expect(bound).toBeGreaterThan(QUESTIONS.length / 2);
  });
});
