// The D1 store inside workerd with a real D1 binding from miniflare (SQLite with FTS5): migrations/ applied, the seed
// index loaded with the statements `sitrep export-d1` writes, and the dev questions answered the same as from lunr.
import { applyD1Migrations, createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import bundledIndex from '../../data/index.json';
import type { Answer } from '../../src/core/schema.ts';
import { loadCorpus, type IndexFile } from '../../src/core/store/corpus-index.ts';
import { corpusStatements } from '../../src/core/store/d1-rows.ts';
import { D1Store, DEFAULT_D1_LIMITS } from '../../src/core/store/d1-store.ts';
import { answerFromStore, lunrStore } from '../../src/core/store/passage-store.ts';
import { mergeIndexFiles } from '../../src/core/store/segments.ts';
import worker from '../../src/index/worker.ts';

const db = (env as unknown as { SITREP_DB: D1Database }).SITREP_DB;
const bindings = inject('workerBindings');
const clock = { now: () => new Date('2026-01-05T12:00:00Z') };
const seed = () => JSON.parse(bundledIndex as unknown as string) as IndexFile;
const questions = inject('nodeAnswers').map((a) => a.question);

/** Replaces the database's corpus with this index, as `wrangler d1 execute --file` does with `sitrep export-d1`'s SQL. */
async function loadIntoD1(file: IndexFile): Promise<void> {
  const statements = corpusStatements(file);
  for (let i = 0; i < statements.length; i += 1000) {
    await db.batch(statements.slice(i, i + 1000).map(({ sql, params }) => db.prepare(sql).bind(...params)));
  }
}

/** `copies` copies of an index, each article under a new id and a week earlier than the copy before. */
function copiesOf(file: IndexFile, copies: number): IndexFile {
  const shift = (iso: string, weeks: number) => new Date(Date.parse(iso) - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  return mergeIndexFiles(Array.from({ length: copies }, (_, k) => ({
    ...file, articles: file.articles.map((a) => ({ ...a, id: `${a.id}-${k}`, published: shift(a.published, k) })),
  })), file.builtAt);
}

/** What a reader compares: the answered flag, the first line and the cited articles and quotes. */
const gist = (a: Answer) => ({ answered: a.answered, first: a.answer.split('\n')[0], citations: a.citations.map((c) => [c.id, c.quote]) });

async function askWorker(question: string, store: 'd1' | 'lunr'): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://sitrep.test/v1/ask?q=${encodeURIComponent(question)}`, {
    headers: { Authorization: `Bearer ${bindings.SITREP_API_TOKEN}`, 'CF-Connecting-IP': `198.51.100.${question.length % 250}` },
  });
  const res = await worker.fetch(request, { ...env, SITREP_STORE: store, SITREP_RATE_LIMIT: '0' }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

beforeAll(async () => {
  await applyD1Migrations(db, inject('d1Migrations'));
  await loadIntoD1(seed());
});

describe('the D1 store', () => {
  it('answers the dev questions as the lunr index does', async () => {
    const lunr = lunrStore(async () => loadCorpus(seed()));
    const d1 = new D1Store(db);
    for (const question of questions) {
      const fromLunr = await answerFromStore(lunr, question, { clock });
      const fromD1 = await answerFromStore(d1, question, { clock });
      expect(fromD1, question).toEqual(fromLunr);
    }
  });

  it('gives the Worker the same answers with SITREP_STORE=d1 as with the bundled index', async () => {
    for (const question of questions) {
      const [viaD1, viaLunr] = [await askWorker(question, 'd1'), await askWorker(question, 'lunr')];
      expect(viaD1.status, question).toBe(200);
      expect(gist(await viaD1.json()), question).toEqual(gist(await viaLunr.json()));
    }
  });

  it('answers hostile and FTS5-looking questions politely, never with a 500', async () => {
    const hostile = ['"', '""', 'NEAR(', 'ceasefire NEAR(talks, 2)', '*', '-', '- ceasefire', 'cease*', 'talks" OR "x', 'title:ceasefire ~2 +-^ "unbalanced',
      "'; DROP TABLE articles; --", 'AND OR NOT', '^', '(((', 'terms:x', 'rank MATCH 1', '\u0000', 'Cambodia".*'];
    for (const question of hostile) {
      const res = await askWorker(question, 'd1');
      expect(res.status, question).toBe(200);
      const answer = (await res.json()) as Answer;
      expect(typeof answer.answered, question).toBe('boolean');
    }
    expect((await db.prepare('SELECT count(*) AS n FROM articles').first<{ n: number }>())?.n).toBe(seed().articles.length);
  });
});

describe('the D1 store at 1,000 articles', () => {
  it('reads a bounded number of rows and articles per question', async () => {
    const big = copiesOf(seed(), 200);
    await loadIntoD1(big);
    const d1 = new D1Store(db);
    const maxArticles = DEFAULT_D1_LIMITS.newest + DEFAULT_D1_LIMITS.hitArticles + 3 * DEFAULT_D1_LIMITS.dated;
    const lunr = lunrStore(async () => loadCorpus(big));
    let same = 0;
    for (const question of questions) {
      const { corpus, rows } = await d1.retrieve(question);
      expect(corpus.data.articles.length, question).toBeLessThanOrEqual(maxArticles);
      expect(rows, question).toBeLessThanOrEqual(DEFAULT_D1_LIMITS.hits + maxArticles + 200);
      const [a, b] = [await answerFromStore(d1, question, { clock }), await answerFromStore(lunr, question, { clock })];
      if (JSON.stringify(gist(a)) === JSON.stringify(gist(b))) same++;
      console.log(JSON.stringify({ question, rows, articles: corpus.data.articles.length, passages: corpus.data.passages.length }));
    }
    console.log(JSON.stringify({ same, of: questions.length }));
    await loadIntoD1(seed());
  }, 600_000);
});
