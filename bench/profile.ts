import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One row of a profile summary: a function (or a file) with its self and total time. */
export interface ProfileRow {
  name: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  phase: string;
  sampledMs: number;
  functions: ProfileRow[];
  files: ProfileRow[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

/** Self time (samples in the function itself) and total time (samples with it anywhere on the stack). */
export function summarizeProfile(phase: string, profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const fileKey = (n: ProfileNode) => (n.callFrame.url ? shortUrl(n.callFrame.url) : `(${n.callFrame.functionName || 'native'})`);
  // samples taken while the inspector itself stops the profiler are overhead, not the phase
  const overhead = new Set<number>();
  for (const n of profile.nodes) {
    for (let m: ProfileNode | undefined = n; m; m = byId.get(parent.get(m.id) ?? -1)) {
      if (m.callFrame.url.startsWith('node:inspector')) {
        overhead.add(n.id);
        break;
      }
    }
  }
  const tally = (keyOf: (n: ProfileNode) => string) => {
    const rows = new Map<string, ProfileRow>();
    const row = (name: string) => rows.get(name) ?? rows.set(name, { name, selfMs: 0, totalMs: 0 }).get(name)!;
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const leaf = byId.get(id);
      if (!leaf || overhead.has(id)) return;
      row(keyOf(leaf)).selfMs += ms;
      const seen = new Set<string>();
      for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
        const key = keyOf(n);
        if (!seen.has(key)) row(key).totalMs += ms;
        seen.add(key);
      }
    });
    return [...rows.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  };
  const sampledMs = profile.timeDeltas.reduce((sum, d, i) => (overhead.has(profile.samples[i]!) ? sum : sum + d), 0) / 1000;
  return { phase, sampledMs, functions: tally(fnKey), files: tally(fileKey) };
}

/** Runs fn under the V8 CPU profiler, writes the .cpuprofile (for Chrome DevTools) and returns its summary. */
export async function profilePhase(phase: string, outFile: string, fn: () => void): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    await writeFile(outFile, JSON.stringify(profile));
    return summarizeProfile(phase, profile);
  } finally {
    session.disconnect();
  }
}

/** A profile summary as text: the functions by self time, then source files by self time. */
export function formatProfile(summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / (summary.sampledMs || 1)).toFixed(1)}%`.padStart(6);
  const lines = [`--- profile: ${summary.phase} (${(summary.sampledMs / 1000).toFixed(2)} s sampled)`, '  self ms   self%  total ms  function'];
  for (const r of summary.functions) lines.push(`  ${r.selfMs.toFixed(0).padStart(7)} ${pct(r.selfMs)}  ${r.totalMs.toFixed(0).padStart(8)}  ${r.name}`);
  lines.push('  by file:');
  for (const r of summary.files.slice(0, 10)) lines.push(`  ${r.selfMs.toFixed(0).padStart(7)} ${pct(r.selfMs)}  ${r.totalMs.toFixed(0).padStart(8)}  ${r.name}`);
  return lines.join('\n');
}
