import { expandAcronyms } from '../annotate/acronyms.ts';
import { findDateMentions } from '../annotate/dates.ts';
import { countryForms } from '../annotate/lexicon.ts';
import { stemWord } from '../annotate/spelling.ts';
import { SitrepError } from '../ingest/article-file.ts';
import type { ConversationTurn } from '../query/conversation.ts';
import { resolveFollowUp } from '../query/follow-up.ts';
import { parseQuery } from '../query/typed-query.ts';
import { loadCorpus, type Corpus, type IndexFile } from './corpus-index.ts';
import { withChecksum } from './index-check.ts';
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
/** A prepared statement with its values bound, opaque to the store. */
export type SqlStatementHandle = object;

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

  /** The acronyms of the corpus as last read, so the question's words are known before its meta row comes back. */
  private acronyms: Array<[string, string]> = [];

  /** Usually two round trips: the facts, newest articles and the question's vocabulary; then the articles that matter. */
  async retrieve(question: string, history?: ConversationTurn[]): Promise<Retrieved> {
    const read = new Reader(this.db);
    const resolved = resolveFollowUp(question, history);
    const vocab = new Map<string, number>();
    const vocabStatements = (stems: string[]) => {
      const wanted = [...new Set(stems)].filter((s) => s && !vocab.has(s));
      const out = [];
      for (let i = 0; i < wanted.length; i += MAX_VALUES) {
        const chunk = wanted.slice(i, i + MAX_VALUES);
        out.push({ sql: `SELECT term, df FROM terms WHERE term IN (${chunk.map(() => '?').join(', ')})`, params: chunk });
      }
      return out;
    };
    const keep = (rows: unknown[][]) => { for (const row of rows.flat() as Array<{ term: string; df: number }>) vocab.set(row.term, row.df); };
    const lookUp = async (stems: string[]) => keep(await read.batch(vocabStatements(stems)));

    let query = parseQuery(expandAcronyms(resolved, this.acronyms));
    let ownStems = stemsOf(query.base.terms);
    const [metaRows = [], newestRows = [], ...vocabRows] = await read.batch<unknown>([
      { sql: 'SELECT value FROM meta WHERE key = ?', params: [META_KEY] },
      { sql: 'SELECT a, body FROM articles ORDER BY a LIMIT ?', params: [this.limits.newest] },
      ...vocabStatements(ownStems),
    ]);
    const metaRow = metaRows[0] as { value: string } | undefined;
    if (!metaRow || !newestRows.length) throw new SitrepError('index_unavailable', 'the D1 database holds no articles: load a corpus with `sitrep export-d1` (README "A corpus in D1")');
    keep(vocabRows);
    const meta = JSON.parse(metaRow.value) as CorpusMeta;
    const articles = new Map((newestRows as ArticleRow[]).map((row) => [row.a, row.body]));
    if (JSON.stringify(meta.acronyms) !== JSON.stringify(this.acronyms)) {
      // A corpus not seen before (the first question, or a new export): its acronyms may add words to the question.
      this.acronyms = meta.acronyms;
      query = parseQuery(expandAcronyms(resolved, meta.acronyms));
      ownStems = stemsOf(query.base.terms);
      await lookUp(ownStems);
    }
    const terms = query.base.terms;

    // A word the corpus never uses may be a typo: its neighbours in the vocabulary (retrieve.ts closestTerm's band).
    const unknown = terms.filter((t) => !vocab.has(stemWord(t)) && t.length >= 6 && !/\d/.test(t));
    keep(await read.batch(unknown.map((t) => {
      const lower = t.toLowerCase();
      const band = (lower.length >= 9 ? 2 : 1) + 3;
      const first = lower[0]!;
      return {
        sql: 'SELECT term, df FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?',
        params: [first, String.fromCodePoint(first.codePointAt(0)! + 1), lower.length - band, lower.length + band],
      };
    })));
    // Which neighbour the engine takes for a typo (and that word's synonyms) is its own choice: ask it, on what is read so far.
    const conceptStems = unknown.length ? buildConcepts(assemble(meta, articles, vocab), terms).flatMap((c) => [...c.stems]) : ownStems;
    await lookUp(conceptStems);

    // The articles holding the best passages, the articles of the dates the question names and of events to come,
    // each query returning article rows at once; the newest articles (a < newest), already read, are not sent again.
    const stems = [...new Set(conceptStems)].filter((s) => vocab.has(s));
    const statements = [...(stems.length ? [this.hitArticles(stems, vocab)] : [])];
    const older = this.limits.newest;
    const inArticles = (sub: string) => `SELECT a, body FROM articles WHERE a IN (${sub}) AND a >= ?`;
    for (const m of findDateMentions(query.base.text, meta.newest ?? '').filter((d) => d.explicit || d.month)) {
      if (m.date) {
        statements.push({ sql: inArticles('SELECT a FROM articles WHERE published = ? ORDER BY a LIMIT ?'), params: [m.date, this.limits.dated, older] });
        statements.push({ sql: inArticles('SELECT DISTINCT a FROM event_dates WHERE date = ? ORDER BY a LIMIT ?'), params: [m.date, this.limits.dated, older] });
      } else if (m.month) {
        statements.push({ sql: inArticles('SELECT a FROM articles WHERE published >= ? AND published < ? ORDER BY a LIMIT ?'), params: [m.month, `${m.month}~`, this.limits.dated, older] });
        statements.push({ sql: inArticles('SELECT DISTINCT a FROM event_dates WHERE month = ? ORDER BY a LIMIT ?'), params: [m.month, this.limits.dated, older] });
      }
    }
    if (meta.newest) statements.push({ sql: inArticles('SELECT a FROM event_dates WHERE future = 1 AND date > ? ORDER BY date LIMIT ?'), params: [meta.newest, this.limits.dated, older] });
    for (const row of (await read.batch<ArticleRow>(statements)).flat()) if (!articles.has(row.a)) articles.set(row.a, row.body);
    return { corpus: assemble(meta, articles, vocab), notCovered: meta.notCovered, rows: read.rows };
  }

  /**
   * The articles of the best passages by bm25, in the order of their best passage. Rare stems are searched in every
   * passage within a budget of postings; the rest only among the newest passages (rowids are passage numbers, newest
   * first), so SQLite scores a bounded number of rows at any corpus size.
   */
  private hitArticles(stems: string[], vocab: Map<string, number>): { sql: string; params: Array<string | number> } {
    const rare: string[] = [];
    const common: string[] = [];
    let spent = 0;
    for (const { stem, df } of stems.map((s) => ({ stem: s, df: vocab.get(s)! })).sort((x, y) => x.df - y.df)) {
      if (spent + df > this.limits.postings) {
        common.push(stem);
        continue;
      }
      rare.push(stem);
      spent += df;
    }
    const arms: string[] = [];
    const params: Array<string | number> = [];
    for (const [group, newest] of [[rare, false], [common, true]] as const) {
      if (!group.length) continue;
      arms.push(`SELECT * FROM (SELECT rowid AS p, bm25(passage_fts) AS r FROM passage_fts WHERE passage_fts MATCH ?${newest ? ' AND rowid < ?' : ''} ORDER BY r LIMIT ?)`);
      params.push(group.map(ftsString).join(' OR '), ...(newest ? [this.limits.postings] : []), this.limits.hits);
    }
    return {
      sql: `WITH hits AS (${arms.join(' UNION ALL ')}),
        best AS (SELECT p, r FROM hits ORDER BY r LIMIT ?),
        owners AS (SELECT (SELECT a FROM articles WHERE first_p <= best.p AND passages > 0 ORDER BY first_p DESC LIMIT 1) AS a, min(r) AS r
                   FROM best GROUP BY 1 ORDER BY 2 LIMIT ?)
        SELECT articles.a AS a, articles.body AS body FROM owners JOIN articles ON articles.a = owners.a WHERE owners.a >= ? ORDER BY owners.r`,
      params: [...params, this.limits.hits, this.limits.hitArticles, this.limits.newest],
    };
  }
}

/** The stems a question's words are searched by: each word's own, its synonyms' and its country's forms. */
function stemsOf(terms: string[]): string[] {
  return terms.flatMap((t) => [stemWord(t), ...(synonymsByStem().get(stemWord(t)) ?? []), ...countryForms(t).map(stemWord)]);
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
  // The corpus-wide tables and statistics change the file: it is checksummed again, as the project wrote it.
  return loadCorpus(withChecksum({ ...file, countries: meta.countries, acronyms: meta.acronyms, lunr }));
}
