import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openSync, readSync } from 'node:fs';

/** The garbage collector: from `node --expose-gc`, else switched on at run time (so `tsx bench/engine.ts` works too). */
export function getGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const gc = getGc();

/** Heap in use after two full collections, in bytes. */
export function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The calling thread's own CPU time in ms, from Linux's /proc/thread-self/schedstat (Node 20 has no
 * process.threadCpuUsage), or null where there is no such file. The process's CPU time also counts V8's helper threads
 * (concurrent marking, compilation), which is the cost of the whole heap, not of the code that ran.
 */
export const threadCpuMs: (() => number) | null = (() => {
  try {
    const fd = openSync('/proc/thread-self/schedstat', 'r');
    const buffer = Buffer.alloc(64);
    return () => Number(buffer.toString('latin1', 0, readSync(fd, buffer, 0, 64, 0)).split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
})();

/** Runs fn once and returns its result with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export interface Latencies {
  /** wall-clock milliseconds of every recorded answer */
  all: number[];
  /** CPU milliseconds (all threads) of every recorded answer: what other processes on the machine cannot inflate */
  cpu: number[];
  /** wall and CPU milliseconds of each question's recorded answers */
  byQuestion: Map<string, { wall: number[]; cpu: number[] }>;
}

/** Latencies of a question mix: one warm-up round (not recorded), then `rounds` recorded rounds. */
export function measureLatency(questions: string[], rounds: number, ask: (q: string) => unknown): Latencies {
  for (const q of questions) ask(q);
  const all: number[] = [];
  const cpu: number[] = [];
  const byQuestion = new Map(questions.map((q) => [q, { wall: [] as number[], cpu: [] as number[] }]));
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      ask(q);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      const cpuMs = (used.user + used.system) / 1000;
      all.push(ms);
      cpu.push(cpuMs);
      byQuestion.get(q)!.wall.push(ms);
      byQuestion.get(q)!.cpu.push(cpuMs);
    }
  }
  return { all, cpu, byQuestion };
}
