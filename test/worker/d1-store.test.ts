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
  return workerFetch(`/v1/ask?q=${encodeURIComponent(question)}`, store);
}

/** A request into the Worker entry with SITREP_STORE set (the app is rebuilt when its variables change). */
async function workerFetch(path: string, store: 'd1' | 'lunr'): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://sitrep.test${path}`, {
    headers: { Authorization: `Bearer ${bindings.SITREP_API_TOKEN}`, 'CF-Connecting-IP': '198.51.100.7' },
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

  it('answers misspelt questions and follow-ups as lunr does (typo neighbours and earlier turns read from D1)', async () => {
    const lunr = lunrStore(async () => loadCorpus(seed()));
    const d1 = new D1Store(db);
    const first = await answerFromStore(lunr, 'Who is the spokesman of the Thai Defence Ministry?', { clock });
    const history = [{ question: first.question, query: first.query }];
    for (const question of ['How many Cambodain soldeirs are to be relaesed?', 'Who mediatted the Octobre accord?', 'and what did he say?']) {
      expect(await answerFromStore(d1, question, { clock, history }), question).toEqual(await answerFromStore(lunr, question, { clock, history }));
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

  it('refuses SITREP_STORE=d1 without the SITREP_DB binding with 500 bad_config, never a stack trace', async () => {
    const { SITREP_DB: _unbound, ...unbound } = env as unknown as Record<string, unknown>;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('https://sitrep.test/v1/ask?q=latest'), { ...unbound, SITREP_STORE: 'd1' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_config');
  });

  it('reports the corpus in D1 in /healthz, and answers 503 index_unavailable while the database holds none', async () => {
    const health = (await (await workerFetch('/healthz', 'd1')).json()) as { d1: Record<string, unknown> };
    expect(health.d1).toMatchObject({ articles: seed().articles.length, passages: loadCorpus(seed()).data.passages.length, indexBuiltAt: seed().builtAt });
    await db.batch(corpusStatements(seed()).filter((s) => /^(DELETE|INSERT INTO passage_fts \(passage_fts\))/.test(s.sql)).map((s) => db.prepare(s.sql)));
    try {
      const res = await askWorker('latest casualty figures', 'd1');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('index_unavailable');
    } finally {
      await loadIntoD1(seed());
    }
  });
});

/** Rows and articles read per question, and answers that agree with lunr's over the same corpus, for the dev questions. */
async function measure(file: IndexFile, limits = DEFAULT_D1_LIMITS) {
  const d1 = new D1Store(db, limits);
  const corpus = loadCorpus(file);
  const lunr = lunrStore(async () => corpus);
  const out = { articles: file.articles.length, questions: questions.length, same: 0, maxRows: 0, maxArticles: 0 };
  for (const question of questions) {
    const { corpus: part, rows } = await d1.retrieve(question);
    out.maxRows = Math.max(out.maxRows, rows);
    out.maxArticles = Math.max(out.maxArticles, part.data.articles.length);
    const [viaD1, viaLunr] = [await answerFromStore(d1, question, { clock }), await answerFromStore(lunr, question, { clock })];
    if (JSON.stringify(gist(viaD1)) === JSON.stringify(gist(viaLunr))) out.same++;
  }
  return out;
}

describe('the D1 store past the seed corpus', () => {
  it('reads no more rows or articles per question at 1,000 articles than its limits allow', async () => {
    const limits = DEFAULT_D1_LIMITS;
    const maxArticles = limits.newest + limits.hitArticles + 3 * limits.dated;
    const atSeed = await measure(seed());
    const big = copiesOf(seed(), 200);
    await loadIntoD1(big);
    const atScale = await measure(big);
    await loadIntoD1(seed());
    // Article rows and the question's vocabulary (SQLite scores at most limits.postings passages a search to pick
    // the articles): the same bound at 5 and at 1,000 articles.
    expect(atScale.maxRows).toBeLessThanOrEqual(maxArticles + 200);
    expect(atScale.maxRows).toBeLessThanOrEqual(atSeed.maxRows + maxArticles);
    expect(atScale.maxArticles).toBeLessThanOrEqual(maxArticles);
    expect(atSeed.same).toBe(atSeed.questions);
    // 1,000 articles of copied text rank many passages alike: most answers still agree with lunr's over all of it.
    expect(atScale.same).toBeGreaterThanOrEqual(atScale.questions * 0.75);
  }, 600_000);

  it('answers most dev questions alike even when it may read only a few of the seed articles', async () => {
    const tight = await measure(seed(), { ...DEFAULT_D1_LIMITS, hits: 50, hitArticles: 2, newest: 1, dated: 1 });
    expect(tight.maxArticles).toBeLessThanOrEqual(5);
    expect(tight.same).toBeGreaterThanOrEqual(tight.questions * 0.5);
  });
});
