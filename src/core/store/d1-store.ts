import { expandAcronyms } from '../annotate/acronyms.ts';
import { findDateMentions } from '../annotate/dates.ts';
import { countryForms } from '../annotate/lexicon.ts';
import { stemWord } from '../annotate/spelling.ts';
import { SitrepError } from '../ingest/article-file.ts';
import type { ConversationTurn } from '../query/conversation.ts';
import { resolveFollowUp } from '../query/follow-up.ts';
import { parseQuery } from '../query/typed-query.ts';
import { loadCorpus, type Corpus, type IndexFile } from './corpus-index.ts';
import { META_KEY, type CorpusMeta } from './d1-rows.ts';
import type { PassageStore, Retrieved } from './passage-store.ts';
import { buildConcepts, synonymsByStem } from './retrieve.ts';
import { mergeIndexFiles } from './segments.ts';

// The corpus in SQLite (Cloudflare D1, schema in migrations/): a question reads a bounded number of rows (the best
// passages by FTS5's bm25, the articles holding them, the newest articles, the articles of a date it names) and is
// answered by the same engine from an index assembled from those rows, with the corpus's own statistics.

/** The part of D1's API this store uses (a D1Database has it), so the core needs no Workers types. */
export interface SqlDatabase {
  prepare(sql: string): { bind(...values: Array<string | number | null>): SqlStatementHandle };
  batch(statements: SqlStatementHandle[]): Promise<Array<{ results?: unknown[] }>>;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SqlStatementHandle {}

/** How much one question may read: these bound its cost whatever the corpus's size. */
export interface D1Limits {
  /** passages taken from the full-text search, best bm25 first */
  hits: number;
  /** articles read for those passages, in the order of their best passage */
  hitArticles: number;
  /** newest articles, always read ("the latest", a question's recency, the staleness note) */
  newest: number;
  /** articles read for each day or month a question names, and for the events still to come */
  dated: number;
  /** postings the full-text search may score: rarer stems first, the rest only among this many newest passages */
  postings: number;
}

export const DEFAULT_D1_LIMITS: D1Limits = { hits: 300, hitArticles: 30, newest: 6, dated: 10, postings: 5000 };

/** D1 takes at most 100 bound values a statement. */
const MAX_VALUES = 90;

interface ArticleRow { a: number; body: string }

/** Runs statements in one round trip and counts the rows they return. */
class Reader {
  rows = 0;
  constructor(private readonly db: SqlDatabase) {}

  async batch<T>(statements: Array<{ sql: string; params: Array<string | number | null> }>): Promise<T[][]> {
    if (!statements.length) return [];
    const results = await this.db.batch(statements.map(({ sql, params }) => this.db.prepare(sql).bind(...params)));
    return results.map((r) => {
      const rows = (r.results ?? []) as T[];
      this.rows += rows.length;
      return rows;
    });
  }

  /** One statement per chunk of values: `sql` holds `(?)` where the list goes. */
  async chunked<T>(sql: string, values: Array<string | number>, extra: Array<string | number> = []): Promise<T[]> {
    const statements = [];
    for (let i = 0; i < values.length; i += MAX_VALUES) {
      const chunk = values.slice(i, i + MAX_VALUES);
      statements.push({ sql: sql.replace('(?)', `(${chunk.map(() => '?').join(', ')})`), params: [...chunk, ...extra] });
    }
    return (await this.batch<T>(statements)).flat();
  }
}

/** A stem as an FTS5 string: always quoted, so no question text is ever read as FTS5 query syntax. */
function ftsString(stem: string): string {
  return `"${stem.replace(/"/g, '""')}"`;
}

/** The store of a corpus in D1: each question reads what can matter to it, and the engine answers from that. */
export class D1Store implements PassageStore {
  constructor(private readonly db: SqlDatabase, private readonly limits: D1Limits = DEFAULT_D1_LIMITS) {}

  /** The corpus-wide facts, or null when the database holds no corpus yet. */
  async meta(): Promise<CorpusMeta | null> {
    const [rows] = await new Reader(this.db).batch<{ value: string }>([{ sql: 'SELECT value FROM meta WHERE key = ?', params: [META_KEY] }]);
    return rows?.[0] ? (JSON.parse(rows[0].value) as CorpusMeta) : null;
  }

  async retrieve(question: string, history?: ConversationTurn[]): Promise<Retrieved> {
    const read = new Reader(this.db);
    const [metaRows = [], newestRows = []] = await read.batch<{ value: string } & ArticleRow>([
      { sql: 'SELECT value FROM meta WHERE key = ?', params: [META_KEY] },
      { sql: 'SELECT a, body FROM articles ORDER BY a LIMIT ?', params: [this.limits.newest] },
    ]);
    if (!metaRows[0] || !newestRows.length) throw new SitrepError('index_unavailable', 'the D1 database holds no articles: load a corpus with `sitrep export-d1` (README "A corpus in D1")');
    const meta = JSON.parse(metaRows[0].value) as CorpusMeta;
    const articles = new Map(newestRows.map((row) => [row.a, row.body]));
    const query = parseQuery(expandAcronyms(resolveFollowUp(question, history), meta.acronyms));
    const terms = query.base.terms;

    // The question's words as the engine weighs them: their stems, synonyms and country forms, with the corpus's counts.
    const vocab = new Map<string, number>();
    const lookUp = async (stems: string[]) => {
      const wanted = [...new Set(stems)].filter((s) => s && !vocab.has(s));
      for (const row of await read.chunked<{ term: string; df: number }>('SELECT term, df FROM terms WHERE term IN (?)', wanted)) vocab.set(row.term, row.df);
    };
    const ownStems = terms.flatMap((t) => [stemWord(t), ...(synonymsByStem().get(stemWord(t)) ?? []), ...countryForms(t).map(stemWord)]);
    await lookUp(ownStems);
    // A word the corpus never uses may be a typo: its neighbours in the vocabulary (retrieve.ts closestTerm's band).
    const unknown = terms.filter((t) => !vocab.has(stemWord(t)) && t.length >= 6 && !/\d/.test(t));
    await Promise.all(unknown.map(async (t) => {
      const lower = t.toLowerCase();
      const band = (lower.length >= 9 ? 2 : 1) + 3;
      const first = lower[0]!;
      const next = String.fromCodePoint(first.codePointAt(0)! + 1);
      const [rows = []] = await read.batch<{ term: string; df: number }>([{
        sql: 'SELECT term, df FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?',
        params: [first, next, lower.length - band, lower.length + band],
      }]);
      for (const row of rows) vocab.set(row.term, row.df);
    }));
    // Which neighbour the engine takes for a typo (and that word's synonyms) is its own choice: ask it, on what is read so far.
    const conceptStems = unknown.length ? buildConcepts(assemble(meta, articles, vocab), terms).flatMap((c) => [...c.stems]) : ownStems;
    await lookUp(conceptStems);

    // The passages that can answer it, the articles holding them, and the articles of the dates it names.
    const stems = [...new Set(conceptStems)].filter((s) => vocab.has(s));
    const dated = findDateMentions(query.base.text, meta.newest ?? '').filter((m) => m.explicit || m.month);
    // Rare stems are searched everywhere within a budget of postings; the rest only in the newest passages (rowids
    // are passage numbers, newest first), so SQLite's bm25 scores a bounded number of rows at any corpus size.
    const byRarity = stems.map((stem) => ({ stem, df: vocab.get(stem)! })).sort((x, y) => x.df - y.df);
    const rare: string[] = [];
    const common: string[] = [];
    let spent = 0;
    for (const { stem, df } of byRarity) {
      if (spent + df > this.limits.postings) {
        common.push(stem);
        continue;
      }
      rare.push(stem);
      spent += df;
    }
    const search = (group: string[], newest: boolean) => ({
      sql: `SELECT rowid AS p, rank AS r, (SELECT a FROM articles WHERE first_p <= passage_fts.rowid AND passages > 0 ORDER BY first_p DESC LIMIT 1) AS a
            FROM passage_fts WHERE passage_fts MATCH ?${newest ? ' AND rowid < ?' : ''} ORDER BY rank LIMIT ?`,
      params: [group.map(ftsString).join(' OR '), ...(newest ? [this.limits.postings] : []), this.limits.hits],
    });
    const statements = [...(rare.length ? [search(rare, false)] : []), ...(common.length ? [search(common, true)] : [])];
    const searches = statements.length;
    for (const m of dated) {
      if (m.date) {
        statements.push({ sql: 'SELECT a FROM articles WHERE published = ? ORDER BY a LIMIT ?', params: [m.date, this.limits.dated] });
        statements.push({ sql: 'SELECT DISTINCT a FROM event_dates WHERE date = ? ORDER BY a LIMIT ?', params: [m.date, this.limits.dated] });
      } else if (m.month) {
        statements.push({ sql: 'SELECT a FROM articles WHERE published >= ? AND published < ? ORDER BY a LIMIT ?', params: [m.month, `${m.month}~`, this.limits.dated] });
        statements.push({ sql: 'SELECT DISTINCT a FROM event_dates WHERE month = ? ORDER BY a LIMIT ?', params: [m.month, this.limits.dated] });
      }
    }
    if (meta.newest) statements.push({ sql: 'SELECT DISTINCT a FROM event_dates WHERE future = 1 AND date > ? ORDER BY date LIMIT ?', params: [meta.newest, this.limits.dated] });
    const found = await read.batch<{ a: number; p?: number; r?: number }>(statements);
    const hits = found.slice(0, searches).flat().sort((x, y) => x.r! - y.r!).slice(0, this.limits.hits);
    const hitArticles = [...new Set(hits.map((row) => row.a))].slice(0, this.limits.hitArticles);
    const wanted: number[] = [];
    for (const a of [...hitArticles, ...found.slice(searches).flat().map((row) => row.a)]) {
      if (typeof a === 'number' && !articles.has(a) && !wanted.includes(a)) wanted.push(a);
    }
    for (const row of await read.chunked<ArticleRow>('SELECT a, body FROM articles WHERE a IN (?)', wanted)) articles.set(row.a, row.body);
    return { corpus: assemble(meta, articles, vocab), notCovered: meta.notCovered, rows: read.rows };
  }
}

/**
 * An index of the articles read, with the corpus's statistics: passage count, average length and each question word's
 * document frequency, so the engine weighs and ranks as it would over the whole corpus.
 */
function assemble(meta: CorpusMeta, articles: Map<number, string>, vocab: Map<string, number>): Corpus {
  const slices = [...articles.keys()].sort((x, y) => x - y).map((a) => JSON.parse(articles.get(a)!) as IndexFile);
  const file = mergeIndexFiles(slices, meta.builtAt);
  const lunr = { ...file.lunr, terms: [...file.lunr.terms], df: [...file.lunr.df], postings: [...file.lunr.postings] };
  const ids = new Map(lunr.terms.map((term, i) => [term, i]));
  for (const [term, df] of vocab) {
    const id = ids.get(term);
    if (id !== undefined) lunr.df[id] = df;
    else {
      lunr.terms.push(term);
      lunr.df.push(df);
      lunr.postings.push('');
    }
  }
  lunr.averageFieldLength = meta.averageFieldLength;
  lunr.documents = meta.passages;
  return loadCorpus({ ...file, countries: meta.countries, acronyms: meta.acronyms, lunr });
}
