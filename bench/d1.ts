// The D1 store's cost per question, measured from outside workerd (its clock stands still while a request computes):
// the built Worker (npm run build:worker) in Miniflare with a local D1 database holding N articles, asked the dev
// questions over HTTP with SITREP_STORE=d1, beside the bundled lunr index in the same Worker and lunr on Node over the
// same N articles. The corpus is the seed index copied (each copy a week older), so its text repeats: rows read and
// time are honest, ranking ties are not typical of news.
// Usage: npm run build:worker && npm run bench:d1 -- [--articles 1000,3000] [--repeat 3]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus, type IndexFile } from '../src/core/store/corpus-index.ts';
import { corpusSql } from '../src/core/store/d1-rows.ts';
import { D1Store } from '../src/core/store/d1-store.ts';
import { mergeIndexFiles } from '../src/core/store/segments.ts';

const root = join(import.meta.dirname, '..');
const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const sizes = flag('articles', '1000,3000').split(',').map(Number);
const repeat = Number(flag('repeat', '3'));
const seed = JSON.parse(readFileSync(join(root, 'data/index.json'), 'utf8')) as IndexFile;
const questions = (JSON.parse(readFileSync(join(root, '../shared/eval/dev.json'), 'utf8')) as { questions: Array<{ question: string }> }).questions.map((q) => q.question);

function copiesOf(file: IndexFile, copies: number): IndexFile {
  const shift = (iso: string, weeks: number) => new Date(Date.parse(iso) - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  return mergeIndexFiles(Array.from({ length: copies }, (_, k) => ({
    ...file, articles: file.articles.map((a) => ({ ...a, id: `${a.id}-${k}`, published: shift(a.published, k) })),
  })), file.builtAt);
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const ms = (xs: number[]) => ({ p50: Math.round(quantile(xs, 0.5) * 10) / 10, p90: Math.round(quantile(xs, 0.9) * 10) / 10 });

const dist = join(root, 'dist/worker');
const indexModule = readdirSync(dist).find((f) => f.endsWith('-index.json'));
const modules = [
  { type: 'ESModule' as const, path: join(dist, 'worker.js'), contents: readFileSync(join(dist, 'worker.js'), 'utf8') },
  ...(indexModule ? [{ type: 'Text' as const, path: join(dist, indexModule), contents: readFileSync(join(dist, indexModule), 'utf8') }] : []),
];
// The same Worker twice over one database: SITREP_STORE=d1, and the bundled lunr index (answer cache off in both).
const worker = (store: 'd1' | 'lunr') => ({
  name: store, modules, compatibilityDate: '2025-12-01', d1Databases: { SITREP_DB: 'bench' },
  bindings: { SITREP_RATE_LIMIT: '0', SITREP_LOG_LEVEL: 'silent', SITREP_ANSWER_CACHE: '0', SITREP_STORE: store },
});
const mf = new Miniflare({ workers: [worker('d1'), worker('lunr')] });
const db = await mf.getD1Database('SITREP_DB', 'd1');
for (const migration of await readD1Migrations(join(root, 'migrations'))) for (const query of migration.queries) await db.prepare(query).run();

/** Loads the corpus as `sitrep export-d1` writes it for `wrangler d1 execute --file` (one SQL text, in pieces). */
async function load(file: IndexFile): Promise<void> {
  const lines = corpusSql(file).split('\n');
  for (let i = 0; i < lines.length; i += 5000) await db.exec(lines.slice(i, i + 5000).join('\n'));
}

/** Wall time of each dev question over HTTP, `repeat` rounds after one warm-up round. */
async function overHttp(store: 'd1' | 'lunr'): Promise<number[]> {
  const times: number[] = [];
  const fetcher = await mf.getWorker(store);
  for (let r = 0; r <= repeat; r++) {
    for (const q of questions) {
      const start = performance.now();
      const res = await fetcher.fetch(`https://sitrep.test/v1/ask?q=${encodeURIComponent(q)}`);
      await res.text();
      if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
      if (r > 0) times.push(performance.now() - start);
    }
  }
  return times;
}

console.log(JSON.stringify({ bundledLunrWorkerHttpMs: ms(await overHttp('lunr')), articles: seed.articles.length }));
for (const size of [5, ...sizes]) {
  const file = size === 5 ? seed : copiesOf(seed, Math.ceil(size / seed.articles.length));
  const loadStart = performance.now();
  await load(file);
  const loadSeconds = Math.round(performance.now() - loadStart) / 1000;
  const store = new D1Store(db as unknown as ConstructorParameters<typeof D1Store>[0]);
  let maxRows = 0;
  for (const q of questions) maxRows = Math.max(maxRows, (await store.retrieve(q)).rows);
  const d1 = await overHttp('d1');
  // lunr on Node over the same articles: CPU time of the engine alone, the whole index in memory.
  const corpus = loadCorpus(file);
  const clock = { now: () => new Date() };
  const lunr: number[] = [];
  for (let r = 0; r < repeat; r++) {
    for (const q of questions) {
      const start = process.cpuUsage();
      answerQuestion(q, { corpus, clock });
      const used = process.cpuUsage(start);
      lunr.push((used.user + used.system) / 1000);
    }
  }
  console.log(JSON.stringify({ articles: file.articles.length, passages: corpus.data.passages.length, d1LoadSeconds: loadSeconds, maxRowsPerQuestion: maxRows, d1WorkerHttpMs: ms(d1), lunrNodeCpuMs: ms(lunr) }));
}
await mf.dispose();
