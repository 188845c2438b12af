/**
 * `npx tsx bench/seed.ts`: answer time on the bundled seed corpus (data/index.json), the one a new install answers
 * from. Every distinct question of ../shared/eval/dev.json and test/fixtures/paraphrases.json is asked once after a
 * warm-up on the same engine with other wordings (the questions with "?" removed), CPU time and wall time per answer,
 * and plain lunr's top-three search over the same passages in the same loop, alternating which goes first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuUsage, hrtime } from 'node:process';
import lunr from 'lunr';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';

const ROOT = join(import.meta.dirname, '..');
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const corpus = loadCorpus(JSON.parse(readFileSync(join(ROOT, 'data', 'index.json'), 'utf8')));
const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { questions: Array<{ question: string }> }).questions.map((q) => q.question);
const questions = [...new Set([...read(join(ROOT, '..', 'shared', 'eval', 'dev.json')), ...read(join(ROOT, 'test', 'fixtures', 'paraphrases.json'))])];

// Plain lunr over the same passages, one document a sentence.
const plain = lunr(function build() {
  this.ref('p');
  this.field('text');
  corpus.data.passages.forEach(([, , text], p) => this.add({ p: String(p), text }));
});

for (const q of questions) answerQuestion(q.replace(/\?/g, ''), { corpus, clock });

function time(run: () => unknown): { cpu: number; wall: number } {
  const c = cpuUsage();
  const w = hrtime.bigint();
  run();
  const wall = Number(hrtime.bigint() - w) / 1e6;
  const used = cpuUsage(c);
  return { cpu: (used.user + used.system) / 1000, wall };
}

const sitrep: Array<{ cpu: number; wall: number }> = [];
const baseline: Array<{ cpu: number; wall: number }> = [];
questions.forEach((q, i) => {
  const ask = () => sitrep.push(time(() => answerQuestion(q, { corpus, clock })));
  const search = () => baseline.push(time(() => plain.search(q.replace(/[:^*~+-]/g, ' ')).slice(0, 3)));
  if (i % 2) { ask(); search(); } else { search(); ask(); }
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const row = (name: string, xs: Array<{ cpu: number; wall: number }>) =>
  `| ${name} | ${pct(xs.map((x) => x.wall), 50).toFixed(2)} ms | ${pct(xs.map((x) => x.wall), 99).toFixed(2)} ms | ${pct(xs.map((x) => x.cpu), 50).toFixed(2)} ms | ${pct(xs.map((x) => x.cpu), 99).toFixed(2)} ms |`;
console.log(`seed corpus: ${corpus.data.articles.length} articles, ${corpus.data.passages.length} passages; ${questions.length} distinct questions, each asked once after a warm-up`);
console.log('| engine | wall p50 | wall p99 | CPU p50 | CPU p99 |\n|---|---:|---:|---:|---:|');
console.log(row('sitrep', sitrep));
console.log(row('plain lunr (top 3 sentences)', baseline));
