/**
 * The benchmark's news-like corpus: generateCorpus's recombined and recast sentences, drawn from more material and
 * rewritten so the corpus has the statistics of news rather than of five articles repeated.
 *
 * How it is made (deterministic for a seed; article i does not depend on the corpus size):
 * - Material: the project's five seed articles (data/articles, the same text as ../shared/seeds) and the articles
 *   of the eval stories in ../shared/eval/stories, except the held-back hurricane-melissa-2025 story. Their
 *   sentences are picked in runs of one to four, people and places recast, dates and figures varied (synthetic.ts).
 * - People: given names of the region crossed with family names, listed ones and ~400 generated from syllables
 *   (about 28,000 people), picked with a skew so a few are in the news often and most rarely.
 * - Vocabulary: every word of the material ranked by its frequency there, then wink-nlp's English lexicon (a
 *   dependency already, its 80,000 lower-case words) in a seeded order, 60,000 words in all. About one content word
 *   in five of every sentence is replaced by a word drawn from this vocabulary with Zipf's law (rank r with weight
 *   1/r), among words of the same ending (-ing, -ed, -ly, -s, other) so sentences keep their shape. Most draws are
 *   the material's own common words; the long tail gives tens of thousands of distinct words at 5,000 articles.
 * The result: nearly every sentence distinct, a vocabulary that grows with the corpus as news does (Heaps' law), and
 * gzip ratios near real news text (reported by the benchmark with the corpus).
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import type { Article } from '../src/core/schema.ts';
import { generateCorpus } from './synthetic.ts';
import { createRng, FAMILY_NAMES, GIVEN_NAMES, mixSeed, type Rng } from './synthetic-vocab.ts';

/** Stories whose articles are material; the held-back story is never read. */
const HELD_BACK = new Set(['hurricane-melissa-2025']);
const VOCABULARY_SIZE = 60_000;
const REPLACE_SHARE = 0.2;
/** Words never replaced: the engine's cue words for figures, dates and roles stay as the sources write them. */
const KEEP = new Set(('that this with from have were been said will would they their there about after before which where when what ' +
  'killed dead died deaths injured wounded displaced evacuated missing people civilians soldiers troops minister ' +
  'ministry president spokesman spokeswoman official officials talks ceasefire agreement signed meeting border ' +
  'january february march april june july august september october november december monday tuesday wednesday ' +
  'thursday friday saturday sunday since during until least more than').split(' '));

/** The eval stories' articles (title, then paragraphs), as articles the generator can draw sentences from. */
export function storyMaterial(storiesDir: string): Article[] {
  if (!existsSync(storiesDir)) return [];
  const out: Article[] = [];
  for (const story of readdirSync(storiesDir).sort()) {
    const dir = join(storiesDir, story, 'articles');
    if (HELD_BACK.has(story) || !existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const blocks = readFileSync(join(dir, file), 'utf8').split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (blocks.length < 3) continue;
      out.push({
        id: `2025-06-01-${story}-${file.replace(/\.txt$/, '')}`, title: blocks[0]!.slice(0, 300), source: null, url: null,
        published: '2025-06-01', standfirst: null, paragraphs: blocks.slice(1),
      });
    }
  }
  return out;
}

/** Family names made of syllables of the region's names, so the people pool is large. */
function generatedFamilyNames(seed: number, count: number): string[] {
  const heads = ['Som', 'Pra', 'Wi', 'Kit', 'Cha', 'Su', 'Tha', 'Na', 'Pi', 'Ra', 'Ma', 'So', 'Vu', 'Bo', 'Ri', 'Ko', 'Ha', 'Li', 'Mi', 'Lo', 'Ke', 'Ph', 'Bun', 'Sri'];
  const mids = ['', 'ra', 'wa', 'ta', 'pha', 'na', 'ka', 'ri', 'si', 'chai', 'suk', 'mon', 'thi', 'bo', 'la'];
  const tails = ['kul', 'sak', 'rat', 'porn', 'wong', 'chai', 'dee', 'mee', 'sin', 'vong', 'kham', 'phan', 'thong', 'rit', 'nak', 'sen', 'ly', 'ra'];
  const rng = createRng(mixSeed(seed, 0x66616d));
  const out = new Set<string>();
  while (out.size < count) out.add(`${rng.pick(heads)}${rng.pick(mids)}${rng.pick(tails)}`);
  return [...out];
}

/** Everyone the news corpus can name, in a seed-dependent order (early entries are picked most often). */
export function newsNamePool(seed: number): string[] {
  const families = [...FAMILY_NAMES, ...generatedFamilyNames(seed, 400)];
  const names = GIVEN_NAMES.flatMap((g) => families.map((f) => `${g} ${f}`));
  const rng = createRng(mixSeed(seed, 0x6e6577));
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
}

interface Bucket {
  words: string[];
  /** cumulative Zipf weights */
  cumulative: Float64Array;
}

export interface Vocabulary {
  size: number;
  buckets: Map<string, Bucket>;
}

function endingOf(word: string): string {
  return /ing$/.test(word) ? 'ing' : /ed$/.test(word) ? 'ed' : /ly$/.test(word) ? 'ly' : /[^s]s$/.test(word) ? 's' : '';
}

/** The ranked vocabulary: the material's words by frequency, then wink-nlp's lexicon in a seeded order. */
export function newsVocabulary(seed: number, material: Article[]): Vocabulary {
  const counts = new Map<string, number>();
  for (const a of material) {
    for (const w of [a.title, ...a.paragraphs].join(' ').match(/\b[a-z]{3,}\b/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  // content words only: lunr's stop words ("with", "the") would make no sentence a reporter writes
  const content = (w: string) => w.length >= 4 && lunr.stopWordFilter(new lunr.Token(w, {})) !== undefined;
  const ranked = [...counts].filter(([w]) => content(w)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  const require = createRequire(import.meta.url);
  const model = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json') as { features: { lexeme: { list: string[] } } };
  const known = new Set(ranked);
  const lexicon = model.features.lexeme.list.filter((w) => /^[a-z]{4,14}$/.test(w) && !known.has(w));
  const rng = createRng(mixSeed(seed, 0x766f63));
  for (let i = lexicon.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [lexicon[i], lexicon[j]] = [lexicon[j]!, lexicon[i]!];
  }
  const all = [...ranked, ...lexicon].slice(0, VOCABULARY_SIZE);
  const grouped = new Map<string, Array<{ word: string; rank: number }>>();
  all.forEach((word, rank) => {
    const key = endingOf(word);
    const list = grouped.get(key);
    if (list) list.push({ word, rank });
    else grouped.set(key, [{ word, rank }]);
  });
  const buckets = new Map<string, Bucket>();
  for (const [key, list] of grouped) {
    const cumulative = new Float64Array(list.length);
    let sum = 0;
    list.forEach(({ rank }, i) => { sum += 1 / (rank + 1); cumulative[i] = sum; });
    buckets.set(key, { words: list.map((x) => x.word), cumulative });
  }
  return { size: all.length, buckets };
}

function drawZipf(bucket: Bucket, rng: Rng): string {
  const target = rng.next() * bucket.cumulative[bucket.cumulative.length - 1]!;
  let lo = 0;
  let hi = bucket.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bucket.cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return bucket.words[lo]!;
}

/** Replaces about one content word in five (at least one a sentence) with a Zipf draw of the same ending. */
export function rewriteWords(vocabulary: Vocabulary): (sentence: string, rng: Rng) => string {
  return (sentence, rng) => {
    const spots = [...sentence.matchAll(/(?<![\w'-])[a-z]{4,}(?![\w'-])/g)].filter((m) => !KEEP.has(m[0]));
    if (!spots.length) return sentence;
    let picked = spots.filter(() => rng.next() < REPLACE_SHARE);
    if (!picked.length) picked = [spots[rng.int(0, spots.length - 1)]!];
    let out = sentence;
    for (const m of picked.reverse()) {
      const bucket = vocabulary.buckets.get(endingOf(m[0])) ?? vocabulary.buckets.get('')!;
      out = out.slice(0, m.index) + drawZipf(bucket, rng) + out.slice(m.index! + m[0].length);
    }
    return out;
  };
}

/** The news-like corpus of the benchmark (see the comment at the top of this file). */
export function generateNewsCorpus(seed: number, n: number, seedArticles: Article[], storiesDir: string): Article[] {
  const material = storyMaterial(storiesDir);
  const vocabulary = newsVocabulary(seed, [...seedArticles, ...material]);
  return generateCorpus(seed, n, [...seedArticles, ...material], { names: newsNamePool(seed), rewrite: rewriteWords(vocabulary) });
}

/** Statistics of a corpus that say whether it looks like news: distinct sentences, vocabulary, gzip ratio. */
export function corpusStatistics(articles: Article[], gzipRatio: number): { sentences: number; distinctSentenceShare: number; vocabulary: number; gzipRatio: number } {
  const sentences = articles.flatMap((a) => a.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/)));
  const words = new Set<string>();
  for (const s of sentences) for (const w of s.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []) words.add(w);
  return { sentences: sentences.length, distinctSentenceShare: new Set(sentences).size / (sentences.length || 1), vocabulary: words.size, gzipRatio };
}
