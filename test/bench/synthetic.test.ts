import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { corpusStatistics, generateNewsCorpus, newsNamePool, storyMaterial } from '../../bench/news-corpus.ts';
import { newsQuestions } from '../../bench/questions.ts';
import { generateCorpus } from '../../bench/synthetic.ts';
import { numberToWords } from '../../bench/synthetic-vocab.ts';
import { findNumbers } from '../../src/core/annotate/numbers.ts';
import { ArticleSchema, type Article } from '../../src/core/schema.ts';
import { readArticles } from '../../src/index/fs-corpus.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
let seeds: Article[];

beforeAll(async () => {
  seeds = await readArticles(DATA);
});

const words = (a: Article) => [a.standfirst ?? '', ...a.paragraphs].join(' ').split(/\s+/).filter(Boolean).length;

describe('generateCorpus', () => {
  it('gives the same corpus for the same seed', () => {
    expect(generateCorpus(7, 40, seeds)).toEqual(generateCorpus(7, 40, seeds));
  });

  it('gives a different corpus for a different seed', () => {
    const a = generateCorpus(7, 40, seeds);
    const b = generateCorpus(8, 40, seeds);
    expect(a).not.toEqual(b);
    expect(a.filter((x, i) => JSON.stringify(x.paragraphs) === JSON.stringify(b[i]!.paragraphs))).toHaveLength(0);
  });

  it('makes article i the same whatever the corpus size, so the small corpus is a prefix of the large one', () => {
    expect(generateCorpus(7, 60, seeds).slice(0, 25)).toEqual(generateCorpus(7, 25, seeds));
  });

  it('produces valid articles with unique ids, dated over about a year', () => {
    const corpus = generateCorpus(11, 300, seeds);
    for (const article of corpus) expect(ArticleSchema.safeParse(article).success).toBe(true);
    expect(new Set(corpus.map((a) => a.id)).size).toBe(300);
    const dates = corpus.map((a) => a.published).sort();
    expect(dates[0]! < '2025-02-01').toBe(true);
    expect(dates.at(-1)! > '2025-11-30').toBe(true);
    expect(dates.every((d) => d.startsWith('2025-'))).toBe(true);
  });

  it('writes articles of about 600 words in 8 to 15 paragraphs', () => {
    const corpus = generateCorpus(11, 200, seeds);
    const mean = corpus.reduce((sum, a) => sum + words(a), 0) / corpus.length;
    expect(mean).toBeGreaterThan(500);
    expect(mean).toBeLessThan(700);
    for (const a of corpus) {
      expect(a.paragraphs.length).toBeGreaterThanOrEqual(8);
      expect(a.paragraphs.length).toBeLessThanOrEqual(15);
    }
  });

  it('varies people and figures, writing figures in digits and in words', () => {
    const corpus = generateCorpus(11, 200, seeds);
    const text = corpus.flatMap((a) => a.paragraphs).join('\n');
    const defenceMinisters = new Set([...text.matchAll(/Thai Defen[cs]e Minister ((?:[A-Z][a-z]+ ?){1,2})/g)].map((m) => m[1]!.trim()));
    expect(defenceMinisters.size).toBeGreaterThan(5);
    const killed = [...text.matchAll(/at least ([\w ,-]+?) civilians and soldiers/g)].map((m) => m[1]!);
    expect(new Set(killed).size).toBeGreaterThan(10);
    expect(killed.some((k) => /^\d/.test(k))).toBe(true);
    expect(killed.some((k) => /^[a-z]/.test(k))).toBe(true);
  });
});

describe('numberToWords', () => {
  it('spells numbers that the engine reads back to the same value', () => {
    for (const n of [4, 18, 80, 99, 101, 817, 1_967, 20_000, 525_000, 1_000_000, 2_350_000]) {
      expect(findNumbers(numberToWords(n))[0]?.value).toBe(n);
    }
  });
});

describe('generateNewsCorpus', () => {
  const STORIES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'eval', 'stories');

  it('has the statistics of news: distinct sentences, a large vocabulary, gzip near real text', () => {
    const corpus = generateNewsCorpus(3, 150, seeds, STORIES);
    for (const article of corpus) expect(ArticleSchema.safeParse(article).success).toBe(true);
    const text = corpus.map((a) => [a.title, ...a.paragraphs].join('\n')).join('\n');
    const stats = corpusStatistics(corpus, text.length / gzipSync(text).length);
    expect(stats.distinctSentenceShare).toBeGreaterThan(0.85);
    expect(stats.vocabulary).toBeGreaterThan(4_000);
    expect(stats.gzipRatio).toBeLessThan(5);
    expect(generateNewsCorpus(3, 40, seeds, STORIES)).toEqual(corpus.slice(0, 40));
  });

  it('never reads the held-back story', () => {
    expect(storyMaterial(STORIES).some((a) => a.id.includes('melissa'))).toBe(false);
  });

  it('gives at least 1,000 distinct questions', () => {
    const questions = newsQuestions(3, 1_200, newsNamePool(3).slice(0, 500), ['Surin', 'Trat', 'Pailin']);
    expect(new Set(questions).size).toBe(1_200);
  });
});
