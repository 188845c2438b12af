import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import { answerQuestion } from '../src/core/answer.ts';
import { buildIndex, loadCorpus, type Corpus } from '../src/core/corpus-index.ts';
import type { Article, Clock } from '../src/core/schema.ts';
import { measureLatency, median, percentile, settledHeap, timed } from './measure.ts';
import { buildPlainIndex, searchPlain } from './plain-lunr.ts';

/** What one engine measured on one corpus. */
export interface EngineResult {
  buildMs: number;
  serializeMs: number;
  rawBytes: number;
  gzipBytes: number;
  /** median of the load runs: JSON.parse of the index string plus loading it */
  loadMs: number;
  loadRunsMs: number[];
  /** heap held by the loaded index (after full GCs, string of the index file excluded) */
  heapBytes: number;
  /** heap held after the answer rounds, above the pre-load baseline (loaded index plus any caches) */
  heapAfterAnswersBytes: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  samples: number;
}

export interface QuestionTiming {
  question: string;
  medianMs: number;
  maxMs: number;
  answered: boolean;
  intent: string;
}

export interface CorpusResult {
  name: string;
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
}

interface Engine<Built, Loaded> {
  build(): Built;
  load(json: string): Loaded;
  ask(loaded: Loaded, question: string): unknown;
}

function measureEngine<B, L>(engine: Engine<B, L>, options: RunOptions, label: string): { result: EngineResult; loaded: L; byQuestion: Map<string, number[]> } {
  settledHeap();
  const built = timed(() => engine.build());
  options.log(`  ${label}: built in ${built.ms.toFixed(0)} ms`);
  const serialized = timed(() => JSON.stringify(built.value));
  (built as { value: unknown }).value = null;
  const json = serialized.value;
  const rawBytes = Buffer.byteLength(json);
  const gzipBytes = gzipSync(json).length;
  const loadRunsMs: number[] = [];
  const heldRuns: number[] = [];
  let loaded: L | null = null;
  let before = 0;
  for (let run = 0; run < options.loadRuns; run++) {
    loaded = null;
    before = settledHeap();
    const load = timed(() => engine.load(json));
    loaded = load.value;
    loadRunsMs.push(load.ms);
    heldRuns.push(settledHeap() - before);
  }
  options.log(`  ${label}: loaded in ${loadRunsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const latency = measureLatency(options.questions, options.rounds, (q) => engine.ask(loaded!, q));
  const heapAfterAnswersBytes = settledHeap() - before;
  options.log(`  ${label}: ${latency.all.length} answers, p99 ${percentile(latency.all, 99).toFixed(1)} ms`);
  return {
    loaded: loaded!,
    byQuestion: latency.byQuestion,
    result: {
      buildMs: built.ms, serializeMs: serialized.ms, rawBytes, gzipBytes,
      loadMs: median(loadRunsMs), loadRunsMs, heapBytes: median(heldRuns), heapAfterAnswersBytes,
      p50Ms: percentile(latency.all, 50), p99Ms: percentile(latency.all, 99),
      meanMs: latency.all.reduce((s, x) => s + x, 0) / latency.all.length,
      maxMs: Math.max(...latency.all), samples: latency.all.length,
    },
  };
}

/** Measures sitrep and plain lunr on one corpus, one after the other in this process. */
export function runCorpus(name: string, articles: Article[], options: RunOptions): CorpusResult {
  const builtAt = options.clock.now();
  const sitrep = measureEngine<ReturnType<typeof buildIndex>, Corpus>({
    build: () => buildIndex(articles, builtAt),
    load: (json) => loadCorpus(JSON.parse(json) as unknown),
    ask: (corpus, q) => answerQuestion(q, { corpus, clock: options.clock }),
  }, options, 'sitrep');
  const corpus = sitrep.loaded;
  const byQuestion: QuestionTiming[] = options.questions.map((question) => {
    const answer = answerQuestion(question, { corpus, clock: options.clock });
    const times = sitrep.byQuestion.get(question) ?? [];
    return { question, medianMs: median(times), maxMs: Math.max(...times), answered: answer.answered, intent: answer.intent };
  });
  const passages = corpus.data.passages.length;
  (sitrep as { loaded: unknown }).loaded = null;
  const plain = measureEngine<lunr.Index, lunr.Index>({
    build: () => buildPlainIndex(articles),
    load: (json) => lunr.Index.load(JSON.parse(json) as object),
    ask: (index, q) => searchPlain(index, q),
  }, options, 'plain lunr');
  const words = articles.reduce((sum, a) => sum + [a.title, a.standfirst ?? '', ...a.paragraphs].join(' ').split(/\s+/).length, 0);
  return {
    name, articles: articles.length, words, passages,
    sitrep: {
      ...sitrep.result,
      answered: byQuestion.filter((q) => q.answered).length,
      questions: byQuestion.length,
      byQuestion: byQuestion.sort((a, b) => b.medianMs - a.medianMs),
    },
    plain: plain.result,
  };
}
