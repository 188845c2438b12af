// The honest synthetic news corpus (bench/news-corpus.ts) built into sitrep's index with the project's own build
// (buildIndex: wink-nlp annotation, as `sitrep build` does), for the benches that serve it from workerd
// (bench/worker-r2.ts, bench/d1-news.ts). Same seed and size, same articles and index.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/core/schema.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import type { IndexFile } from '../src/core/store/corpus-index.ts';
import { readArticles } from '../src/index/fs-corpus.ts';
import { generateNewsCorpus, newsNamePool } from './news-corpus.ts';
import { newsQuestions } from './questions.ts';
import { assertValidArticles } from './synthetic.ts';
import { PLACE_NAMES, VILLAGE_NAMES } from './synthetic-vocab.ts';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const STORIES = join(ROOT, '..', 'shared', 'eval', 'stories');

/** N articles of the news corpus for `seed` (article i does not depend on N). */
export async function newsArticles(seed: number, n: number): Promise<Article[]> {
  const articles = generateNewsCorpus(seed, n, await readArticles(join(ROOT, 'data')), STORIES);
  assertValidArticles(articles);
  return articles;
}

/** The index of those articles, built as `sitrep build` builds it; CPU seconds of the build beside it. */
export function buildNewsIndex(articles: Article[], builtAt = new Date('2026-01-01T00:00:00Z')): { file: IndexFile; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const file = buildIndex(articles, builtAt);
  const used = process.cpuUsage(cpu);
  return { file, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** `count` distinct questions over the corpus's people and places, as bench/engine.ts asks them. */
export function newsQuestionsFor(seed: number, count: number): string[] {
  return newsQuestions(seed, count, newsNamePool(seed).slice(0, 3000), [...PLACE_NAMES, ...VILLAGE_NAMES.slice(0, 40)]);
}
