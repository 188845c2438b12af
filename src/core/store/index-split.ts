import { SitrepError } from '../ingest/article-file.ts';
import { INDEX_FORMAT, type IndexFile } from './corpus-index.ts';
import { fnv1a, withChecksum } from './index-check.ts';
import { lazyArray } from './lazy-array.ts';
import type { CompactLunr } from './lunr-compact.ts';
import { countPassages } from './passages.ts';
import { asciiJson, packSearchPart, searchPartRef, unpackSearchPart, type SearchLists, type SearchPartRef } from './search-part.ts';
import { runSteps, type Steps } from './steps.ts';

/**
 * The split layout of an index (format 5): the search structures in one file, the articles' sentence texts in part
 * files of about `partChars` characters each, read when a question first lays out an article of the part. Loading
 * parses no text, and no single string holds the corpus (V8 cannot make one string of a 50,000-article index).
 * Each part carries its own checksum, kept in the main file; the main file's checksum covers the parts' names,
 * sizes and checksums and every article's passage count, so a loader needs no text to lay out passage numbers.
 */
export const SPLIT_FORMAT = 5;

export interface TextPart {
  /** file or object name of the part, unique to the build that wrote it */
  name: string;
  /** how many articles' texts the part holds, in article order after the previous parts' */
  articles: number;
  /** checksum of the part file's text */
  checksum: string;
}

export interface SplitIndexFile extends Omit<IndexFile, 'format' | 'texts' | 'checksum'> {
  format: typeof SPLIT_FORMAT;
  /** passages (non-empty lines) of each article's text */
  passageCounts: number[];
  textParts: TextPart[];
  checksum: string;
}

/**
 * Format 6: format 5 with the lunr postings, the passages' term lists and their annotations moved out of the main
 * file into one binary search part (search-part.ts), read and checked when the index loads.
 */
export const SEARCH_FORMAT = 6;

export interface SearchSplitIndexFile extends Omit<SplitIndexFile, 'format' | 'annotations' | 'lunr' | 'checksum'> {
  format: typeof SEARCH_FORMAT;
  lunr: Omit<CompactLunr, 'postings' | 'docs'>;
  searchPart: SearchPartRef;
  checksum: string;
}

/** The main file of either split format. */
export type StoredSplitFile = SplitIndexFile | SearchSplitIndexFile;

export interface SplitLayout {
  /** an index whose texts hold more characters than this is split (below it one file stays bundleable by a Worker) */
  splitAboveChars: number;
  /** about how many characters of text a part holds */
  partChars: number;
}

/** Up to about 2,000 articles the index stays one file (what a Worker bundle can carry); parts of about 250 articles. */
export const DEFAULT_SPLIT_LAYOUT: SplitLayout = { splitAboveChars: 8_000_000, partChars: 1_000_000 };

/** Whether an index's texts are over the layout's limit for one file. */
export function shouldSplit(file: IndexFile, layout: SplitLayout = DEFAULT_SPLIT_LAYOUT): boolean {
  let chars = 0;
  for (const text of file.texts) if ((chars += text.length) > layout.splitAboveChars) return true;
  return false;
}

function splitFingerprint(file: Omit<SplitIndexFile, 'checksum'> | Omit<SearchSplitIndexFile, 'checksum'>): string {
  const search = file.format === SEARCH_FORMAT ? file.searchPart : null;
  const lists = file.format === SEARCH_FORMAT ? [] : [file.annotations.length, file.lunr.postings.length, file.lunr.docs.length];
  const lengths = [
    file.articles.length, file.passageCounts.length, file.figures.length, file.people.length, file.events.length,
    file.names.length, file.countries.length, file.acronyms.length, file.lunr.terms.length, file.lunr.df.length,
    file.lunr.averageFieldLength, ...lists,
  ];
  const articles = file.articles.map((a, i) => `${a.id}:${file.passageCounts[i] ?? -1}`);
  const parts = file.textParts.map((p) => `${p.name}:${p.articles}:${p.checksum}`);
  const searchLine = search ? [`${search.name}:${search.bytes}:${search.checksum}`] : [];
  return [file.format, file.builtAt, lengths.join(','), articles.join(','), parts.join(','), ...searchLine, file.lunr.terms.join(' ')].join('\n');
}

/** A main file's checksum (format 5 or 6): over its fingerprint. */
export function splitChecksum(file: Omit<SplitIndexFile, 'checksum'> | Omit<SearchSplitIndexFile, 'checksum'>): string {
  return `fnv1a:${fnv1a(splitFingerprint(file))}`;
}

/**
 * Splits a built index into its main file and text parts. `partName(k)` names part k; the names must not be those of
 * another build's parts, so a new index's parts can be written beside the old ones before the main file replaces it.
 */
export function splitIndexFile(file: IndexFile, partName: (k: number) => string, layout: SplitLayout = DEFAULT_SPLIT_LAYOUT): { main: SplitIndexFile; parts: Array<{ name: string; text: string }> } {
  const parts: Array<{ name: string; text: string }> = [];
  const textParts: TextPart[] = [];
  let start = 0;
  while (start < file.texts.length) {
    let end = start;
    let chars = 0;
    while (end < file.texts.length && (end === start || chars + file.texts[end]!.length <= layout.partChars)) chars += file.texts[end++]!.length;
    const name = partName(parts.length);
    // ASCII, other characters escaped: a question that first reads an article of a part decodes the whole part
    // (about 1 MB), and Node decodes ASCII UTF-8 several times faster than text with a dash or a curly quote in it
    // (at 50,000 articles, 9 ms against 3.5 ms a part); the checksum is over this text, as before
    const text = asciiJson(file.texts.slice(start, end));
    parts.push({ name, text });
    textParts.push({ name, articles: end - start, checksum: `fnv1a:${fnv1a(text)}` });
    start = end;
  }
  const { texts, checksum: _checksum, format: _format, ...rest } = file;
  const unchecked: Omit<SplitIndexFile, 'checksum'> = { format: SPLIT_FORMAT, ...rest, passageCounts: texts.map(countPassages), textParts };
  return { main: { ...unchecked, checksum: splitChecksum(unchecked) }, parts };
}

/**
 * A format 5 main file as format 6: its postings, term lists and annotations packed into a search part named `name`
 * (written beside the text parts, before the main file).
 */
export function withSearchPart(main: SplitIndexFile, name: string): { main: SearchSplitIndexFile; bytes: Uint8Array } {
  const { annotations, lunr: { postings, docs, ...lunr }, checksum: _checksum, format: _format, ...rest } = main;
  const bytes = packSearchPart({ postings, docs, annotations });
  const unchecked: Omit<SearchSplitIndexFile, 'checksum'> = { ...rest, format: SEARCH_FORMAT, lunr, searchPart: searchPartRef(name, bytes) };
  return { main: { ...unchecked, checksum: splitChecksum(unchecked) }, bytes };
}

/** Whether a parsed file is a split index's main file this project wrote (format 5 or 6, and its checksum). */
export function isTrustedSplit(json: unknown): json is StoredSplitFile {
  if (typeof json !== 'object' || json === null) return false;
  const file = json as Omit<Partial<SplitIndexFile>, 'format'> & Partial<Pick<SearchSplitIndexFile, 'searchPart'>> & { format?: unknown };
  if ((file.format !== SPLIT_FORMAT && file.format !== SEARCH_FORMAT) || typeof file.checksum !== 'string') return false;
  const lists = file.format === SPLIT_FORMAT ? [file.annotations] : [];
  const parts = [file.articles, file.passageCounts, file.textParts, file.figures, file.people, file.events, file.names, file.countries, file.acronyms, ...lists];
  if (!parts.every(Array.isArray) || typeof file.lunr !== 'object' || file.lunr === null) return false;
  if (file.format === SEARCH_FORMAT && (typeof file.searchPart !== 'object' || file.searchPart === null)) return false;
  try {
    const { checksum, ...rest } = file as StoredSplitFile;
    return splitChecksum(rest) === checksum;
  } catch {
    return false;
  }
}

/**
 * Reads a part by its name; synchronous, since answering is (Node: a file read). `bytes` reads a binary part (a
 * format 6 search part); a reader without it loads formats 4 and 5 only.
 */
export interface ReadTextPart {
  (name: string): string;
  bytes?: (name: string) => Uint8Array;
}

/**
 * The postings, term lists and annotations of a split main file: format 5 keeps them in it; format 6 in its search
 * part, read and checked now (a damaged part is refused before anything is loaded).
 */
export function searchListsOf(file: StoredSplitFile, readPart: ReadTextPart): SearchLists {
  if (file.format === SPLIT_FORMAT) return { postings: file.lunr.postings, docs: file.lunr.docs, annotations: file.annotations };
  if (!readPart.bytes) throw new SitrepError('invalid_index', 'index file keeps its search lists in a binary part, which this runtime cannot read; build a one-file index for it (fewer articles)');
  const passages = file.passageCounts.reduce((sum, n) => sum + n, 0);
  return unpackSearchPart(file.searchPart, readPart.bytes(file.searchPart.name), { terms: file.lunr.terms.length, passages });
}

const damagedPart = (part: TextPart) => new SitrepError('invalid_index', `index text part ${part.name} is damaged or belongs to another build (its checksum does not match); run \`sitrep build\``);

/** A part's texts, checked against the checksum the main file gives for it. */
export function parseTextPart(part: TextPart, text: string): string[] {
  const texts = `fnv1a:${fnv1a(text)}` === part.checksum ? (JSON.parse(text) as unknown) : null;
  if (!Array.isArray(texts) || texts.length !== part.articles || !texts.every((t) => typeof t === 'string')) throw damagedPart(part);
  return texts as string[];
}

/**
 * The articles' texts of a split index as an array read part by part on first use: `texts[a]` reads (and keeps)
 * the part holding article a. Walking every text reads every part.
 */
export function lazyTexts(file: StoredSplitFile, readPart: ReadTextPart): string[] {
  const partOf = new Int32Array(file.articles.length);
  const starts: number[] = [];
  let start = 0;
  file.textParts.forEach((part, k) => {
    starts.push(start);
    partOf.fill(k, start, start + part.articles);
    start += part.articles;
  });
  if (start !== file.articles.length) throw new SitrepError('invalid_index', 'index file is inconsistent (text parts and articles differ); run `sitrep build`');
  const loaded: Array<string[] | undefined> = new Array(file.textParts.length);
  return lazyArray(file.articles.length, (a) => {
    const k = partOf[a]!;
    const part = file.textParts[k]!;
    const texts = (loaded[k] ??= parseTextPart(part, readPart(part.name)));
    return texts[a - starts[k]!]!;
  });
}

/** The whole index of a split file with every part read now (for a merge, which needs every text). */
export function joinSplitIndex(file: StoredSplitFile, readPart: ReadTextPart): IndexFile {
  return runSteps(joinSplitIndexSteps(file, readPart));
}

/** joinSplitIndex in steps (see steps.ts): a step after each text part and every few thousand list items. */
export function* joinSplitIndexSteps(file: StoredSplitFile, readPart: ReadTextPart): Steps<IndexFile> {
  const texts: string[] = [];
  for (const part of file.textParts) {
    for (const text of parseTextPart(part, readPart(part.name))) texts.push(text);
    yield;
  }
  const lists = searchListsOf(file, readPart);
  // the lists decode an item when it is read: read them all now, a slice at a time
  function* whole<T>(list: T[]): Steps<T[]> {
    const out: T[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      if (i % 8192 === 8191) yield;
      out[i] = list[i]!;
    }
    return out;
  }
  const { passageCounts: _counts, textParts: _parts, checksum: _checksum, format: _format, ...rest } = file;
  const { searchPart: _search, ...fields } = rest as typeof rest & { searchPart?: unknown };
  const annotations = yield* whole(lists.annotations);
  const postings = yield* whole(lists.postings);
  const docs = yield* whole(lists.docs);
  return withChecksum({ format: INDEX_FORMAT, ...fields, texts, annotations, lunr: { ...file.lunr, postings, docs } });
}
