import { SitrepError } from '../ingest/article-file.ts';
import { INDEX_FORMAT, type IndexFile } from './corpus-index.ts';
import { fnv1a, withChecksum } from './index-check.ts';
import { countPassages } from './passages.ts';

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

function splitFingerprint(file: Omit<SplitIndexFile, 'checksum'>): string {
  const lengths = [
    file.articles.length, file.passageCounts.length, file.figures.length, file.people.length, file.events.length,
    file.annotations.length, file.names.length, file.countries.length, file.acronyms.length,
    file.lunr.terms.length, file.lunr.df.length, file.lunr.postings.length, file.lunr.docs.length, file.lunr.averageFieldLength,
  ];
  const articles = file.articles.map((a, i) => `${a.id}:${file.passageCounts[i] ?? -1}`);
  const parts = file.textParts.map((p) => `${p.name}:${p.articles}:${p.checksum}`);
  return [file.format, file.builtAt, lengths.join(','), articles.join(','), parts.join(','), file.lunr.terms.join(' ')].join('\n');
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
    const text = JSON.stringify(file.texts.slice(start, end));
    parts.push({ name, text });
    textParts.push({ name, articles: end - start, checksum: `fnv1a:${fnv1a(text)}` });
    start = end;
  }
  const { texts, checksum: _checksum, format: _format, ...rest } = file;
  const unchecked: Omit<SplitIndexFile, 'checksum'> = { format: SPLIT_FORMAT, ...rest, passageCounts: texts.map(countPassages), textParts };
  return { main: { ...unchecked, checksum: `fnv1a:${fnv1a(splitFingerprint(unchecked))}` }, parts };
}

/** Whether a parsed file is a split index's main file this project wrote (format and checksum). */
export function isTrustedSplit(json: unknown): json is SplitIndexFile {
  if (typeof json !== 'object' || json === null) return false;
  const file = json as Partial<SplitIndexFile>;
  if (file.format !== SPLIT_FORMAT || typeof file.checksum !== 'string') return false;
  const parts = [file.articles, file.passageCounts, file.textParts, file.figures, file.people, file.events, file.annotations, file.names, file.countries, file.acronyms];
  if (!parts.every(Array.isArray) || typeof file.lunr !== 'object' || file.lunr === null) return false;
  try {
    const { checksum, ...rest } = file as SplitIndexFile;
    return `fnv1a:${fnv1a(splitFingerprint(rest))}` === checksum;
  } catch {
    return false;
  }
}

/** Reads a part's text by its name; synchronous, since answering is (Node: a file read). */
export type ReadTextPart = (name: string) => string;

/** A part's texts, checked against the checksum the main file gives for it. */
export function parseTextPart(part: TextPart, text: string): string[] {
  const texts = `fnv1a:${fnv1a(text)}` === part.checksum ? (JSON.parse(text) as unknown) : null;
  if (!Array.isArray(texts) || texts.length !== part.articles || !texts.every((t) => typeof t === 'string')) {
    throw new SitrepError('invalid_index', `index text part ${part.name} is damaged or belongs to another build (its checksum does not match); run \`sitrep build\``);
  }
  return texts as string[];
}

/**
 * The articles' texts of a split index as an array read part by part on first use: `texts[a]` reads (and keeps)
 * the part holding article a. Walking every text reads every part.
 */
export function lazyTexts(file: SplitIndexFile, readPart: ReadTextPart): string[] {
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
  const text = (a: number): string => {
    const k = partOf[a]!;
    const part = file.textParts[k]!;
    const texts = (loaded[k] ??= parseTextPart(part, readPart(part.name)));
    return texts[a - starts[k]!]!;
  };
  return new Proxy(new Array<string>(file.articles.length), {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const a = Number(key);
          return Number.isInteger(a) && a < file.articles.length ? text(a) : undefined;
        }
      }
      return Reflect.get(target, key, receiver);
    },
    // Array methods (map, forEach) ask whether an index is there before reading it: every index is.
    has(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) return Number(key) < file.articles.length;
      return Reflect.has(target, key);
    },
  });
}

/** The whole index of a split file with every part read now (for a merge, which needs every text). */
export function joinSplitIndex(file: SplitIndexFile, readPart: ReadTextPart): IndexFile {
  const texts = file.textParts.flatMap((part) => parseTextPart(part, readPart(part.name)));
  const { passageCounts: _counts, textParts: _parts, checksum: _checksum, format: _format, ...rest } = file;
  return withChecksum({ format: INDEX_FORMAT, ...rest, texts });
}
