// Issue 13: a news corpus of N articles (default 50,000) answered by the built Worker in workerd through D1
// (SITREP_STORE=d1). The articles (bench/news-corpus.ts, as bench/engine.ts makes them) are built with the project's
// build (buildIndex, as `sitrep build`) and written as SQL by its export path (corpusStatements and sqlLine, what
// `sitrep export-d1` writes for `wrangler d1 execute --file`); the SQL is executed into a miniflare local D1
// database in chunks of --chunk lines (one exec each), then `--questions` distinct questions are asked over HTTP,
// each once, after a warm-up on 150 others (D1 answers are not cached). Prints build, export and load times, rows,
// answer p50/p99 (Node -> workerd round trips) and workerd's resident memory.
// Usage: npm run build:worker && npm run bench:d1-news -- [--articles 50000]
//   [--questions 600] [--chunk 20000] [--sql FILE: reuse this export when it exists, else write it there]
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { Miniflare } from 'miniflare';
import { corpusStatements, sqlLine } from '../src/core/store/d1-rows.ts';
import { buildNewsIndex, newsArticles, newsQuestionsFor, ROOT } from './news-index.ts';
import { builtWorkerModules, latencies, loadAverage, mib, workerdRss } from './workerd.ts';

const { values } = parseArgs({ options: { articles: { type: 'string' }, questions: { type: 'string' }, seed: { type: 'string' }, chunk: { type: 'string' }, sql: { type: 'string' } } });
const N = Number(values.articles ?? 50_000);
const COUNT = Number(values.questions ?? 600);
const SEED = Number(values.seed ?? 20251224);
const CHUNK = Number(values.chunk ?? 20_000);
const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

log(`load average ${loadAverage()} at start`);
const scratch = mkdtempSync(join(tmpdir(), 'sitrep-bench-d1-'));
const sqlFile = values.sql ?? join(scratch, 'corpus.sql');
try {
  if (values.sql && existsSync(values.sql)) {
    log(`reusing ${values.sql} (${mib(statSync(values.sql).size)}): delete it to build again`);
  } else {
    let start = performance.now();
    const articles = await newsArticles(SEED, N);
    log(`${articles.length} news articles generated in ${seconds(start)} s`);
    start = performance.now();
    const { file, cpuSeconds } = buildNewsIndex(articles);
    log(`index built: ${file.lunr.docs.length} passages, ${file.lunr.terms.length} terms, in ${seconds(start)} s (${cpuSeconds.toFixed(0)} s CPU)`);
    start = performance.now();
    // Streamed a line at a time, as `sitrep export-d1 --out` writes it: the whole text would not fit in one string.
    const out = createWriteStream(sqlFile);
    let statements = 0;
    for (const statement of corpusStatements(file)) {
      statements++;
      if (!out.write(`${sqlLine(statement)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    log(`exported ${statements} SQL statements (${mib(statSync(sqlFile).size)}) in ${seconds(start)} s`);
  }

  const mf = new Miniflare({
    modules: builtWorkerModules(), compatibilityDate: '2025-12-01', d1Databases: { SITREP_DB: 'bench' }, d1Persist: join(scratch, 'd1'),
    kvNamespaces: ['DIGEST_KV', 'CHAT_KV'],
    bindings: { SITREP_RATE_LIMIT: '0', SITREP_LOG_LEVEL: 'silent', SITREP_ANSWER_CACHE: '0', SITREP_STORE: 'd1' },
  });
  try {
    const db = await mf.getD1Database('SITREP_DB');
    for (const migration of await readD1Migrations(join(ROOT, 'migrations'))) for (const query of migration.queries) await db.prepare(query).run();
    // The SQL file as `wrangler d1 execute --file` runs it, in pieces of CHUNK statements (one exec, one round trip each).
    const start = performance.now();
    let chunk: string[] = [];
    let done = 0;
    let lastReport = performance.now();
    for await (const line of createInterface({ input: createReadStream(sqlFile), crlfDelay: Infinity })) {
      if (!line) continue;
      chunk.push(line);
      if (chunk.length >= CHUNK) {
        await db.exec(chunk.join('\n'));
        done += chunk.length;
        chunk = [];
        if (performance.now() - lastReport > 60_000) {
          log(`  ${done} statements in ${seconds(start)} s`);
          lastReport = performance.now();
        }
      }
    }
    if (chunk.length) await db.exec(chunk.join('\n'));
    done += chunk.length;
    const loadS = (performance.now() - start) / 1000;
    log(`loaded into D1: ${done} statements in ${loadS.toFixed(1)} s (${Math.round(done / loadS)} a second, ${CHUNK} a chunk)`);

    const pool = newsQuestionsFor(SEED, COUNT + 150);
    const questions = pool.slice(0, COUNT);
    const warmup = pool.slice(COUNT);
    const ask = async (q: string) => {
      const res = await mf.dispatchFetch(`https://sitrep.test/v1/ask?q=${encodeURIComponent(q)}`);
      const body = (await res.json()) as { answered?: boolean };
      if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      return body.answered === true;
    };
    const health = (await (await mf.dispatchFetch('https://sitrep.test/healthz')).json()) as { d1?: { articles: number; passages: number } };
    log(`D1 holds ${health.d1?.articles} articles, ${health.d1?.passages} passages`);
    const firstStart = performance.now();
    await ask(warmup[0]!);
    log(`first question: ${(performance.now() - firstStart).toFixed(0)} ms`);
    for (const q of warmup.slice(1)) await ask(q);
    const times: number[] = [];
    let answered = 0;
    for (const q of questions) {
      const t = performance.now();
      if (await ask(q)) answered++;
      times.push(performance.now() - t);
    }
    const l = latencies(times);
    log(`${times.length} distinct questions (${answered} answered), each once after ${warmup.length} warm-up: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (Node -> workerd round trips)`);
    log(`workerd RSS after the answers: ${mib(workerdRss())}`);
    log(`load average ${loadAverage()} at end`);
  } finally {
    await mf.dispose();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
