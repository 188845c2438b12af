/**
 * `npm run bench -- --articles N [--json FILE] [--questions 1200] [--seed N] [--load-runs 3] [--profile]`
 *   builds a news-like synthetic corpus of N articles (bench/news-corpus.ts says how), builds and loads sitrep's index
 *   and a plain lunr index over it, then asks each of --questions distinct questions once of each engine, the two
 *   interleaved, after a warm-up on other questions; prints one row and writes its figures to FILE.
 * `npm run bench -- --table FILE...` prints the table and the targets over runs of several sizes.
 * `--incremental K` then stores the N articles beside the index in the data folder the run used and times
 *   `sitrep ingest` of K more articles (the next K of the same generator) into it: wall and CPU time, segments written.
 * `--keep DIR` (with --incremental) times the add only: the first run builds sitrep's index and stores the articles in
 *   DIR (no plain lunr, no questions), later runs with the same DIR, N and seed reuse it; the add goes into a copy of
 *   DIR, so DIR stays as built. Figures go to --json FILE (default bench/results/incremental-N.json).
 *
 * Figures: build wall and CPU time (NLP annotation included); index bytes raw and gzipped; load = JSON.parse of the
 * index string plus loading it (median of the runs); heap held by the loaded index; answer p50 and p99 over every
 * question, CPU time (which other processes on the machine cannot inflate) beside wall time; postings each answer read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readArticles } from '../src/index/fs-corpus.ts';
import { runIngest } from '../src/index/commands/ingest.ts';
import { withCorpusWriter } from '../src/index/fs-commit.ts';
import { serializeArticle } from '../src/core/ingest/article-file.ts';
import type { Clock } from '../src/core/schema.ts';
import { corpusStatistics, generateNewsCorpus } from './news-corpus.ts';
import { newsQuestionsFor } from './news-index.ts';
import { formatProfile } from './profile.ts';
import { profileCorpus } from './profile-corpus.ts';
import { checkTargets, formatCorpora, formatSlowest, formatTable, formatTargets } from './report.ts';
import { runCorpus, writeIndexSync, type CorpusResult } from './run-corpus.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { assertValidArticles } from './synthetic.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STORIES = join(ROOT, '..', 'shared', 'eval', 'stories');
/** A fixed "now" so answers (and relative dates) do not depend on the day the benchmark runs. */
const clock: Clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const log = (line: string) => process.stderr.write(`${line}\n`);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: 'string' },
    json: { type: 'string' },
    questions: { type: 'string' },
    seed: { type: 'string' },
    'load-runs': { type: 'string' },
    profile: { type: 'boolean' },
    incremental: { type: 'string' },
    keep: { type: 'string' },
    table: { type: 'boolean' },
  },
});

if (values.table) {
  const results = await Promise.all(positionals.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as { result: CorpusResult; meta: Record<string, unknown> }));
  const all = results.map((r) => r.result);
  process.stdout.write(`${formatTable(all)}\n\nCorpora:\n${formatCorpora(all)}\n\nTargets:\n${formatTargets(checkTargets(all))}\n`);
  const largest = [...all].sort((a, b) => b.articles - a.articles)[0];
  if (largest) process.stdout.write(`\nSlowest questions at ${largest.articles.toLocaleString('en-US')} articles (sitrep, CPU):\n${formatSlowest(largest)}\n`);
  for (const r of results) process.stdout.write(`\n${JSON.stringify(r.meta)}`);
  process.stdout.write('\n');
  process.exit(0);
}

/**
 * Stores the corpus's article files in the data folder whose index the run built, then runs `sitrep ingest` of the
 * next `count` articles of the generator (written as Markdown files) into it, timed: the articles are checked against
 * the stored ones, indexed as segments of their months, and committed with the manifest.
 */
async function storeArticles(dir: string) {
  await mkdir(join(dir, 'articles'), { recursive: true });
  for (const article of articles) await writeFile(join(dir, 'articles', `${article.id}.md`), serializeArticle(article));
}

/**
 * Makes the article register of a data folder written without one (the bench writes index.json as `sitrep build`
 * did before registers): what the first change to such a folder does once, timed apart from the add.
 */
async function makeRegister(dir: string) {
  if (existsSync(join(dir, 'register'))) return null;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await withCorpusWriter(dir, clock, (writer) => writer.add([]));
  const used = process.cpuUsage(cpu);
  const figures = { wallMs: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000), loadAverage: loadavg()[0] };
  log(`  register made from ${articlesWanted} article files: ${(figures.wallMs / 1000).toFixed(2)} s wall, ${(figures.cpuMs / 1000).toFixed(2)} s CPU`);
  return figures;
}

async function timeIncrementalAdd(dir: string, count: number) {
  const registerMade = await makeRegister(dir);
  const all = generateNewsCorpus(seed, articlesWanted + count, seeds, STORIES);
  const inbox = await mkdtemp(join(tmpdir(), 'sitrep-inbox-'));
  const files: string[] = [];
  for (const article of all.slice(articlesWanted)) {
    files.push(join(inbox, `${article.id}.md`));
    await writeFile(files.at(-1)!, serializeArticle(article));
  }
  log(`  incremental: ${articles.length} article files stored; ingesting ${files.length} more (load average ${loadavg()[0]!.toFixed(1)})`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const stdout = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await runIngest(files, {}, dir, clock);
  } finally {
    process.stdout.write = stdout;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const manifest = JSON.parse(await readFile(join(dir, 'segments', 'manifest.json'), 'utf8')) as { segments: Array<{ name: string; articles: number }> };
  await rm(inbox, { recursive: true, force: true });
  const figures = { registerMade, articles: count, to: articles.length, wallMs: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), segments: manifest.segments, loadAverage: loadavg()[0] };
  log(`  incremental: ingest of ${count} articles into ${articles.length}: ${(ms / 1000).toFixed(2)} s wall, ${(figures.cpuMs / 1000).toFixed(2)} s CPU, segments ${manifest.segments.map((s) => `${s.name} (${s.articles})`).join(', ')}`);
  return figures;
}

/**
 * `--keep DIR`: the data folder of N articles built once into DIR (index as `sitrep build` writes it, articles
 * beside it; DIR/bench-corpus.json says which corpus), then the add timed on a copy of it.
 */
async function keptIncrementalAdd(keep: string, count: number) {
  const marker = join(keep, 'bench-corpus.json');
  const wanted = JSON.stringify({ articles: articlesWanted, seed });
  if ((await readFile(marker, 'utf8').catch(() => null)) !== wanted) {
    await rm(keep, { recursive: true, force: true });
    await mkdir(keep, { recursive: true });
    const cpu = process.cpuUsage();
    const start = performance.now();
    writeIndexSync(keep, buildIndex(articles, clock.now()));
    await storeArticles(keep);
    await writeFile(marker, wanted);
    log(`  kept: built ${articles.length} articles into ${keep} in ${((performance.now() - start) / 1000).toFixed(1)} s (${((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6).toFixed(1)} s CPU)`);
  } else {
    log(`  kept: reusing ${keep}`);
  }
  await makeRegister(keep);
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-bench-'));
  execFileSync('cp', ['-a', `${keep}/.`, dir]);
  try {
    const incremental = await timeIncrementalAdd(dir, count);
    const out = values.json ?? join(ROOT, 'bench', 'results', `incremental-${articlesWanted}.json`);
    await mkdir(dirname(out), { recursive: true });
    const meta = { date: new Date().toISOString(), commit: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--porcelain', '--', 'src', 'bench']) !== '', seed, machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}` };
    await writeFile(out, `${JSON.stringify({ meta, incremental }, null, 2)}
`);
    process.stdout.write(`incremental add: ${JSON.stringify(incremental)}
wrote ${out}
`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const articlesWanted = Number(values.articles ?? 1000);
const questionCount = Number(values.questions ?? 1200);
const seed = Number(values.seed ?? 20251224);
const loadRuns = Number(values['load-runs'] ?? 3);
const commit = git(['rev-parse', '--short', 'HEAD']);
const dirty = git(['status', '--porcelain', '--', 'src/core', 'bench']) !== '';
const started = performance.now();
const loadBefore = loadavg()[0]!;

const seeds = await readArticles(join(ROOT, 'data'));
const articles = generateNewsCorpus(seed, articlesWanted, seeds, STORIES);
assertValidArticles(articles);
const text = articles.map((a) => [a.title, a.standfirst ?? '', ...a.paragraphs].join('\n')).join('\n');
const stats = corpusStatistics(articles, text.length / gzipSync(text).length);
// measured questions and warm-up questions are disjoint: nothing measured was asked before
const pool = newsQuestionsFor(seed, questionCount + 150);
const questions = pool.slice(0, questionCount);
const warmup = pool.slice(questionCount);
log(`${articles.length} articles, ${questions.length} questions (+${warmup.length} warm-up); vocabulary ${stats.vocabulary}, ${(stats.distinctSentenceShare * 100).toFixed(0)}% distinct sentences, gzip ${stats.gzipRatio.toFixed(1)}x`);
if (values.keep) {
  if (!values.incremental) throw new Error('--keep times the incremental add: give --incremental K');
  await keptIncrementalAdd(values.keep, Number(values.incremental));
  process.exit(0);
}

const dataDir = await mkdtemp(join(tmpdir(), 'sitrep-bench-'));
const result = await runCorpus(articles, stats, { questions, warmup, loadRuns, clock, log, dataDir, seed });
// the engine's figures are written before the incremental add, which a failure must not lose
const out = values.json ?? join(ROOT, 'bench', 'results', `engine-${articlesWanted}.json`);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ result }, null, 2)}\n`);
if (values.incremental) await storeArticles(dataDir);
const incremental = values.incremental ? await timeIncrementalAdd(dataDir, Number(values.incremental)) : null;
await rm(dataDir, { recursive: true, force: true });
const totalS = (performance.now() - started) / 1000;
const meta = {
  date: new Date().toISOString(), commit, dirty, seed, questions: questions.length, loadRuns,
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  load: `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`, totalSeconds: Math.round(totalS),
};
if (incremental) process.stdout.write(`incremental add: ${JSON.stringify(incremental)}\n\n`);
process.stdout.write(`${formatTable([result])}\n\n${formatCorpora([result])}\n\nSlowest questions (sitrep, CPU):\n${formatSlowest(result)}\n\n${JSON.stringify(meta)}\n`);
if (values.profile) {
  const outDir = join(ROOT, 'bench', 'results', `profile-${articlesWanted}`);
  await mkdir(outDir, { recursive: true });
  for (const p of await profileCorpus(articles, { questions: questions.slice(0, 300), clock, outDir, log })) process.stdout.write(`\n${formatProfile(p)}\n`);
}
await writeFile(out, `${JSON.stringify({ meta, result, ...(incremental ? { incremental } : {}) }, null, 2)}\n`);
log(`wrote ${out} (${totalS.toFixed(0)} s)`);
