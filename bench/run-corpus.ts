import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { prepareCorpus } from '../src/core/answer/prepare.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../src/core/store/corpus-index.ts';
import { shouldSplit, splitIndexFile, withSearchPart } from '../src/core/store/index-split.ts';
import { asciiJson } from '../src/core/store/search-part.ts';
import { partStamp, textPartReader } from '../src/index/fs-index-file.ts';
import { dataPaths } from '../src/index/fs-paths.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { resetStoreCounters, storeCounters } from '../src/core/store/counters.ts';
import type { Article, Clock } from '../src/core/schema.ts';
import { median, percentile, settledHeap, threadCpuMs } from './measure.ts';
import { fork, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlainIndex, searchPlain } from './plain-lunr.ts';

/** What one engine measured on one corpus. */
export interface EngineResult {
  buildMs: number;
  /** CPU time (all threads) of the build, serialising excluded */
  buildCpuMs: number;
  serializeMs: number;
  /** bytes of the stored index (sitrep: index.json and its text parts); null when it could not be stored */
  rawBytes: number | null;
  gzipBytes: number | null;
  /** median of the load runs: reading (sitrep: index.json from disk) and parsing the index, then loading it */
  loadMs: number | null;
  loadCpuMs: number | null;
  loadRunsMs: number[];
  /** heap held by the loaded index (after full GCs) */
  heapBytes: number;
  p50Ms: number;
  p99Ms: number;
  cpuP50Ms: number;
  cpuP99Ms: number;
  /** the main thread's own CPU time (no GC helper threads); NaN where Linux's schedstat is missing */
  threadP50Ms: number;
  threadP99Ms: number;
  maxMs: number;
  samples: number;
}

export interface QuestionTiming {
  question: string;
  ms: number;
  cpuMs: number;
  threadMs: number;
  answered: boolean;
  intent: string;
  postingsRead: number;
}

export interface CorpusResult {
  articles: number;
  words: number;
  passages: number;
  corpus: { sentences: number; distinctSentenceShare: number; vocabulary: number; gzipRatio: number };
  composition: Record<string, number>;
  counts: Record<string, number>;
  sitrep: EngineResult & { answered: number; postingsReadP50: number; postingsReadMax: number; slowest: QuestionTiming[] };
  plain: EngineResult;
}

export interface RunOptions {
  questions: string[];
  /** asked before the measured run and not recorded (distinct from `questions`) */
  warmup: string[];
  loadRuns: number;
  clock: Clock;
  log: (line: string) => void;
  /** an empty folder: sitrep's index is stored there as a data folder's index (index.json, index-texts/) */
  dataDir: string;
}

function cpuNow(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** Runs fn and returns its result with wall, process CPU and (where Linux tells) main-thread CPU milliseconds. */
function measured<T>(fn: () => T): { value: T; ms: number; cpuMs: number; threadMs: number } {
  const thread = threadCpuMs?.() ?? 0;
  const cpu = cpuNow();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  const cpuMs = cpuNow() - cpu;
  return { value, ms, cpuMs, threadMs: threadCpuMs ? threadCpuMs() - thread : Number.NaN };
}

/** JSON of a value, or null when V8 cannot hold it in one string. */
function serialise(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Bytes of each top-level part of an index file, and of each part of its lunr section. */
function indexComposition(file: Record<string, unknown>): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [key, value] of Object.entries(file)) {
    if (key === 'lunr' && value && typeof value === 'object') {
      for (const [part, inner] of Object.entries(value)) sizes[`lunr.${part}`] = Buffer.byteLength(serialise(inner) ?? '');
    } else {
      sizes[key] = Buffer.byteLength(serialise(value) ?? '');
    }
  }
  return Object.fromEntries(Object.entries(sizes).sort((a, b) => b[1] - a[1]));
}

/** Loads into a holder from its own stack frame, so no interpreter register keeps an earlier load alive. */
function loadInto<L>(holder: { loaded: L | null }, load: () => L): { ms: number; cpuMs: number } {
  const m = measured(load);
  holder.loaded = m.value;
  return { ms: m.ms, cpuMs: m.cpuMs };
}

interface Prepared<L> {
  loaded: L;
  result: Omit<EngineResult, 'p50Ms' | 'p99Ms' | 'cpuP50Ms' | 'cpuP99Ms' | 'threadP50Ms' | 'threadP99Ms' | 'maxMs' | 'samples'>;
}

/**
 * How an engine's index is stored and loaded: `save` writes the built index (a JSON string for plain lunr, the data
 * folder's files for sitrep) and says its size in bytes (raw, gzipped), null when it cannot be stored; `load`
 * loads what was saved.
 */
interface Storage<B, L> {
  save: (built: B) => { raw: number; gzip: number } | null;
  load: () => L;
}

/** A JSON string in memory, loaded by JSON.parse and `load` (plain lunr's index). */
function jsonStorage<B, L>(load: (json: string) => L): Storage<B, L> {
  let json: string | null = null;
  return {
    save: (built) => {
      json = serialise(built);
      return json === null ? null : { raw: Buffer.byteLength(json), gzip: gzipSync(json, { level: 6 }).length };
    },
    load: () => load(json!),
  };
}

/**
 * sitrep's index as `sitrep build` stores it in a data folder (index.json, and its texts in part files when large):
 * load reads and parses index.json and loads it, text parts being read when questions need them.
 */
function dataFolderStorage(dir: string): Storage<IndexFile, Corpus> {
  return {
    save: (built) => {
      const written = writeIndexSync(dir, built);
      return { raw: written.reduce((n, text) => n + Buffer.byteLength(text), 0), gzip: written.reduce((n, text) => n + gzipSync(text, { level: 6 }).length, 0) };
    },
    load: () => loadCorpus(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown, { readTextPart: textPartReader(dir) }),
  };
}

/** Writes what `writeIndex` writes, synchronously (the bench keeps its steps synchronous); returns what it wrote. */
export function writeIndexSync(dir: string, file: IndexFile): Array<string | Uint8Array> {
  const paths = dataPaths(dir);
  if (!shouldSplit(file)) {
    const json = JSON.stringify(file);
    writeFileSync(paths.index, json);
    return [json];
  }
  const stamp = partStamp(file.builtAt);
  const split = splitIndexFile(file, (k) => `${stamp}.${String(k).padStart(4, '0')}`);
  const { main, bytes } = withSearchPart(split.main, `${stamp}.search`);
  mkdirSync(paths.texts, { recursive: true });
  for (const part of split.parts) writeFileSync(join(paths.texts, `${part.name}.json`), part.text);
  writeFileSync(join(paths.texts, `${main.searchPart.name}.bin`), bytes);
  const json = asciiJson(main);
  writeFileSync(paths.index, json);
  return [json, bytes, ...split.parts.map((p) => p.text)];
}

/** Builds, stores and loads one engine's index (load median of `runs`), keeping the last load. */
function prepare<B, L>(label: string, build: () => B, storage: Storage<B, L>, fromBuilt: (built: B) => L, options: Pick<RunOptions, 'loadRuns' | 'log'>, onBuilt?: (b: B) => void): Prepared<L> {
  settledHeap();
  const built = measured(build);
  options.log(`  ${label}: built in ${(built.ms / 1000).toFixed(1)} s (${(built.cpuMs / 1000).toFixed(1)} s CPU)`);
  onBuilt?.(built.value);
  const serialised = measured(() => storage.save(built.value));
  const json = serialised.value;
  const gzipBytes = json === null ? null : json.gzip;
  const loadRunsMs: number[] = [];
  const loadCpuRunsMs: number[] = [];
  let heapBytes = 0;
  let loaded: L;
  if (json === null) {
    // Too large for one string: answer from the built index (what a store that streams would load).
    const before = settledHeap();
    loaded = fromBuilt(built.value);
    heapBytes = settledHeap() - before;
    options.log(`  ${label}: index too large for one JSON string; answering from the built index`);
  } else {
    (built as { value: unknown }).value = null;
    const holder: { loaded: L | null } = { loaded: null };
    for (let run = 0; run < options.loadRuns; run++) {
      holder.loaded = null;
      const before = settledHeap();
      const l = loadInto(holder, storage.load);
      loadRunsMs.push(l.ms);
      loadCpuRunsMs.push(l.cpuMs);
      heapBytes = settledHeap() - before;
    }
    loaded = holder.loaded!;
    options.log(`  ${label}: ${(json.raw / 1e6).toFixed(1)} MB, loaded in ${loadRunsMs.map((ms) => ms.toFixed(0)).join(', ')} ms, holding ${(heapBytes / 1e6).toFixed(0)} MB`);
  }
  return {
    loaded,
    result: {
      buildMs: built.ms, buildCpuMs: built.cpuMs, serializeMs: serialised.ms,
      rawBytes: json === null ? null : json.raw, gzipBytes,
      loadMs: loadRunsMs.length ? median(loadRunsMs) : null, loadCpuMs: loadCpuRunsMs.length ? median(loadCpuRunsMs) : null, loadRunsMs,
      heapBytes,
    },
  };
}

function latencies(samples: Array<{ ms: number; cpuMs: number; threadMs: number }>) {
  const wall = samples.map((s) => s.ms);
  const cpu = samples.map((s) => s.cpuMs);
  const thread = samples.map((s) => s.threadMs);
  return {
    p50Ms: percentile(wall, 50), p99Ms: percentile(wall, 99), cpuP50Ms: percentile(cpu, 50), cpuP99Ms: percentile(cpu, 99),
    threadP50Ms: percentile(thread, 50), threadP99Ms: percentile(thread, 99),
    maxMs: Math.max(...wall), samples: samples.length,
  };
}

/** One engine in a process of its own: what it measured building and loading, and how it answers a question. */
export interface EngineSide {
  result: Prepared<unknown>['result'];
  /** sitrep only: the index's parts by size, and the corpus's counts */
  composition?: Record<string, number>;
  counts?: Record<string, number>;
  ask: (question: string) => QuestionTiming;
}

/**
 * Builds, stores and loads one engine's index over `articles` (the caller drops its own reference, so after the build
 * the process holds what a serving process holds: the loaded index, not the articles), then asks it questions.
 */
export function engineSide(engine: 'sitrep' | 'plain', articles: Article[], options: Omit<RunOptions, 'questions' | 'warmup'>): EngineSide {
  if (engine === 'plain') {
    const plain = prepare('plain lunr', () => buildPlainIndex(articles), jsonStorage((json) => lunr.Index.load(JSON.parse(json) as object)), (built) => built, options);
    return { result: plain.result, ask: plainAsker(plain.loaded) };
  }
  let composition: Record<string, number> = {};
  const builtAt = options.clock.now();
  const sitrep = prepare('sitrep', () => buildIndex(articles, builtAt), dataFolderStorage(options.dataDir), (built) => loadCorpus(built), options, (built) => {
    composition = indexComposition(built as unknown as Record<string, unknown>);
  });
  const corpus: Corpus = sitrep.loaded;
  // As `sitrep serve` does after loading, off the request path: the per-corpus lookups (people and roles by word,
  // passages by day, ...) are made before the first question rather than by whichever question needs each first.
  const prepared = measured(() => prepareCorpus(corpus));
  options.log(`  sitrep: corpus prepared in ${Math.round(prepared.ms)} ms (${Math.round(prepared.cpuMs)} ms CPU)`);
  const { people, figures, events } = corpus.data;
  return {
    result: sitrep.result,
    composition,
    counts: { passages: corpus.data.passages.length, terms: corpus.data.lunr.terms.length, people: people.length, roles: people.reduce((n, p) => n + p.roles.length, 0), figures: figures.length, events: events.length },
    ask: sitrepAsker(corpus, options.clock),
  };
}

// The askers are made outside engineSide so their closures hold the loaded index only, not the articles it was built from.

/** Times one plain lunr search; only the times are kept (its results, every match with its data, are hundreds of KB). */
function plainAsker(index: lunr.Index): EngineSide['ask'] {
  return (q) => {
    const m = measured(() => searchPlain(index, q).length);
    return { question: q, ms: m.ms, cpuMs: m.cpuMs, threadMs: m.threadMs, answered: m.value > 0, intent: 'search', postingsRead: 0 };
  };
}

/** Times one sitrep answer, with the postings it read. */
function sitrepAsker(corpus: Corpus, clock: Clock): EngineSide['ask'] {
  return (q) => {
    resetStoreCounters();
    const m = measured(() => answerQuestion(q, { corpus, clock }));
    return { question: q, ms: m.ms, cpuMs: m.cpuMs, threadMs: m.threadMs, answered: m.value.answered, intent: m.value.intent, postingsRead: storeCounters.postingsRead };
  };
}

/** What the parent sends an engine's process. */
export type EngineRequest =
  | { type: 'setup'; engine: 'sitrep' | 'plain'; articles: number; seed: number; loadRuns: number; dataDir: string; now: string }
  | { type: 'ask'; question: string };

/** What an engine's process answers: its build and load figures once, then one timing per question. */
export type EngineReply = { type: 'ready'; result: EngineSide['result']; composition?: Record<string, number>; counts?: Record<string, number> } | { type: 'asked'; timing: QuestionTiming } | { type: 'log'; line: string };

/** An engine's process, asked one thing at a time. */
class EngineProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (reply: EngineReply) => void; reject: (error: Error) => void } | null = null;

  constructor(log: (line: string) => void) {
    this.child = fork(ENGINE_PROCESS, [], { execArgv: ['--max-old-space-size=12288', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: EngineReply) => {
      if (reply.type === 'log') return log(reply.line);
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(reply);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`the engine's process stopped (exit ${code})`)));
  }

  request(message: EngineRequest): Promise<EngineReply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }

  async ask(question: string): Promise<QuestionTiming> {
    const reply = await this.request({ type: 'ask', question });
    if (reply.type !== 'asked') throw new Error(`expected a timing, got ${reply.type}`);
    return reply.timing;
  }

  stop(): void {
    this.child.kill();
  }
}

const ENGINE_PROCESS = join(dirname(fileURLToPath(import.meta.url)), 'engine-process.ts');

/**
 * Measures sitrep and plain lunr on one corpus, each in a process of its own (as each would serve): sitrep builds,
 * stores and loads its index, then plain lunr does, one after the other; then every question is asked once of each,
 * the two interleaved (which goes first alternates), after a warm-up on other questions. In one process, each
 * engine's build, load and answers also paid for collecting the other's heap (plain lunr's index at 50,000 articles
 * is gigabytes), which is not a cost either has when it serves.
 */
export async function runCorpus(articles: Article[], corpusStats: CorpusResult['corpus'], options: RunOptions & { seed: number }): Promise<CorpusResult> {
  const sitrepProcess = new EngineProcess(options.log);
  const plainProcess = new EngineProcess(options.log);
  try {
    const setup = { articles: articles.length, seed: options.seed, loadRuns: options.loadRuns, dataDir: options.dataDir, now: options.clock.now().toISOString() };
    const sitrep = await sitrepProcess.request({ type: 'setup', engine: 'sitrep', ...setup });
    const plain = await plainProcess.request({ type: 'setup', engine: 'plain', ...setup });
    if (sitrep.type !== 'ready' || plain.type !== 'ready') throw new Error('an engine did not get ready');
    for (const q of options.warmup) {
      await sitrepProcess.ask(q);
      await plainProcess.ask(q);
    }
    const mine: QuestionTiming[] = [];
    const theirs: QuestionTiming[] = [];
    for (const [i, q] of options.questions.entries()) {
      if (i % 2) {
        mine.push(await sitrepProcess.ask(q));
        theirs.push(await plainProcess.ask(q));
      } else {
        theirs.push(await plainProcess.ask(q));
        mine.push(await sitrepProcess.ask(q));
      }
    }
    const passages = sitrep.counts?.passages ?? 0;
    const postings = mine.map((m) => m.postingsRead);
    const words = articles.reduce((sum, a) => sum + [a.title, a.standfirst ?? '', ...a.paragraphs].join(' ').split(/\s+/).length, 0);
    return {
      articles: articles.length, words, passages, corpus: corpusStats, composition: sitrep.composition ?? {}, counts: sitrep.counts ?? {},
      sitrep: {
        ...sitrep.result, ...latencies(mine),
        answered: mine.filter((m) => m.answered).length,
        postingsReadP50: percentile(postings, 50), postingsReadMax: Math.max(...postings),
        slowest: [...mine].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 10),
      },
      plain: { ...plain.result, ...latencies(theirs) },
    };
  } finally {
    sitrepProcess.stop();
    plainProcess.stop();
  }
}
