// Segments against one whole index inside workerd (issue 10 section 3): N synthetic articles built as monthly
// segments, stored in a miniflare R2 bucket, loaded by a Worker (a) as one whole index, (b) as all segments merged
// at load, (c) as the newest months only (what an isolate holding the newest segments first would have). Prints
// load time, answer p50/p99 (Node -> workerd round trips) and the workerd process's resident memory for each.
// Usage: npx tsx bench/segments.ts [--articles 50000] [--newest 2] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { type IndexFile } from '../src/core/store/corpus-index.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { mergeIndexFiles, segmentMonth } from '../src/core/store/segments.ts';
import type { Article } from '../src/core/schema.ts';
import { readArticles } from '../src/index/fs-corpus.ts';
import { percentile } from './measure.ts';
import { benchQuestions } from './questions.ts';
import { generateCorpus } from './synthetic.ts';
import { workerdRss } from './workerd.ts';

const { values } = parseArgs({ options: { articles: { type: 'string' }, newest: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' } } });
const N = Number(values.articles ?? 50_000);
const NEWEST = Number(values.newest ?? 2);
const ROUNDS = Number(values.rounds ?? 3);
const SEED = Number(values.seed ?? 5);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;


const started = performance.now();
const seeds = await readArticles(new URL('../data', import.meta.url).pathname);
const articles = generateCorpus(SEED, N, seeds);
const months = new Map<string, Article[]>();
for (const a of articles) months.set(segmentMonth(a), [...(months.get(segmentMonth(a)) ?? []), a]);
const segments: Array<[string, IndexFile]> = [];
for (const [month, group] of [...months].sort().reverse()) segments.push([month, buildIndex(group, new Date())]);
const whole = mergeIndexFiles(segments.map(([, f]) => f), new Date().toISOString());
console.log(`${N} articles in ${segments.length} monthly segments, built in ${((performance.now() - started) / 1000).toFixed(0)} s; whole index ${mib(JSON.stringify(whole).length)}`);

const bundle = await build({ entryPoints: [new URL('./segments-worker.ts', import.meta.url).pathname], bundle: true, format: 'esm', write: false, platform: 'neutral', mainFields: ['module', 'main'], minify: true });
// The objects are written once to a bucket kept on disk; each measurement gets a fresh workerd process, so its
// resident memory is that mode's alone.
const persist = mkdtempSync(join(tmpdir(), 'sitrep-bench-r2-'));
const runtime = () => new Miniflare({ modules: true, script: bundle.outputFiles[0]!.text, compatibilityDate: '2025-12-01', r2Buckets: ['BENCH'], r2Persist: persist });
{
  const mf = runtime();
  const bucket = await mf.getR2Bucket('BENCH');
  await bucket.put('whole.json', JSON.stringify(whole));
  for (const [month, file] of segments) await bucket.put(`segments/${month}.json`, JSON.stringify(file));
  await mf.dispose();
}
const questions = benchQuestions(SEED);

async function measure(label: string, keys: string[]): Promise<void> {
  const mf = runtime();
  try {
    await measureIn(mf, label, keys);
  } finally {
    await mf.dispose();
  }
}

async function measureIn(mf: Miniflare, label: string, keys: string[]): Promise<void> {
  await mf.dispatchFetch('http://bench/ask?q=warm').then((r) => r.text());
  const before = workerdRss();
  const t0 = performance.now();
  const res = await mf.dispatchFetch('http://bench/load', { method: 'POST', body: JSON.stringify(keys) });
  const loaded = res.ok ? (await res.json() as { articles: number; passages: number }) : null;
  const loadMs = performance.now() - t0;
  if (!loaded) {
    console.log(`${label}: load failed (${res.status} ${(await res.text()).slice(0, 200)})`);
    return;
  }
  const afterLoad = workerdRss();
  const times: number[] = [];
  for (const q of questions) await mf.dispatchFetch(`http://bench/ask?q=${encodeURIComponent(q)}`).then((r) => r.text());
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t = performance.now();
      await (await mf.dispatchFetch(`http://bench/ask?q=${encodeURIComponent(q)}`)).text();
      times.push(performance.now() - t);
    }
  }
  const afterAnswers = workerdRss();
  console.log(`${label.padEnd(34)} ${String(loaded.articles).padStart(6)} articles ${String(loaded.passages).padStart(8)} passages | load ${(loadMs / 1000).toFixed(2)} s | answer p50 ${percentile(times, 50).toFixed(1)} ms p99 ${percentile(times, 99).toFixed(1)} ms | workerd RSS ${mib(before)} -> ${mib(afterLoad)} after load, ${mib(afterAnswers)} after answers`);
}

try {
  await measure('whole index (one file)', ['whole.json']);
  await measure('all segments, merged at load', segments.map(([m]) => `segments/${m}.json`));
  await measure(`newest ${NEWEST} months of segments`, segments.slice(0, NEWEST).map(([m]) => `segments/${m}.json`));
} finally {
  rmSync(persist, { recursive: true, force: true });
}
