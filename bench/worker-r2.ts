// Issue 13: a news corpus of N articles answered by the built Worker in workerd from R2, as a deployed Worker with
// the SITREP_BUCKET binding answers it. The articles (bench/news-corpus.ts, as bench/engine.ts makes them) are
// committed to a miniflare R2 bucket through the project's own writer (R2Corpus.add: monthly segments built by the
// Worker's index builder, the articles, the manifest), then a fresh workerd process runs dist/worker (npm run
// build:worker) over that bucket and is asked `--questions` distinct questions over HTTP, each once, after a warm-up
// on 150 others (answer cache off). Prints the first question's time (R2 read, parse, merge, load), answer p50/p99
// (Node -> workerd round trips) and memory: workerd's resident set, the isolate's V8 heap after a full GC, and what it
// holds alive by a heap snapshot (objects and ArrayBuffer contents).
// Usage: npm run build:worker && npm run bench:worker -- [--articles 5000] [--questions 600] [--keep DIR]
// --keep DIR keeps the R2 bucket in DIR and reuses it when it holds a corpus already (the writer step is skipped).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Miniflare } from 'miniflare';
import { R2Corpus, type BlobBucket } from '../src/index/r2-corpus.ts';
import { newsArticles, newsQuestionsFor, ROOT } from './news-index.ts';
import { builtWorkerModules, isolateHeap, latencies, liveHeap, loadAverage, mib, workerdRss } from './workerd.ts';

const { values } = parseArgs({ options: { articles: { type: 'string' }, questions: { type: 'string' }, seed: { type: 'string' }, 'inspector-port': { type: 'string' }, keep: { type: 'string' } } });
const N = Number(values.articles ?? 5000);
const COUNT = Number(values.questions ?? 600);
const SEED = Number(values.seed ?? 20251224);
const INSPECTOR = Number(values['inspector-port'] ?? 9329);
const log = (line: string) => process.stdout.write(`${line}\n`);
const cpuSeconds = (start: NodeJS.CpuUsage) => { const u = process.cpuUsage(start); return (u.user + u.system) / 1e6; };

log(`load average ${loadAverage()} at start`);
const t0 = performance.now();
const articles = await newsArticles(SEED, N);
log(`${articles.length} news articles generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const persist = values.keep ?? mkdtempSync(join(tmpdir(), 'sitrep-bench-r2-'));
const reuse = values.keep !== undefined && existsSync(persist) && readdirSync(persist).length > 0;
if (values.keep) mkdirSync(persist, { recursive: true });
const bundled = JSON.parse(readFileSync(join(ROOT, 'data/index.json'), 'utf8')) as { builtAt: string };
try {
  if (reuse) log(`reusing the R2 bucket in ${persist}`);
  else {
    // The writer: R2Corpus.add, as the ingest route and the live-news cron commit articles.
    const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(null) } }', compatibilityDate: '2025-12-01', r2Buckets: ['SITREP_BUCKET'], r2Persist: persist });
    const bucket = (await mf.getR2Bucket('SITREP_BUCKET')) as unknown as BlobBucket;
    const r2 = new R2Corpus(bucket, bundled.builtAt, () => new Date());
    const cpu = process.cpuUsage();
    const start = performance.now();
    const manifest = await r2.add(await r2.readManifest(), articles, null);
    const passages = manifest.segments.reduce((sum, s) => sum + s.passages, 0);
    log(`committed to R2: ${manifest.segments.length} monthly segments, ${passages} passages, in ${((performance.now() - start) / 1000).toFixed(1)} s (build CPU and writes ${cpuSeconds(cpu).toFixed(1)} s)`);
    await mf.dispose();
  }
  const pool = newsQuestionsFor(SEED, COUNT + 150);
  const questions = pool.slice(0, COUNT);
  const warmup = pool.slice(COUNT);
  // A fresh workerd process running the built Worker over the bucket: its memory is this Worker's alone.
  const mf = new Miniflare({
    modules: builtWorkerModules(), compatibilityDate: '2025-12-01', inspectorPort: INSPECTOR,
    r2Buckets: ['SITREP_BUCKET'], r2Persist: persist, kvNamespaces: ['DIGEST_KV', 'CHAT_KV'],
    bindings: { SITREP_RATE_LIMIT: '0', SITREP_LOG_LEVEL: 'silent', SITREP_ANSWER_CACHE: '0' },
  });
  try {
    const ask = async (q: string) => {
      const res = await mf.dispatchFetch(`https://sitrep.test/v1/ask?q=${encodeURIComponent(q)}`);
      const body = (await res.json()) as { answered?: boolean };
      if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      return body.answered === true;
    };
    await (await mf.dispatchFetch('https://sitrep.test/nothing-here')).text();
    const idle = { rss: workerdRss(), heap: await isolateHeap(INSPECTOR) };
    const loadStart = performance.now();
    await ask(warmup[0]!);
    const firstMs = performance.now() - loadStart;
    const health = (await (await mf.dispatchFetch('https://sitrep.test/healthz')).json()) as { articles: number; passages: number };
    const loaded = { rss: workerdRss(), heap: await isolateHeap(INSPECTOR), live: await liveHeap(INSPECTOR) };
    for (const q of warmup.slice(1)) await ask(q);
    const times: number[] = [];
    let answered = 0;
    let peakRss = 0;
    for (const [i, q] of questions.entries()) {
      const start = performance.now();
      if (await ask(q)) answered++;
      times.push(performance.now() - start);
      if (i % 50 === 0) peakRss = Math.max(peakRss, workerdRss());
    }
    const after = { rss: workerdRss(), heap: await isolateHeap(INSPECTOR), live: await liveHeap(INSPECTOR) };
    const l = latencies(times);
    const heap = (h: { used: number; total: number; backing: number | null } | null) => (h ? `V8 heap ${mib(h.used)} used of ${mib(h.total)}${h.backing === null ? '' : `, ArrayBuffer backing stores ${mib(h.backing)}`}` : 'V8 heap not read (run with --experimental-websocket)');
    log(`the Worker holds ${health.articles} articles, ${health.passages} passages (bundled seed index + R2 segments)`);
    log(`first question (reads R2, parses, merges, loads): ${(firstMs / 1000).toFixed(2)} s`);
    log(`${times.length} distinct questions (${answered} answered), each once after ${warmup.length} warm-up: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (Node -> workerd round trips, answer cache off)`);
    log(`memory before the corpus: workerd RSS ${mib(idle.rss)}, ${heap(idle.heap)}`);
    const live = (l: { objects: number; arrayBuffers: number } | null) => (l ? `; live (heap snapshot): ${mib(l.objects)} of objects + ${mib(l.arrayBuffers)} of ArrayBuffers = ${mib(l.objects + l.arrayBuffers)}` : '');
    log(`memory after loading:     workerd RSS ${mib(loaded.rss)}, ${heap(loaded.heap)}${live(loaded.live)}`);
    log(`memory after the answers: workerd RSS ${mib(after.rss)} (peak sampled ${mib(Math.max(peakRss, after.rss))}), ${heap(after.heap)}${live(after.live)}`);
    const held = (l: { objects: number; arrayBuffers: number } | null) => (l ? l.objects + l.arrayBuffers : null);
    const worst = Math.max(held(loaded.live) ?? 0, held(after.live) ?? 0);
    log(`against a Worker's 128 MiB, live after loading and after the answers: ${worst === 0 ? 'not read (run with --experimental-websocket)' : worst <= 128 * 2 ** 20 ? `fits (at most ${mib(worst)})` : `over by ${mib(worst - 128 * 2 ** 20)}`}`);
    log(`load average ${loadAverage()} at end`);
  } finally {
    await mf.dispose();
  }
} finally {
  if (!values.keep) rmSync(persist, { recursive: true, force: true });
}
