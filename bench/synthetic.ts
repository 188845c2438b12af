import { findNumbers } from '../src/core/annotate/numbers.ts';
import { extractPeople } from '../src/core/annotate/people.ts';
import { ArticleSchema, type Article } from '../src/core/schema.ts';
import { splitSentences } from '../src/core/annotate/text.ts';
import {
  createRng, FAMILY_NAMES, formatDigits, GIVEN_NAMES, mixSeed, numberToWords, PLACE_NAMES, SOURCES, VILLAGE_NAMES, type Rng,
} from './synthetic-vocab.ts';

/**
 * A deterministic synthetic news corpus for benchmarks: sentences of the seed articles recombined, with people,
 * places, figures and dates varied. Same (seed, n, seedArticles) -> same articles; article i does not depend on n.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_RE = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const FIRST_DAY = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;
/** Each seed person keeps the same office through most of the year: one of a few holders, else someone new. */
const HOLDERS_PER_ROLE = 3;
const HOLDER_SHARE = 0.6;
const MIN_SENTENCES = 18;
const MAX_SENTENCES = 35;

interface SeedPool {
  /** body sentences of each seed article, in order, so runs of them keep "He said" after its antecedent */
  runs: string[][];
  standfirsts: string[];
  titles: string[];
  /** seed people and places, and the single words of multi-word names, longest first */
  entities: string[];
  entityRe: RegExp | null;
  kindOf: Map<string, 'person' | 'place'>;
  /** a seed person's name words, for mapping "Natthaphon" when "Natthaphon Narkphanit" is recast */
  nameOfWord: Map<string, { name: string; index: number }>;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds the seed articles' people (via the engine's own extractor) and provinces, and splits them into sentences. */
function readSeeds(seedArticles: Article[]): SeedPool {
  const sorted = [...seedArticles].sort((a, b) => a.id.localeCompare(b.id));
  const runs = sorted.map((a) => a.paragraphs.flatMap((p) => splitSentences(p)));
  const all = [...runs.flat(), ...sorted.map((a) => a.standfirst ?? ''), ...sorted.map((a) => a.title)];
  const lowerWords = new Set(all.join(' ').match(/\b[a-z][a-z'-]*\b/g) ?? []);
  const people = new Set<string>();
  for (const sentence of all) {
    for (const { name } of extractPeople(sentence)) {
      const clean = name.replace(/'s$/, '');
      // a lone capitalised word that also occurs in lower case ("Border") is an ordinary word, not a name
      if (!clean.includes(' ') && lowerWords.has(clean.toLowerCase())) continue;
      people.add(clean);
    }
  }
  const places = new Set<string>();
  for (const m of all.join('\n').matchAll(/\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) [Pp]rovince\b/g)) places.add(m[1]!);
  const kindOf = new Map<string, 'person' | 'place'>();
  const nameOfWord = new Map<string, { name: string; index: number }>();
  for (const person of people) {
    kindOf.set(person, 'person');
    const words = person.split(' ');
    if (words.length > 1) {
      words.forEach((word, index) => {
        if (word.length >= 3 && !people.has(word) && !nameOfWord.has(word)) nameOfWord.set(word, { name: person, index: index === words.length - 1 ? -1 : index });
      });
    }
  }
  for (const place of places) kindOf.set(place, 'place');
  const entities = [...kindOf.keys(), ...nameOfWord.keys()].sort((a, b) => b.length - a.length);
  const entityRe = entities.length ? new RegExp(`\\b(?:${entities.map(escapeRe).join('|')})\\b`, 'g') : null;
  return {
    runs: runs.filter((r) => r.length),
    standfirsts: sorted.flatMap((a) => (a.standfirst ? [a.standfirst] : [])),
    titles: sorted.map((a) => a.title),
    entities, entityRe, kindOf, nameOfWord,
  };
}

/** Everyone the corpus can name, in a seed-dependent order: early entries are the story's frequent figures. */
export function namePool(seed: number): string[] {
  const names = GIVEN_NAMES.flatMap((g) => FAMILY_NAMES.map((f) => `${g} ${f}`));
  const rng = createRng(mixSeed(seed, 0x6e616d65));
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
}

/** A skewed pick: a few entries very often, most rarely (roughly Zipf-like). */
function pickSkewed<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(items.length * rng.next() ** 2.5)]!;
}

function isoOf(day: number): string {
  return new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);
}

/** A figure of the same order of magnitude, rounded the way reporters round. */
function varyValue(rng: Rng, value: number): number {
  const raw = value * Math.exp((rng.next() * 2 - 1) * 1.1);
  if (raw < 100) return Math.max(4, Math.round(raw));
  const magnitude = 10 ** (Math.floor(Math.log10(raw)) - 1);
  return Math.round(raw / magnitude) * magnitude;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Varies the dates and figures of one sentence; people and places are recast by the caller. */
function varyFigures(sentence: string, rng: Rng, publishedDay: number): string {
  const edits: Edit[] = [];
  const near = () => new Date(FIRST_DAY + (publishedDay + rng.int(-21, 14)) * DAY_MS);
  for (const m of sentence.matchAll(new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g'))) {
    const d = near();
    edits.push({ start: m.index!, end: m.index! + m[0].length, text: `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}` });
  }
  for (const m of sentence.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(of\\s+)?${MONTH_RE}\\b`, 'g'))) {
    const d = near();
    edits.push({ start: m.index!, end: m.index! + m[0].length, text: `${d.getUTCDate()} ${m[2] ?? ''}${MONTHS[d.getUTCMonth()]}` });
  }
  for (const m of sentence.matchAll(new RegExp(`\\b((?:earlier |later )?(?:in|since|during|until|by|early|late|mid)\\s+)${MONTH_RE}\\b(?!\\s+\\d)`, 'g'))) {
    const d = new Date(FIRST_DAY + (publishedDay - rng.int(0, 120)) * DAY_MS);
    edits.push({ start: m.index!, end: m.index! + m[0].length, text: `${m[1]}${MONTHS[d.getUTCMonth()]}` });
  }
  const overlaps = (s: number, e: number) => edits.some((x) => s < x.end && e > x.start);
  for (const n of findNumbers(sentence)) {
    const after = sentence.slice(n.end);
    if (n.yearLike || n.value <= 3 || /:$/.test(sentence.slice(0, n.start)) || after.startsWith(':') || !Number.isInteger(n.value) || overlaps(n.start, n.end) || /^(?:st|nd|rd|th)\b|^\s*(?:%|per ?cent)/.test(after)) continue;
    const value = varyValue(rng, n.value);
    const inWords = /^[a-z]/i.test(n.text) ? rng.next() < 0.7 : rng.next() < 0.2 && !after.startsWith('-');
    let text = inWords ? numberToWords(value) : formatDigits(value);
    if (/^[A-Z]/.test(n.text)) text = text[0]!.toUpperCase() + text.slice(1);
    edits.push({ start: n.start, end: n.end, text });
  }
  let out = sentence;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Who and where one article talks about: each seed person and place recast once per article. */
class Cast {
  private readonly chosen = new Map<string, string>();

  constructor(
    private readonly pool: SeedPool,
    private readonly names: string[],
    private readonly holders: Map<string, string[]>,
    private readonly rng: Rng,
  ) {}

  private recast(entity: string): string {
    const known = this.chosen.get(entity);
    if (known) return known;
    let choice: string;
    if (this.pool.kindOf.get(entity) === 'place') {
      choice = this.rng.next() < 0.7 ? this.rng.pick(PLACE_NAMES) : this.rng.pick(VILLAGE_NAMES);
    } else {
      const holders = this.holders.get(entity)!;
      choice = this.rng.next() < HOLDER_SHARE ? pickSkewed(this.rng, holders) : pickSkewed(this.rng, this.names);
    }
    this.chosen.set(entity, choice);
    return choice;
  }

  /** A seed entity as this article names it; a lone word of a seed name maps to the same word of its recast name. */
  name(entity: string): string {
    const part = this.pool.nameOfWord.get(entity);
    if (!part) return this.recast(entity);
    const words = this.recast(part.name).split(' ');
    return part.index === -1 ? words.at(-1)! : words[Math.min(part.index, words.length - 1)]!;
  }

  apply(text: string): string {
    return this.pool.entityRe ? text.replace(this.pool.entityRe, (m) => this.name(m)) : text;
  }
}

function titleFor(pool: SeedPool, cast: Cast, rng: Rng): string {
  const base = cast.apply(rng.pick(pool.titles));
  const place = rng.pick(PLACE_NAMES);
  const variants = [base, base, `${base} Near ${place}`, `${place}: ${base}`, `${base} as Talks Continue`, `Update - ${base}`];
  return rng.pick(variants).slice(0, 300);
}

/** Body sentences in runs of 1-4 consecutive seed sentences (each at most once) until about `words` words. */
function pickSentences(pool: SeedPool, rng: Rng, words: number, vary: (s: string) => string): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  let total = 0;
  const full = () => out.length >= MAX_SENTENCES || (total >= words && out.length >= MIN_SENTENCES);
  for (let tries = 0; !full() && tries < MAX_SENTENCES * 20; tries++) {
    const r = rng.int(0, pool.runs.length - 1);
    const run = pool.runs[r]!;
    const start = rng.int(0, run.length - 1);
    const length = rng.int(1, 4);
    for (let i = start; i < Math.min(run.length, start + length) && !full(); i++) {
      const key = `${r}:${i}`;
      if (used.has(key)) break;
      used.add(key);
      const sentence = vary(run[i]!);
      out.push(sentence);
      total += sentence.split(/\s+/).length;
    }
  }
  return out;
}

function splitIntoParagraphs(sentences: string[], paragraphs: number, rng: Rng): string[] {
  const cuts = new Set<number>();
  while (cuts.size < Math.min(paragraphs, sentences.length) - 1) cuts.add(rng.int(1, sentences.length - 1));
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), sentences.length];
  return bounds.slice(1).map((end, i) => sentences.slice(bounds[i], end).join(' '));
}

/**
 * Generates n articles from the seed articles: ~600 words each (about 25 sentences in 8-15 paragraphs),
 * published over 2025, with varied people, places, casualty figures (digits and words) and dates.
 */
export interface CorpusOptions {
  /** the people to recast seed people as (default namePool(seed)) */
  names?: string[];
  /** a last rewrite of every sentence (news-corpus.ts replaces words with draws from a large vocabulary) */
  rewrite?: (sentence: string, rng: Rng) => string;
}

export function generateCorpus(seed: number, n: number, seedArticles: Article[], options: CorpusOptions = {}): Article[] {
  const pool = readSeeds(seedArticles);
  if (!pool.runs.length) throw new Error('generateCorpus needs seed articles with at least one sentence');
  const names = options.names ?? namePool(seed);
  const rewrite = options.rewrite;
  const holders = new Map<string, string[]>();
  pool.kindOf.forEach((kind, entity) => {
    if (kind !== 'person') return;
    const rng = createRng(mixSeed(seed, 0x686f6c64, ...[...entity].map((c) => c.charCodeAt(0))));
    holders.set(entity, [entity, ...Array.from({ length: HOLDERS_PER_ROLE - 1 }, () => pickSkewed(rng, names))]);
  });
  const articles: Article[] = [];
  for (let i = 0; i < n; i++) {
    const rng = createRng(mixSeed(seed, i));
    const day = rng.int(0, 364);
    const published = isoOf(day);
    const cast = new Cast(pool, names, holders, rng);
    const vary = rewrite ? (s: string) => rewrite(cast.apply(varyFigures(s, rng, day)), rng) : (s: string) => cast.apply(varyFigures(s, rng, day));
    const sentences = pickSentences(pool, rng, rng.int(540, 660), vary);
    const number = String(i + 1).padStart(5, '0');
    const standfirst = pool.standfirsts.length && rng.next() < 0.5 ? vary(rng.pick(pool.standfirsts)).slice(0, 1000) : null;
    const source = rng.next() < 0.8 ? rng.pick(SOURCES) : null;
    articles.push({
      id: `${published}-synth-${number}`,
      title: titleFor(pool, cast, rng),
      source,
      url: rng.next() < 0.7 ? `https://news.example.org/${published.replace(/-/g, '/')}/synth-${number}` : null,
      published,
      standfirst,
      paragraphs: splitIntoParagraphs(sentences, rng.int(8, 15), rng),
    });
  }
  return articles;
}

/** Throws when a generated article does not satisfy the article schema (a guard for the benchmark). */
export function assertValidArticles(articles: Article[]): void {
  for (const article of articles) {
    const result = ArticleSchema.safeParse(article);
    if (!result.success) throw new Error(`synthetic article ${article.id} is invalid: ${result.error.issues[0]?.message}`);
  }
}
