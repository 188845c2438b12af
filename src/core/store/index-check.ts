import type { IndexFile, Passage } from './corpus-index.ts';
import type { StoredAnnotation } from './annotations.ts';

/**
 * How a loader trusts an index file without validating every field: the file carries a checksum of its shape
 * (format, build time, the length of every part, each article's id and text length, the index terms), written when
 * the file is built or merged. A file whose checksum matches is one this project wrote and is loaded as it is; any
 * other file gets the full schema check and a clear error. JSON.parse already vouches for the syntax; the checksum
 * catches a file cut short, edited by hand, written by another version or not ours at all.
 */

/** 32-bit FNV-1a of a string, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

type Unchecked = Omit<IndexFile, 'checksum'>;

/** The parts of a file its checksum covers: a pass over the articles and terms, not over every text and posting. */
function fingerprint(file: Unchecked): string {
  const lengths = [
    file.articles.length, file.texts.length, file.figures.length, file.people.length, file.events.length,
    file.annotations.length, file.names.length, file.countries.length, file.acronyms.length,
    file.lunr.terms.length, file.lunr.df.length, file.lunr.postings.length, file.lunr.docs.length, file.lunr.averageFieldLength,
  ];
  const articles = file.articles.map((a, i) => `${a.id}:${file.texts[i]?.length ?? -1}`);
  return [file.format, file.builtAt, lengths.join(','), articles.join(','), file.lunr.terms.join(' ')].join('\n');
}

export function checksumOf(file: Unchecked): string {
  return `fnv1a:${fnv1a(fingerprint(file))}`;
}

/** The file with its checksum (computed last, over everything else). */
export function withChecksum(file: Unchecked): IndexFile {
  return { ...file, checksum: checksumOf(file) };
}

/** Whether a parsed file is an index this project wrote, of this format: then it needs no schema pass. */
export function isTrustedIndex(json: unknown, format: number): json is IndexFile {
  if (typeof json !== 'object' || json === null) return false;
  const file = json as Partial<IndexFile>;
  if (file.format !== format || typeof file.checksum !== 'string') return false;
  const parts = [file.articles, file.texts, file.figures, file.people, file.events, file.annotations, file.names, file.countries, file.acronyms];
  if (!parts.every(Array.isArray) || typeof file.lunr !== 'object' || file.lunr === null) return false;
  const { terms, df, postings, docs } = file.lunr;
  if (![terms, df, postings, docs].every(Array.isArray)) return false;
  try {
    return checksumOf(file as IndexFile) === file.checksum;
  } catch {
    return false;
  }
}

/**
 * How many times the sources write each name (lower case, as annotated): one table for the whole corpus, built
 * with the index, so no question counts names over every passage.
 */
export function nameTable(passages: Passage[], annotations: StoredAnnotation[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  annotations.forEach((a, p) => countNames(counts, passages[p]![2], a));
  return [...counts];
}

/** Adds the names one passage's annotation marks to `counts` (lower case), as nameTable counts them. */
export function countNames(counts: Map<string, number>, text: string, annotation: StoredAnnotation): void {
  for (const [start, end] of annotation.n ?? []) {
    const key = text.slice(start, end).toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}
