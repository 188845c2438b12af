import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus, type Corpus } from '../src/core/store/corpus-index.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import type { Article, Clock } from '../src/core/schema.ts';
import { measureLatency, median, percentile, settledHeap, timed, type Latencies } from './measure.ts';
import { buildPlainIndex, searchPlain } from './plain-lunr.ts';

/** What one engine measured on one corpus. */
export interface EngineResult {
  buildMs: number;
  /** CPU time (all threads) of build + serialise: less sensitive than wall time to other processes */
  buildCpuMs: number;
  serializeMs: number;
  rawBytes: number;
  gzipBytes: number;
  /** median of the load runs: JSON.parse of the index string plus loading it */
  loadMs: number;
  loadRunsMs: number[];
  loadCpuMs: number;
  /** heap held by the loaded index (after full GCs, string of the index file excluded) */
  heapBytes: number;
  /** heap held after the answer rounds, above the pre-load baseline (loaded index plus any caches) */
  heapAfterAnswersBytes: number;
  p50Ms: number;
  p99Ms: number;
  /** the same percentiles over CPU time per answer */
  cpuP50Ms: number;
  cpuP99Ms: number;
  meanMs: number;
  maxMs: number;
  samples: number;
}

export interface QuestionTiming {
  question: string;
  medianMs: number;
  maxMs: number;
  cpuMedianMs: number;
  answered: boolean;
  intent: string;
}

export interface CorpusResult {
  name: string;
  /** bytes of each part of sitrep's index file ("lunr.postings", "texts", ...) */
  composition: Record<string, number>;
  /** what the sitrep index holds: passages, people, roles, figures, events */
  counts: Record<string, number>;
  articles: number;
  words: number;
  passages: number;
  sitrep: EngineResult & { answered: number; questions: number; byQuestion: QuestionTiming[] };
  plain: EngineResult;
}

export interface RunOptions {
  questions: string[];
  rounds: number;
  loadRuns: number;
  clock: Clock;
  log: (line: string) => void;
  onJson?: (json: string) => void;
}

interface Engine<Built, Loaded> {
  build(): Built;
  load(json: string): Loaded;
  ask(loaded: Loaded, question: string): unknown;
}

/** Loads into a holder from its own stack frame, so no interpreter register keeps an earlier load alive. */
function loadInto<L>(engine: Engine<unknown, L>, json: string, holder: { loaded: L | null }): number {
  const start = performance.now();
  holder.loaded = engine.load(json);
  return performance.now() - start;
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function measureEngine<B, L>(engine: Engine<B, L>, options: RunOptions, label: string, inspect: (loaded: L, timings: Latencies['byQuestion']) => void): { result: EngineResult } {
  settledHeap();
  let buildMs = 0;
  let serializeMs = 0;
  let json = '';
  const buildCpuMs = cpuMs(() => {
    const built = timed(() => engine.build());
    buildMs = built.ms;
    const serialized = timed(() => JSON.stringify(built.value));
    serializeMs = serialized.ms;
    json = serialized.value;
  });
  options.log(`  ${label}: built in ${buildMs.toFixed(0)} ms`);
  const rawBytes = Buffer.byteLength(json);
  options.onJson?.(json);
  const gzipBytes = gzipSync(json).length;
  const loadRunsMs: number[] = [];
  const loadCpuRunsMs: number[] = [];
  const heldRuns: number[] = [];
  const holder: { loaded: L | null } = { loaded: null };
  let before = 0;
  for (let run = 0; run < options.loadRuns; run++) {
    holder.loaded = null;
    before = settledHeap();
    loadCpuRunsMs.push(cpuMs(() => loadRunsMs.push(loadInto(engine, json, holder))));
    heldRuns.push(settledHeap() - before);
  }
  options.log(`  ${label}: loaded in ${loadRunsMs.map((ms) => ms.toFixed(0)).join(', ')} ms, holding ${heldRuns.map((b) => (b / 1e6).toFixed(1)).join(', ')} MB`);
  const latency = measureLatency(options.questions, options.rounds, (q) => engine.ask(holder.loaded!, q));
  const heapAfterAnswersBytes = settledHeap() - before;
  options.log(`  ${label}: ${latency.all.length} answers, p99 ${percentile(latency.all, 99).toFixed(1)} ms`);
  inspect(holder.loaded!, latency.byQuestion);
  holder.loaded = null;
  return {
    result: {
      buildMs, buildCpuMs, serializeMs, rawBytes, gzipBytes,
      loadMs: median(loadRunsMs), loadRunsMs, loadCpuMs: median(loadCpuRunsMs), heapBytes: median(heldRuns), heapAfterAnswersBytes,
      p50Ms: percentile(latency.all, 50), p99Ms: percentile(latency.all, 99),
      cpuP50Ms: percentile(latency.cpu, 50), cpuP99Ms: percentile(latency.cpu, 99),
      meanMs: latency.all.reduce((sum, x) => sum + x, 0) / latency.all.length,
      maxMs: Math.max(...latency.all), samples: latency.all.length,
    },
  };
}

/** Bytes of each top-level part of an index file, and of each part of its lunr section. */
function indexComposition(json: string): Record<string, number> {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const sizes: Record<string, number> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'lunr' && value && typeof value === 'object') {
      for (const [part, inner] of Object.entries(value)) sizes[`lunr.${part}`] = Buffer.byteLength(JSON.stringify(inner));
    } else {
      sizes[key] = Buffer.byteLength(JSON.stringify(value));
    }
  }
  return Object.fromEntries(Object.entries(sizes).sort((a, b) => b[1] - a[1]));
}

/** Measures sitrep and plain lunr on one corpus, one after the other in this process. */
export function runCorpus(name: string, articles: Article[], options: RunOptions): CorpusResult {
  const builtAt = options.clock.now();
  let composition: Record<string, number> = {};
  let passages = 0;
  let counts: Record<string, number> = {};
  let byQuestion: QuestionTiming[] = [];
  const sitrep = measureEngine<ReturnType<typeof buildIndex>, Corpus>({
    build: () => buildIndex(articles, builtAt),
    load: (json) => loadCorpus(JSON.parse(json) as unknown),
    ask: (corpus, q) => answerQuestion(q, { corpus, clock: options.clock }),
  }, { ...options, onJson: (json) => { composition = indexComposition(json); } }, 'sitrep', (corpus, timings) => {
    passages = corpus.data.passages.length;
    const { people, figures, events } = corpus.data;
    counts = { passages, people: people.length, roles: people.reduce((n, p) => n + p.roles.length, 0), figures: figures.length, events: events.length };
    byQuestion = options.questions.map((question) => {
      const answer = answerQuestion(question, { corpus, clock: options.clock });
      const times = timings.get(question) ?? { wall: [], cpu: [] };
      return {
        question, medianMs: median(times.wall), maxMs: Math.max(...times.wall), cpuMedianMs: median(times.cpu),
        answered: answer.answered, intent: answer.intent,
      };
    });
  });
  const plain = measureEngine<lunr.Index, lunr.Index>({
    build: () => buildPlainIndex(articles),
    load: (json) => lunr.Index.load(JSON.parse(json) as object),
    ask: (index, q) => searchPlain(index, q),
  }, options, 'plain lunr', () => {});
  const words = articles.reduce((sum, a) => sum + [a.title, a.standfirst ?? '', ...a.paragraphs].join(' ').split(/\s+/).length, 0);
  return {
    name, articles: articles.length, words, passages, composition, counts,
    sitrep: {
      ...sitrep.result,
      answered: byQuestion.filter((q) => q.answered).length,
      questions: byQuestion.length,
      byQuestion: byQuestion.sort((a, b) => b.cpuMedianMs - a.cpuMedianMs),
    },
    plain: plain.result,
  };
}
