import lunr from 'lunr';
import { z } from 'zod';
import { findDateMentions, isFutureTense } from '../annotate/dates.ts';
import { extractFigures, findClaimant, type SentenceFigure } from '../annotate/figures.ts';
import { extractPeople, sameName } from '../annotate/people.ts';
import { ArticleMetaSchema, type Article, type ArticleMeta } from '../schema.ts';
import { spellingPipelineStep } from '../annotate/spelling.ts';
import { splitSentences, tokenize } from '../annotate/text.ts';
import { SitrepError } from '../ingest/article-file.ts';
import { compactBuilder, decodeDoc, expandLunr, type CompactLunr } from './lunr-compact.ts';
import { modelArticle } from '../ingest/article-model.ts';
import { annotatePassages, type StoredAnnotation } from './annotations.ts';

export const INDEX_FORMAT = 3;

/** A sentence of an article: [article index, paragraph index (-1 for the standfirst), text]. */
export type Passage = [number, number, string];

export interface StoredFigure extends SentenceFigure {
  /** passage index */
  p: number;
}
export interface StoredPerson {
  name: string;
  roles: Array<{ role: string; p: number }>;
}
export interface StoredEvent {
  p: number;
  date: string | null;
  month: string | null;
  text: string;
  future: boolean;
  explicit: boolean;
}

/**
 * The one file a runtime loads: the lunr index plus everything answering needs, so no article is re-parsed.
 * `texts[a]` holds article a's sentences, one per line, paragraphs separated by a blank line (the standfirst first).
 */
export interface IndexFile {
  format: number;
  builtAt: string;
  articles: ArticleMeta[];
  texts: string[];
  figures: StoredFigure[];
  people: StoredPerson[];
  events: StoredEvent[];
  /** per passage: section, live-blog time, typed names, quantities and times (see annotations.ts) */
  annotations: StoredAnnotation[];
  /** the countries the corpus names, each as its lowercase forms (name, adjective, as written) */
  countries: string[][];
  lunr: CompactLunr;
}

/** A loaded index file, with its passages laid out. */
export interface IndexData extends IndexFile {
  passages: Passage[];
}

const IndexDataSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  builtAt: z.string(),
  articles: z.array(ArticleMetaSchema),
  texts: z.array(z.string()),
  figures: z.array(z.object({ p: z.number(), kind: z.string(), value: z.number() }).passthrough()),
  people: z.array(z.object({ name: z.string(), roles: z.array(z.object({ role: z.string(), p: z.number() })) })),
  events: z.array(z.object({ p: z.number(), text: z.string() }).passthrough()),
  annotations: z.array(z.object({}).passthrough()),
  countries: z.array(z.array(z.string())),
  lunr: z.object({
    version: z.string(), field: z.string(), pipeline: z.array(z.string()), averageFieldLength: z.number().positive(),
    terms: z.array(z.string()), df: z.array(z.number().int()), postings: z.array(z.string()), docs: z.string(),
  }),
});

/** Words as the index sees them, for lunr's tokenizer (which splits on spaces). */
export function indexText(text: string): string {
  return tokenize(text).join(' ');
}

const PRONOUN_START = /^(?:["']?(?:He|She|They|It|We|His|Her|Their|The (?:statement|ministry|minister|spokesman|envoy|official|group|bloc|agency|report)))\b/;

/** Text indexed for a passage: its words, plus the proper names of the sentence before when it opens with "He"/"The ministry". */
function passageIndexText(text: string, previous: string | undefined): string {
  if (!previous || !PRONOUN_START.test(text)) return indexText(text);
  const names = previous.match(/\b[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+)*/gu) ?? [];
  return `${indexText(text)} ${indexText(names.join(' '))}`;
}

/** Builds the passage-level index over articles, newest article first. */
export function buildIndex(articles: Article[], builtAt: Date): IndexFile {
  const sorted = [...articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
  const passages: Passage[] = [];
  const figures: StoredFigure[] = [];
  const events: StoredEvent[] = [];
  const mentions: Array<{ name: string; role: string | null; p: number }> = [];
  const contexts: Array<{ section: string | null; time: string | null }> = [];
  sorted.forEach((article, a) => {
    let lastClaimant: string | null = null;
    for (const { para, text: sentence, section, time } of modelArticle(article).body) {
      const p = passages.length;
      passages.push([a, para, sentence]);
      contexts.push({ section, time });
      const claimant = findClaimant(sentence);
      for (const figure of extractFigures(sentence, article.published)) {
        const resolved = figure.claimant ?? (/\b(the|this) (ministry|statement|report)\b/i.test(sentence) ? lastClaimant : null);
        figures.push({ ...figure, claimant: resolved, p });
      }
      if (claimant) lastClaimant = claimant;
      for (const mention of findDateMentions(sentence, article.published)) {
        events.push({ p, date: mention.date, month: mention.month, text: mention.text, future: isFutureTense(sentence), explicit: mention.explicit });
      }
      for (const person of extractPeople(sentence)) mentions.push({ ...person, p });
    }
  });
  const { annotations, countries } = annotatePassages(passages.map(([, , text], i) => ({ text, ...contexts[i]! })));
  const metas = sorted.map(({ id, title, source, url, published, standfirst }) => ({ id, title, source, url, published, standfirst: standfirst ?? null }));
  const texts = groupByArticle(passages, sorted.length).map(textOf);
  // Paragraph numbers as loading will lay them out again from the texts (headings and furniture are not passages).
  passagesOf({ articles: metas, texts }).forEach((passage, i) => { passages[i] = passage; });
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.stopWordFilter, spellingPipelineStep, lunr.stemmer);
  builder.searchPipeline.add(spellingPipelineStep, lunr.stemmer);
  builder.ref('id');
  builder.field('text');
  builder.metadataWhitelist = [];
  passages.forEach(([a, , text], i) => {
    const prev = passages[i - 1];
    // A sentence is found by its section's heading too ("Death toll" over "Sixteen people have been confirmed dead").
    const section = contexts[i]!.section;
    builder.add({ id: String(i), text: passageIndexText(text, prev && prev[0] === a ? prev[2] : undefined) + (section ? ` ${indexText(section)}` : '') });
  });
  builder.build();
  return {
    format: INDEX_FORMAT,
    builtAt: builtAt.toISOString(),
    articles: metas,
    texts,
    figures,
    people: mergePeople(mentions),
    events,
    annotations,
    countries,
    lunr: compactBuilder(builder, 'text', passages.length),
  };
}

function groupByArticle(passages: Passage[], count: number): Passage[][] {
  const groups: Passage[][] = Array.from({ length: count }, () => []);
  for (const passage of passages) groups[passage[0]]!.push(passage);
  return groups;
}

/** An article's sentences, one per line, with a blank line between paragraphs. */
function textOf(passages: Passage[]): string {
  return passages.map(([, para, text], i) => (i > 0 && passages[i - 1]![1] !== para ? `\n${text}` : text)).join('\n');
}

/** Lays the passages out again from the stored texts, in the order they were indexed. */
function passagesOf(file: Pick<IndexFile, 'articles' | 'texts'>): Passage[] {
  const passages: Passage[] = [];
  file.texts.forEach((text, a) => {
    let para = file.articles[a]?.standfirst ? -1 : 0;
    for (const line of text.split('\n')) {
      if (line === '') para++;
      else passages.push([a, para, line]);
    }
  });
  return passages;
}

/** Groups mentions of one person under their fullest name ("Trump" joins "Donald Trump"). */
function mergePeople(mentions: Array<{ name: string; role: string | null; p: number }>): StoredPerson[] {
  const people: StoredPerson[] = [];
  // People by each word of their name, so a mention is compared only with people who share a word with it.
  const byWord = new Map<string, StoredPerson[]>();
  const byLength = [...mentions].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const mention of byLength) {
    const words = mention.name.toLowerCase().split(/\s+/);
    let person = (byWord.get(words[0]!) ?? []).find((candidate) => sameName(candidate.name, mention.name));
    if (!person) {
      person = { name: mention.name, roles: [] };
      people.push(person);
      for (const word of words) byWord.set(word, [...(byWord.get(word) ?? []), person]);
    }
    if (mention.role && !person.roles.some((r) => r.role === mention.role && r.p === mention.p)) {
      person.roles.push({ role: mention.role, p: mention.p });
    }
  }
  return people.filter((p) => p.roles.length > 0);
}

/** A loaded index, ready to answer from. */
export interface Corpus {
  data: IndexData;
  index: lunr.Index;
  /** index term (stem) -> term id, the id used in passage vectors */
  termIds: Map<string, number>;
  /** each passage's encoded term list */
  docs: string[];
  /** passage indices of each article, in order */
  articlePassages: number[][];
  figuresByPassage: Map<number, StoredFigure[]>;
  eventsByPassage: Map<number, StoredEvent[]>;
}

/** Loads a built index (parsed JSON); throws SitrepError when it is not one of ours. */
export function loadCorpus(json: unknown): Corpus {
  const parsed = IndexDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SitrepError('invalid_index', `index file is not a sitrep index (${issue?.path.join('.')}: ${issue?.message}); run \`sitrep build\``);
  }
  const file = json as IndexFile;
  const passages = passagesOf(file);
  const docs = file.lunr.docs.split(';');
  if (docs.length !== passages.length) throw new SitrepError('invalid_index', 'index file is inconsistent (documents and passages differ); run `sitrep build`');
  const data: IndexData = { ...file, passages };
  const termIds = new Map(data.lunr.terms.map((term, i) => [term, i]));
  const index = expandLunr(data.lunr, termIds, docs);
  const articlePassages: number[][] = data.articles.map(() => []);
  data.passages.forEach(([a], i) => articlePassages[a]?.push(i));
  const group = <T extends { p: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) map.set(item.p, [...(map.get(item.p) ?? []), item]);
    return map;
  };
  return { data, index, termIds, docs, articlePassages, figuresByPassage: group(data.figures), eventsByPassage: group(data.events) };
}

/** How many passages contain an index term. */
export function documentFrequency(corpus: Corpus, stem: string): number {
  const id = corpus.termIds.get(stem);
  return id === undefined ? 0 : corpus.data.lunr.df[id]!;
}

const MAX_DECODED_PASSAGES = 60_000;
const decoded = new WeakMap<Corpus, { ids: Array<number[] | undefined>; count: number }>();

/** The term ids of a passage, decoded from its stored term list once and kept (up to a bound). */
export function passageTermIds(corpus: Corpus, p: number): number[] {
  let cache = decoded.get(corpus);
  if (!cache) decoded.set(corpus, (cache = { ids: [], count: 0 }));
  let ids = cache.ids[p];
  if (!ids) {
    if (cache.count >= MAX_DECODED_PASSAGES) cache = { ids: [], count: 0 };
    decoded.set(corpus, cache);
    ids = decodeDoc(corpus.docs[p] ?? '').ids;
    cache.ids[p] = ids;
    cache.count++;
  }
  return ids;
}
