import { notCovered } from '../answer/answer.ts';
import { decodeDoc, mergeCompactLunr } from './lunr-compact.ts';
import { loadCorpus, type IndexFile, type StoredPerson } from './corpus-index.ts';
import { withChecksum } from './index-check.ts';

// What a built index becomes in SQL (migrations/0001_corpus.sql): one row per article holding that article as an index
// file of its own (its passages' annotations, figures, events, people and term lists, settled over the whole corpus at
// build time), one full-text row per passage, the vocabulary with document frequencies, and the corpus-wide facts.

/** One SQL statement with its bound values (D1 takes at most 100 values a statement). */
export interface SqlStatement {
  sql: string;
  params: Array<string | number | null>;
}

/** Corpus-wide facts, one JSON row: what answering needs beyond the articles a question reads. */
export interface CorpusMeta {
  format: number;
  builtAt: string;
  articles: number;
  passages: number;
  averageFieldLength: number;
  lunr: { version: string; field: string; pipeline: string[] };
  countries: string[][];
  acronyms: Array<[string, string]>;
  /** the newest article's date, which "13 October" in a question is read against */
  newest: string | null;
  /** the reply to a question the sources do not cover, which names the whole corpus (see notCovered) */
  notCovered: { asked: string; empty: string; asOf: string | null };
}

/** The key of the one meta row. */
export const META_KEY = 'corpus';

/** Article a's passage numbers, from the index's passage layout. */
function articleRanges(file: IndexFile): Array<{ first: number; count: number }> {
  const ranges: Array<{ first: number; count: number }> = [];
  let next = 0;
  for (const text of file.texts) {
    const count = text.split('\n').filter((line) => line !== '').length;
    ranges.push({ first: next, count });
    next += count;
  }
  return ranges;
}

/** Each article of a built index as an index file of its own, passages numbered from 0, corpus-wide tables left empty. */
export function articleSlices(file: IndexFile): Array<{ file: IndexFile; first: number }> {
  const ranges = articleRanges(file);
  const articleOf: number[] = [];
  ranges.forEach(({ count }, a) => { for (let k = 0; k < count; k++) articleOf.push(a); });
  const bucket = <T extends { p: number }>(items: T[]) => {
    const out: T[][] = ranges.map(() => []);
    for (const item of items) out[articleOf[item.p]!]?.push({ ...item, p: item.p - ranges[articleOf[item.p]!]!.first });
    return out;
  };
  const figures = bucket(file.figures);
  const events = bucket(file.events);
  const people: StoredPerson[][] = ranges.map(() => []);
  for (const person of file.people) {
    const byArticle = new Map<number, StoredPerson>();
    for (const role of person.roles) {
      const a = articleOf[role.p]!;
      const entry = byArticle.get(a) ?? { name: person.name, roles: [] };
      entry.roles.push({ role: role.role, p: role.p - ranges[a]!.first });
      byArticle.set(a, entry);
    }
    for (const [a, entry] of byArticle) people[a]!.push(entry);
  }
  const docs = file.lunr.docs;
  return ranges.map(({ first, count }, a) => ({
    first,
    // Corpus-wide tables (names, countries, acronyms) stay empty: the reader merges slices and sets them.
    file: withChecksum({
      format: file.format, builtAt: file.builtAt, articles: [file.articles[a]!], texts: [file.texts[a]!],
      figures: figures[a]!, people: people[a]!, events: events[a]!, annotations: file.annotations.slice(first, first + count),
      names: [], countries: [], acronyms: [],
      lunr: mergeCompactLunr([{ compact: { ...file.lunr, docs: docs.slice(first, first + count) }, docMap: Array.from({ length: count }, (_, k) => k) }], count),
    }),
  }));
}

/** A passage's index terms as words for FTS5, each repeated as often as the passage holds it (so bm25 sees its length). */
function ftsText(file: IndexFile, doc: string): string {
  const { ids, tfs } = decodeDoc(doc);
  return ids.flatMap((id, i) => Array<string>(tfs[i]!).fill(file.lunr.terms[id]!)).join(' ');
}

/** The corpus-wide facts of a built index. */
export function corpusMeta(file: IndexFile): CorpusMeta {
  const corpus = loadCorpus(file);
  const asked = notCovered(corpus, 'x', 'none');
  return {
    format: file.format, builtAt: file.builtAt, articles: file.articles.length, passages: corpus.data.passages.length,
    averageFieldLength: file.lunr.averageFieldLength,
    lunr: { version: file.lunr.version, field: file.lunr.field, pipeline: file.lunr.pipeline },
    countries: file.countries, acronyms: file.acronyms, newest: file.articles[0]?.published ?? null,
    notCovered: { asked: asked.answer, empty: notCovered(corpus, '', 'none').answer, asOf: asked.asOf },
  };
}

/** Distinct (date, month, future) of each article's dated events, so "what happened on 13 October" finds its articles. */
function eventRows(slice: IndexFile, a: number): SqlStatement[] {
  const seen = new Set<string>();
  const out: SqlStatement[] = [];
  for (const e of slice.events) {
    const key = `${e.date}|${e.month}|${e.future}`;
    if ((!e.date && !e.month) || seen.has(key)) continue;
    seen.add(key);
    out.push({ sql: 'INSERT INTO event_dates (date, month, future, a) VALUES (?, ?, ?, ?)', params: [e.date, e.month, e.future ? 1 : 0, a] });
  }
  return out;
}

/** Statements that replace whatever corpus the database holds with this one (run them in order, in one batch or file). */
export function corpusStatements(file: IndexFile): SqlStatement[] {
  const out: SqlStatement[] = [
    { sql: 'DELETE FROM articles', params: [] },
    { sql: 'DELETE FROM terms', params: [] },
    { sql: 'DELETE FROM event_dates', params: [] },
    { sql: 'DELETE FROM meta', params: [] },
    { sql: "INSERT INTO passage_fts (passage_fts) VALUES ('delete-all')", params: [] },
    { sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', params: [META_KEY, JSON.stringify(corpusMeta(file))] },
  ];
  file.lunr.terms.forEach((term, id) => out.push({ sql: 'INSERT INTO terms (term, df) VALUES (?, ?)', params: [term, file.lunr.df[id]!] }));
  const docs = file.lunr.docs;
  articleSlices(file).forEach(({ file: slice, first }, a) => {
    const meta = slice.articles[0]!;
    const count = slice.annotations.length;
    out.push({ sql: 'INSERT INTO articles (a, id, published, first_p, passages, body) VALUES (?, ?, ?, ?, ?, ?)', params: [a, meta.id, meta.published, first, count, JSON.stringify(slice)] });
    out.push(...eventRows(slice, a));
    for (let p = first; p < first + count; p++) out.push({ sql: 'INSERT INTO passage_fts (rowid, terms) VALUES (?, ?)', params: [p, ftsText(file, docs[p] ?? '')] });
  });
  return out;
}

/** A value as an SQL literal (strings quoted, quotes doubled). */
function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** A statement as one line of SQL, its values written in. */
export function sqlLine({ sql, params }: SqlStatement): string {
  let i = 0;
  return `${sql.replace(/\?/g, () => literal(params[i++] ?? null))};`;
}

/** The statements as one SQL text, a statement a line, for `wrangler d1 execute DB --file`. */
export function corpusSql(file: IndexFile): string {
  return corpusStatements(file).map(sqlLine).join('\n') + '\n';
}
