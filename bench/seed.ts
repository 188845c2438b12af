/**
 * `npm run bench:seed`: answer time on the bundled seed corpus (data/index.json), the one a new install answers
 * from. Two question sets, each question asked once (no repeats) after a warm-up on 150 other questions:
 * - curated: every distinct question of ../shared/eval/dev.json and test/fixtures/paraphrases.json (59);
 * - generated: 1,200 distinct questions of every kind from bench/questions.ts (`newsQuestions`), over the seed
 *   corpus's own people and places plus 300 names it does not hold, one in ten misspelt, with off-topic and hostile
 *   ones. With 59 samples p99 is the slowest answer; with 1,200 it is the 12th slowest, so one garbage collection
 *   no longer decides it.
 * Per answer: wall time, CPU time of the process (which includes V8's helper threads: concurrent marking and
 * compilation can make it exceed wall time) and CPU time of the main thread alone (Linux), with plain lunr's top-three search over the same passages asked in the
 * same loop, alternating which goes first.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cpuUsage, hrtime } from 'node:process';
import lunr from 'lunr';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';
import { newsNamePool } from './news-corpus.ts';
import { newsQuestions } from './questions.ts';
import { PLACE_NAMES } from './synthetic-vocab.ts';
import { threadCpuMs } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const corpus = loadCorpus(JSON.parse(readFileSync(join(ROOT, 'data', 'index.json'), 'utf8')));
const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { questions: Array<{ question: string }> }).questions.map((q) => q.question);
const curated = [...new Set([...read(join(ROOT, '..', 'shared', 'eval', 'dev.json')), ...read(join(ROOT, 'test', 'fixtures', 'paraphrases.json'))])];
const names = [...corpus.data.people.map((p) => p.name), ...newsNamePool(7).slice(0, 300)];
const warmUp = newsQuestions(99, 150, names, PLACE_NAMES);
const taken = new Set([...warmUp, ...curated]);
const generated = newsQuestions(20251224, 1500, names, PLACE_NAMES).filter((q) => !taken.has(q)).slice(0, 1200);

// Plain lunr over the same passages, one document a sentence.
const plain = lunr(function build() {
  this.ref('p');
  this.field('text');
  corpus.data.passages.forEach(([, , text], p) => this.add({ p: String(p), text }));
});

for (const q of warmUp) {
  answerQuestion(q, { corpus, clock });
  plain.search(q.replace(/[:^*~+-]/g, ' '));
}

type Sample = { cpu: number; wall: number; thread: number };
function time(run: () => unknown): Sample {
  const t = threadCpuMs?.() ?? 0;
  const c = cpuUsage();
  const w = hrtime.bigint();
  run();
  const wall = Number(hrtime.bigint() - w) / 1e6;
  const used = cpuUsage(c);
  const thread = threadCpuMs ? threadCpuMs() - t : NaN;
  return { cpu: (used.user + used.system) / 1000, wall, thread };
}

function measure(questions: string[]): { sitrep: Sample[]; baseline: Sample[] } {
  const sitrep: Sample[] = [];
  const baseline: Sample[] = [];
  questions.forEach((q, i) => {
    const ask = () => sitrep.push(time(() => answerQuestion(q, { corpus, clock })));
    const search = () => baseline.push(time(() => plain.search(q.replace(/[:^*~+-]/g, ' ')).slice(0, 3)));
    if (i % 2) { ask(); search(); } else { search(); ask(); }
  });
  return { sitrep, baseline };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const row = (name: string, xs: Sample[]) => {
  const wall = xs.map((x) => x.wall);
  const cpu = xs.map((x) => x.cpu);
  const thread = xs.map((x) => x.thread);
  return `| ${name} | ${xs.length} | ${ms(pct(wall, 50))} | ${ms(pct(wall, 99))} | ${ms(pct(cpu, 50))} | ${ms(pct(cpu, 99))} | ${ms(pct(thread, 50))} | ${ms(pct(thread, 99))} |`;
};

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`seed corpus: ${corpus.data.articles.length} articles, ${corpus.data.passages.length} passages; load average ${load()} at start`);
const gen = measure(generated);
const cur = measure(curated);
console.log('| engine, questions | samples | wall p50 | wall p99 | process CPU p50 | process CPU p99 | main thread CPU p50 | main thread CPU p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|');
console.log(row('sitrep, generated', gen.sitrep));
console.log(row('plain lunr (top 3 sentences), generated', gen.baseline));
console.log(row('sitrep, curated (p99 = slowest)', cur.sitrep));
console.log(row('plain lunr, curated (p99 = slowest)', cur.baseline));
console.log(`load average ${load()} at end`);
