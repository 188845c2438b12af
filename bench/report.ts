import type { CorpusResult, EngineResult } from './run-corpus.ts';

/** The scale issue's targets (issue 13), checked over the sizes of one run. */
export const TARGETS = {
  /** answer p50 and p99 (CPU) at the largest size over the smallest */
  growth: 2,
  /** at 5,000 articles: sitrep p99 over plain lunr p99 (CPU) */
  p99VersusPlain: 1,
  loadMsAt5000: 500,
  buildCpuSecondsPer1000: 8,
};

export function formatMs(ms: number | null): string {
  if (ms === null) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} KB`;
}

const n = (x: number) => x.toLocaleString('en-US');

function latency(r: EngineResult): string {
  const thread = Number.isFinite(r.threadP50Ms) ? `, main thread ${formatMs(r.threadP50Ms)} / ${formatMs(r.threadP99Ms)}` : '';
  return `${formatMs(r.cpuP50Ms)} / ${formatMs(r.cpuP99Ms)} (wall ${formatMs(r.p50Ms)} / ${formatMs(r.p99Ms)}${thread})`;
}

/** One table over the sizes of a run: sitrep's build, index, load and answers, plain lunr's answers beside. */
export function formatTable(results: CorpusResult[]): string {
  const lines = [
    '| articles | passages / terms | build CPU (per 1,000) | index raw / gzip | load CPU (wall) | heap held | sitrep answer p50 / p99 CPU | plain lunr p50 / p99 CPU | postings read p50 / max |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of [...results].sort((a, b) => a.articles - b.articles)) {
    const s = c.sitrep;
    lines.push(`| ${n(c.articles)} | ${n(c.passages)} / ${n(c.counts.terms ?? 0)} | ${formatMs(s.buildCpuMs)} (${(s.buildCpuMs / c.articles).toFixed(1)} s) | ${formatBytes(s.rawBytes)} / ${formatBytes(s.gzipBytes)} | ${formatMs(s.loadCpuMs)} (${formatMs(s.loadMs)}) | ${formatBytes(s.heapBytes)} | ${latency(s)} | ${latency(c.plain)} | ${n(s.postingsReadP50)} / ${n(s.postingsReadMax)} |`);
  }
  return lines.join('\n');
}

export function formatCorpora(results: CorpusResult[]): string {
  return [...results].sort((a, b) => a.articles - b.articles).map((c) =>
    `- ${n(c.articles)} articles: ${n(c.words)} words, ${n(c.corpus.sentences)} sentences (${(c.corpus.distinctSentenceShare * 100).toFixed(0)}% distinct), vocabulary ${n(c.corpus.vocabulary)} words, text gzips ${c.corpus.gzipRatio.toFixed(1)}x; sitrep answered ${c.sitrep.answered} of ${c.sitrep.samples}`).join('\n');
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The targets the sizes of this run can check. */
export function checkTargets(results: CorpusResult[]): TargetCheck[] {
  const sorted = [...results].sort((a, b) => a.articles - b.articles);
  const checks: TargetCheck[] = [];
  const small = sorted[0];
  const large = sorted.at(-1);
  if (small && large && large.articles > small.articles) {
    for (const key of ['cpuP50Ms', 'cpuP99Ms'] as const) {
      const growth = large.sitrep[key] / small.sitrep[key];
      checks.push({ target: `answer ${key === 'cpuP50Ms' ? 'p50' : 'p99'} (CPU) grows <= ${TARGETS.growth}x from ${n(small.articles)} to ${n(large.articles)} articles`, measured: `${growth.toFixed(2)}x (${formatMs(small.sitrep[key])} -> ${formatMs(large.sitrep[key])})`, met: growth <= TARGETS.growth });
    }
  }
  const at5k = sorted.find((c) => c.articles === 5000);
  if (at5k) {
    checks.push({ target: '5,000 articles: sitrep answer p99 <= plain lunr p99 (CPU, same questions, same postings rules)', measured: `${formatMs(at5k.sitrep.cpuP99Ms)} vs ${formatMs(at5k.plain.cpuP99Ms)}`, met: at5k.sitrep.cpuP99Ms <= at5k.plain.cpuP99Ms * TARGETS.p99VersusPlain });
    checks.push({ target: `5,000 articles: load <= ${TARGETS.loadMsAt5000} ms (CPU)`, measured: `${formatMs(at5k.sitrep.loadCpuMs)} (wall ${formatMs(at5k.sitrep.loadMs)})`, met: at5k.sitrep.loadCpuMs !== null && at5k.sitrep.loadCpuMs <= TARGETS.loadMsAt5000 });
  }
  for (const c of sorted) {
    const per1000 = c.sitrep.buildCpuMs / c.articles;
    checks.push({ target: `${n(c.articles)} articles: build <= ${TARGETS.buildCpuSecondsPer1000} s CPU per 1,000 articles (NLP annotation included)`, measured: `${per1000.toFixed(1)} s`, met: per1000 <= TARGETS.buildCpuSecondsPer1000 });
  }
  return checks;
}

export function formatTargets(checks: TargetCheck[]): string {
  return checks.map((c) => `- ${c.met ? 'met' : 'NOT met'}: ${c.target} - measured ${c.measured}`).join('\n');
}

export function formatSlowest(result: CorpusResult, count = 8): string {
  const lines = ['| question | intent | answered | CPU | wall | postings read |', '|---|---|---|---:|---:|---:|'];
  for (const q of result.sitrep.slowest.slice(0, count)) {
    lines.push(`| ${q.question.replace(/\|/g, '\\|')} | ${q.intent} | ${q.answered ? 'yes' : 'no'} | ${formatMs(q.cpuMs)} | ${formatMs(q.ms)} | ${n(q.postingsRead)} |`);
  }
  return lines.join('\n');
}
