import type { CorpusResult, EngineResult } from './run-corpus.ts';

/** Targets of the engine issue, checked on every run. */
export const TARGETS = {
  seedP99Ms: 5,
  largeP99Ratio: 2,
  largeLoadMs: 1000,
};

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} KB`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x` : '-';
}

const HEADER = '| corpus | engine | build | index raw / gzip | load | heap held after load (after answers) | answer p50 | answer p99 | p99 CPU time |';
const RULE = '|---|---|---:|---:|---:|---:|---:|---:|---:|';

function row(label: string, engine: string, r: EngineResult): string {
  return `| ${label} | ${engine} | ${formatMs(r.buildMs)} | ${formatBytes(r.rawBytes)} / ${formatBytes(r.gzipBytes)} | ${formatMs(r.loadMs)} | ${formatBytes(r.heapBytes)} (${formatBytes(r.heapAfterAnswersBytes)}) | ${formatMs(r.p50Ms)} | ${formatMs(r.p99Ms)} | ${formatMs(r.cpuP99Ms)} |`;
}

/** The results as a Markdown table: sitrep, plain lunr and their ratio for each corpus. */
export function formatTable(results: CorpusResult[]): string {
  const lines = [HEADER, RULE];
  for (const c of results) {
    const label = `${c.name}: ${c.articles.toLocaleString('en-US')} articles, ${c.passages.toLocaleString('en-US')} passages`;
    const s = c.sitrep;
    const p = c.plain;
    lines.push(row(label, 'sitrep', s));
    lines.push(row('', 'plain lunr', p));
    lines.push(`| | sitrep / plain | ${ratio(s.buildMs, p.buildMs)} | ${ratio(s.rawBytes, p.rawBytes)} / ${ratio(s.gzipBytes, p.gzipBytes)} | ${ratio(s.loadMs, p.loadMs)} | ${ratio(s.heapBytes, p.heapBytes)} | ${ratio(s.p50Ms, p.p50Ms)} | ${ratio(s.p99Ms, p.p99Ms)} | ${ratio(s.cpuP99Ms, p.cpuP99Ms)} |`);
  }
  return lines.join('\n');
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The targets against this run: seed p99, and at the largest corpus p99 against plain lunr and load time. */
export function checkTargets(results: CorpusResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const seed = results.find((r) => r.name === 'seed');
  if (seed) checks.push({ target: `seed corpus answer p99 <= ${TARGETS.seedP99Ms} ms`, measured: formatMs(seed.sitrep.p99Ms), met: seed.sitrep.p99Ms <= TARGETS.seedP99Ms });
  const large = [...results].filter((r) => r.name !== 'seed').sort((a, b) => b.articles - a.articles)[0];
  if (large) {
    const r = large.sitrep.p99Ms / large.plain.p99Ms;
    checks.push({ target: `${large.articles} articles: answer p99 <= ${TARGETS.largeP99Ratio}x plain lunr p99`, measured: `${r.toFixed(1)}x (${formatMs(large.sitrep.p99Ms)} vs ${formatMs(large.plain.p99Ms)})`, met: r <= TARGETS.largeP99Ratio });
    checks.push({ target: `${large.articles} articles: load <= ${formatMs(TARGETS.largeLoadMs)}`, measured: formatMs(large.sitrep.loadMs), met: large.sitrep.loadMs <= TARGETS.largeLoadMs });
  }
  return checks;
}

export function formatTargets(checks: TargetCheck[]): string {
  return checks.map((c) => `- ${c.met ? 'met' : 'NOT met'}: ${c.target} - measured ${c.measured}`).join('\n');
}

/** The slowest questions of a corpus (by median CPU time over the rounds), to show where answer time goes. */
export function formatSlowest(result: CorpusResult, count = 8): string {
  const lines = ['| question | intent | answered | median | max | median CPU time |', '|---|---|---|---:|---:|---:|'];
  for (const q of result.sitrep.byQuestion.slice(0, count)) {
    lines.push(`| ${q.question.replace(/\|/g, '\\|')} | ${q.intent} | ${q.answered ? 'yes' : 'no'} | ${formatMs(q.medianMs)} | ${formatMs(q.maxMs)} | ${formatMs(q.cpuMedianMs)} |`);
  }
  return lines.join('\n');
}

/** What the index file of a corpus is made of, largest part first. */
export function formatComposition(result: CorpusResult): string {
  const total = Object.values(result.composition).reduce((sum, b) => sum + b, 0) || 1;
  return Object.entries(result.composition)
    .filter(([, bytes]) => bytes / total >= 0.005)
    .map(([part, bytes]) => `${part} ${formatBytes(bytes)} (${((100 * bytes) / total).toFixed(0)}%)`)
    .join(', ');
}
