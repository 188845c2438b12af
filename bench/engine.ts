/**
 * `npm run bench [-- --sizes 1000,5000] [--rounds 5] [--load-runs 3] [--seed N] [--quick] [--profile]`
 * Builds, loads and queries sitrep and plain lunr on the seed corpus and synthetic corpora in one process,
 * prints a table and writes bench/results/engine.json (and bench/engine-results.md unless --quick).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readArticles } from '../src/index/fs-corpus.ts';
import type { Article, Clock } from '../src/core/schema.ts';
import { formatProfile, type ProfileSummary } from './profile.ts';
import { profileCorpus } from './profile-corpus.ts';
import { benchQuestions } from './questions.ts';
import { checkTargets, formatComposition, formatSlowest, formatTable, formatTargets } from './report.ts';
import { runCorpus, type CorpusResult } from './run-corpus.ts';
import { assertValidArticles, generateCorpus } from './synthetic.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** A fixed "now" so answers (and relative dates) do not depend on the day the benchmark runs. */
const clock: Clock = { now: () => new Date('2026-01-01T00:00:00Z') };

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    'load-runs': { type: 'string' },
    seed: { type: 'string' },
    quick: { type: 'boolean' },
    profile: { type: 'boolean' },
  },
});
const quick = values.quick ?? false;
const sizes = (values.sizes ?? (quick ? '200' : '1000,5000')).split(',').map(Number).filter((n) => n > 0);
const rounds = Number(values.rounds ?? (quick ? 2 : 5));
const loadRuns = Number(values['load-runs'] ?? (quick ? 1 : 3));
const seed = Number(values.seed ?? 20251224);
const log = (line: string) => process.stderr.write(`${line}\n`);

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

// read before the run: the engine modules are loaded now, and others may commit while it runs
const commit = git(['rev-parse', '--short', 'HEAD']);
const coreDirty = git(['status', '--porcelain', '--', 'src/core']) !== '';
const started = performance.now();
const loadBefore = loadavg()[0]!;
const seedArticles = await readArticles(join(ROOT, 'data'));
const questions = benchQuestions(seed);
const options = { questions, rounds, loadRuns, clock, log };
const corpora: Array<{ name: string; make: () => Article[] }> = [
  { name: 'seed', make: () => seedArticles },
  ...sizes.map((n) => ({
    name: 'synthetic',
    make: () => {
      const articles = generateCorpus(seed, n, seedArticles);
      assertValidArticles(articles);
      return articles;
    },
  })),
];

const results: CorpusResult[] = [];
for (const corpus of corpora) {
  const articles = corpus.make();
  log(`${corpus.name}: ${articles.length} articles (${((performance.now() - started) / 1000).toFixed(0)} s elapsed)`);
  results.push(runCorpus(corpus.name, articles, options));
}

let profiles: ProfileSummary[] = [];
if (values.profile) {
  const n = Math.max(...sizes);
  log(`profiling build, load and answers at ${n} articles`);
  await mkdir(RESULTS_DIR, { recursive: true });
  profiles = await profileCorpus(generateCorpus(seed, n, seedArticles), { questions, clock, outDir: RESULTS_DIR, log });
}

const totalS = (performance.now() - started) / 1000;
const load = `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`;
const table = formatTable(results);
const targets = formatTargets(checkTargets(results));
const largest = [...results].sort((a, b) => b.articles - a.articles)[0]!;
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const seedResult = results.find((r) => r.name === 'seed');
process.stdout.write(`\n${table}\n\nTargets:\n${targets}\n\nSlowest questions at ${largest.articles} articles (sitrep):\n${formatSlowest(largest)}\n`);
const holds = Object.entries(largest.counts).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ');
process.stdout.write(`\nsitrep index file at ${largest.articles} articles: ${formatComposition(largest)}; it holds ${holds}\n`);
if (seedResult) process.stdout.write(`\nSlowest questions on the seed corpus (sitrep):\n${formatSlowest(seedResult, 5)}\n`);
for (const p of profiles) process.stdout.write(`\n${formatProfile(p)}\n`);
process.stdout.write(`\n${questions.length} questions x ${rounds} rounds after a warm-up round; ${loadRuns} load run(s); total ${totalS.toFixed(0)} s; ${load}\n`);

const meta = { date: new Date().toISOString(), commit, coreDirty, machine, load, seed, sizes, rounds, loadRuns, questions, totalSeconds: totalS };
await mkdir(RESULTS_DIR, { recursive: true });
await writeFile(join(RESULTS_DIR, 'engine.json'), `${JSON.stringify({ ...meta, results, profiles }, null, 2)}\n`);
if (!quick) {
  const md = [
    '# Engine benchmark (latest run of `npm run bench`)',
    '',
    `${meta.date.slice(0, 10)}, commit ${commit}${coreDirty ? ' with uncommitted src/core changes' : ''}; ${machine}; ${load} (other work on the machine inflates wall times: CPU time per answer is shown too).`,
    `Synthetic corpora: seed ${seed}, ~600 words an article. ${questions.length} questions x ${rounds} rounds after a warm-up round`,
    `(sitrep: \`answerQuestion\`; plain lunr: one document per article, \`index.search\` on the question's words). Load = JSON.parse of the`,
    `index string + loading it, median of ${loadRuns}; heap held = heapUsed after full GCs, loaded minus before. Total run ${totalS.toFixed(0)} s.`,
    '',
    table,
    '',
    'Targets:',
    targets,
    '',
    `sitrep index file at ${largest.articles} articles: ${formatComposition(largest)}; it holds ${holds}.`,
    '',
    `Slowest questions at ${largest.articles} articles (sitrep, median and max over the rounds):`,
    '',
    formatSlowest(largest),
    '',
    ...(seedResult ? ['Slowest questions on the seed corpus:', '', formatSlowest(seedResult, 5), ''] : []),
    ...profiles.flatMap((p) => ['```', formatProfile(p), '```', '']),
  ].join('\n');
  await writeFile(join(ROOT, 'bench', 'engine-results.md'), md);
}
