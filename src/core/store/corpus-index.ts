import lunr from 'lunr';
import { z } from 'zod';
import type { SentenceFigure } from '../annotate/figures.ts';
import { ArticleMetaSchema, type ArticleMeta } from '../schema.ts';
// Registers the spelling step with lunr, which a stored pipeline names.
import '../annotate/spelling.ts';
import { SitrepError } from '../ingest/article-file.ts';
import { expandLunr, type CompactLunr } from './lunr-compact.ts';
import { itemBytes, termIdsInto } from './byte-items.ts';
import { lazyAnnotations, type StoredAnnotation } from './annotations.ts';
import { isTrustedIndex } from './index-check.ts';
import { lazyPassages } from './passages.ts';
import { isTrustedSplit, lazyTexts, searchListsOf, SEARCH_FORMAT, SPLIT_FORMAT, type ReadTextPart } from './index-split.ts';
import { storeCounters } from './counters.ts';
import { runSteps, type Steps } from './steps.ts';

export const INDEX_FORMAT = 4;

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
  /** per passage: section, live-blog time, typed names, quantities and times as JSON text, "" for none (see annotations.ts) */
  annotations: string[];
  /** how many times the sources write each annotated name, lower case (see index-check.ts) */
  names: Array<[string, number]>;
  /** the countries the corpus names, each as its lowercase forms (name, adjective, as written) */
  countries: string[][];
  /** acronyms the sources spell out, with their long forms */
  acronyms: Array<[string, string]>;
  lunr: CompactLunr;
  /** a checksum of the file's shape, written last (see index-check.ts): a loader trusts a file whose checksum matches */
  checksum: string;
}

/** A loaded index file, with its passages laid out and its annotations decoded as they are read. */
export interface IndexData extends Omit<IndexFile, 'annotations'> {
  passages: Passage[];
  annotations: StoredAnnotation[];
}

const IndexDataSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  builtAt: z.string(),
  articles: z.array(ArticleMetaSchema),
  texts: z.array(z.string()),
  figures: z.array(z.object({ p: z.number(), kind: z.string(), value: z.number() }).passthrough()),
  people: z.array(z.object({ name: z.string(), roles: z.array(z.object({ role: z.string(), p: z.number() })) })),
  events: z.array(z.object({ p: z.number(), text: z.string() }).passthrough()),
  annotations: z.array(z.string()),
  names: z.array(z.tuple([z.string(), z.number()])),
  countries: z.array(z.array(z.string())),
  acronyms: z.array(z.tuple([z.string(), z.string()])),
  lunr: z.object({
    version: z.string(), field: z.string(), pipeline: z.array(z.string()), averageFieldLength: z.number().positive(),
    terms: z.array(z.string()), df: z.array(z.number().int()), postings: z.array(z.string()), docs: z.array(z.string()),
  }),
  checksum: z.string(),
});

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
  /** each passage's article number (`data.passages[p][0]` without laying out, or reading, the article's text) */
  passageArticle: Int32Array;
  figuresByPassage: Map<number, StoredFigure[]>;
  eventsByPassage: Map<number, StoredEvent[]>;
}

export interface LoadOptions {
  /** reads a part of a split index (formats 5 and 6, see index-split.ts); without it only a one-file index loads */
  readTextPart?: ReadTextPart;
}

/**
 * Loads a built index (parsed JSON): a one-file index, or the main file of a split one whose texts are read part by
 * part when first needed (and, format 6, whose search part is read now). Throws SitrepError when it is not one of ours.
 */
export function loadCorpus(json: unknown, options: LoadOptions = {}): Corpus {
  if (isTrustedSplit(json)) {
    const { readTextPart } = options;
    if (!readTextPart) throw new SitrepError('invalid_index', 'index file keeps its texts in part files, which this runtime cannot read; build a one-file index for it (fewer articles)');
    const { postings, docs, annotations } = searchListsOf(json, readTextPart);
    const { passageCounts, textParts: _parts, format: _format, ...rest } = json;
    const { searchPart: _search, ...fields } = rest as typeof rest & { searchPart?: unknown };
    return loadTrusted({ ...fields, format: INDEX_FORMAT, annotations, lunr: { ...json.lunr, postings, docs }, texts: lazyTexts(json, readTextPart) }, passageCounts);
  }
  // A file this project wrote carries a matching checksum and is trusted; only another file gets the schema pass.
  if (!isTrustedIndex(json, INDEX_FORMAT)) {
    const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
    if (format === SPLIT_FORMAT || format === SEARCH_FORMAT) {
      throw new SitrepError('invalid_index', 'index file is damaged or was changed by hand (its checksum does not match); run `sitrep build`');
    }
    const parsed = IndexDataSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SitrepError('invalid_index', `index file is not a sitrep index (${issue?.path.join('.')}: ${issue?.message}); run \`sitrep build\``);
    }
    throw new SitrepError('invalid_index', 'index file is damaged or was changed by hand (its checksum does not match); run `sitrep build`');
  }
  return loadTrusted(json);
}

/**
 * loadCorpus of an index file already checked (a merge's result, which carries its checksum), in steps (steps.ts): a
 * server loads a merged corpus so while it answers from the one it has.
 */
export function* loadMergedSteps(file: IndexFile): Steps<Corpus> {
  if (!isTrustedIndex(file, INDEX_FORMAT)) throw new SitrepError('invalid_index', 'merged index is inconsistent (its checksum does not match); run `sitrep build`');
  yield;
  return yield* loadTrustedSteps(file);
}

function loadTrusted(file: IndexFile, counts?: number[]): Corpus {
  return runSteps(loadTrustedSteps(file, counts));
}

function* loadTrustedSteps(file: IndexFile, counts?: number[]): Steps<Corpus> {
  const { passages, articlePassages, articleOf, total } = lazyPassages(file, counts);
  const docs = file.lunr.docs;
  if (docs.length !== total) throw new SitrepError('invalid_index', 'index file is inconsistent (documents and passages differ); run `sitrep build`');
  yield;
  const data: IndexData = { ...file, passages, annotations: lazyAnnotations(file.annotations) };
  const termIds = new Map(data.lunr.terms.map((term, i) => [term, i]));
  yield;
  const index = expandLunr(data.lunr, termIds, docs);
  yield;
  const group = <T extends { p: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) {
      const list = map.get(item.p);
      if (list) list.push(item);
      else map.set(item.p, [item]);
    }
    return map;
  };
  return { data, index, termIds, docs, articlePassages, passageArticle: articleOf, figuresByPassage: group(data.figures), eventsByPassage: group(data.events) };
}

const nameCounts = new WeakMap<Corpus, Map<string, number>>();

/** How many times the sources write each name (lower case), from the index's name table, laid out once. */
export function nameMentionCounts(corpus: Corpus): Map<string, number> {
  let counts = nameCounts.get(corpus);
  if (!counts) nameCounts.set(corpus, (counts = new Map(corpus.data.names)));
  return counts;
}

const nameWords = new WeakMap<Corpus, Set<string>>();

/** Every word of every name the sources write, lower case, from the same table. */
export function nameWordSet(corpus: Corpus): Set<string> {
  let words = nameWords.get(corpus);
  if (!words) {
    words = new Set();
    for (const [name] of corpus.data.names) for (const w of name.split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
    nameWords.set(corpus, words);
  }
  return words;
}

/** How many passages contain an index term. */
export function documentFrequency(corpus: Corpus, stem: string): number {
  const id = corpus.termIds.get(stem);
  return id === undefined ? 0 : corpus.data.lunr.df[id]!;
}

/**
 * The term ids of the passage read last (`ids[0]` to `ids[count - 1]`, ascending): one buffer every read reuses, valid
 * until the next read. Lists are not kept per passage: distinct questions over a large corpus keep meeting passages
 * not met before, and each decoded list kept was a new object stored in a long-lived table, which every minor
 * collection then had to copy and promote (at 50,000 articles, 3 MB a collection, 10 ms each; the dropped tables then
 * grew the heap to a gigabyte). Decoding a sentence's few dozen ids again costs less than keeping them.
 */
const termIdsRead = { ids: new Int32Array(256), count: 0 };

/** Reads a passage's term ids into the shared buffer (see termIdsRead) and returns it. */
export function passageTermIds(corpus: Corpus, p: number): { readonly ids: Int32Array; readonly count: number } {
  termIdsRead.count = p < corpus.docs.length ? termIdsInto(itemBytes(corpus.docs), p, termIdsRead) : 0;
  storeCounters.passagesDecoded++;
  return termIdsRead;
}

/** Whether term ids read by passageTermIds include any of `wanted`. */
export function holdsAny(read: { readonly ids: Int32Array; readonly count: number }, wanted: ReadonlySet<number>): boolean {
  for (let k = 0; k < read.count; k++) if (wanted.has(read.ids[k]!)) return true;
  return false;
}
