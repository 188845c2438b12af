/**
 * `npx tsx bench/kept-questions.ts DIR [--out FILE]`: sitrep alone on a data folder kept by
 * `npm run bench -- --articles N --incremental K --keep DIR`, asked the engine bench's 1,200 measured questions once
 * each after its 150 warm-up questions (the same seed), in one process as `sitrep serve` answers them: load, prepare,
 * warm up, ask. Prints load and prepare CPU and each answer's main-thread CPU, wall and process CPU time (p50, p90,
 * p99, max, mean) and the slowest questions; `--out` writes a line a question (main-thread ms, process ms, question,
 * first line of the answer), so two versions of the code can be compared answer for answer.
 *
 * What it is for: comparing two versions of the engine on one corpus without building it again (a 50,000-article
 * run of `npm run bench` builds for eight minutes). Run the versions in turn, several times each, from two
 * worktrees: on a shared machine one run's p99 moves by a fifth from one minute to the next.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { prepareCorpus } from '../src/core/answer/prepare.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';
import { textPartReader } from '../src/index/fs-index-file.ts';
import { percentile, threadCpuMs } from './measure.ts';
import { newsQuestionsFor } from './news-index.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, seed: { type: 'string' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx bench/kept-questions.ts DIR [--out FILE]');
const seed = Number(values.seed ?? 20251224);
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const cpu = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const thread = threadCpuMs ?? cpu;

let start = cpu();
const corpus = loadCorpus(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')), { readTextPart: textPartReader(dir) });
const loadMs = cpu() - start;
start = cpu();
prepareCorpus(corpus);
const prepareMs = cpu() - start;

// as the engine bench: 1,200 measured questions, then 150 warm-up questions asked first
const pool = newsQuestionsFor(seed, 1350);
for (const q of pool.slice(1200)) answerQuestion(q, { corpus, clock });
const rows: Array<{ q: string; thread: number; wall: number; cpu: number; first: string }> = [];
for (const q of pool.slice(0, 1200)) {
  const c0 = cpu();
  const t0 = thread();
  const w0 = performance.now();
  const answer = answerQuestion(q, { corpus, clock });
  const wall = performance.now() - w0;
  // the process's clock before the thread's each time: getrusage brings the thread's schedstat figure up to date,
  // which otherwise moves only at the scheduler's tick (4 ms)
  const used = cpu() - c0;
  rows.push({ q, thread: thread() - t0, wall, cpu: used, first: `${answer.answered ? '' : '(declined) '}${answer.answer.split('\n')[0]}` });
}

const line = (label: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return `${label.padEnd(12)} p50 ${percentile(sorted, 50).toFixed(2)}  p90 ${percentile(sorted, 90).toFixed(2)}  p99 ${percentile(sorted, 99).toFixed(2)}  max ${sorted.at(-1)!.toFixed(1)}  mean ${mean.toFixed(2)} ms`;
};
process.stdout.write(`${corpus.data.articles.length} articles: load ${loadMs.toFixed(0)} ms CPU, prepare ${prepareMs.toFixed(0)} ms CPU; ${rows.length} questions\n`);
process.stdout.write(`${line('main thread', rows.map((r) => r.thread))}\n${line('wall', rows.map((r) => r.wall))}\n${line('process CPU', rows.map((r) => r.cpu))}\n`);
process.stdout.write('slowest (process CPU):\n');
for (const r of [...rows].sort((a, b) => b.cpu - a.cpu).slice(0, 8)) process.stdout.write(`  ${r.cpu.toFixed(1).padStart(6)} ms  ${r.q}\n`);
if (values.out) writeFileSync(values.out, rows.map((r) => `${r.thread.toFixed(2)}\t${r.cpu.toFixed(2)}\t${r.q}\t${r.first}`).join('\n'));
