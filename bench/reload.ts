// npm run bench:reload -- --data DIR [--adds 3]: how long `sitrep serve` keeps others waiting while it reloads its
// corpus after news arrives. DIR is a data folder (e.g. one kept by `npm run bench -- --articles 20000 --keep DIR`),
// copied first so it is left as it was. The server (a child process) is probed on /healthz every 20 ms (a probe that fails is counted), first with
// nothing else happening (the baseline), then while articles are added one at a time through POST /v1/articles: each
// add writes a segment and the server merges the corpus again and prepares it. Prints, per phase, the probes' latency
// p50 / p99 / worst and, per add, how long the add and its reload took.
import { spawn } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { data: { type: 'string' }, adds: { type: 'string', default: '3' }, baseline: { type: 'string', default: '3' } } });
if (!values.data) {
  console.error('usage: npm run bench:reload -- --data DIR [--adds 3] [--baseline 3]   (DIR: a data folder, copied first)');
  process.exit(2);
}
const TOKEN = 'bench-reload-token-0123456789abcdef';
/** Articles unlike each other (the ingest refuses a near copy of a recent article as a new one). */
const DISPATCHES = [
  { title: 'Border crossing reopens to traders', text: 'Officials reopened the northern border crossing on Sunday after talks between the two governments.\n\nTraders said 40 lorries crossed in the first hour.' },
  { title: 'Flood waters recede in the delta', text: 'Flood waters began to recede in the delta provinces on Monday, the disaster agency said.\n\nAbout 12,000 families remain in shelters.' },
  { title: 'Central bank holds interest rates', text: 'The central bank kept its benchmark rate at 2.5 percent at its quarterly meeting.\n\nThe governor said inflation had eased since March.' },
  { title: 'Rail strike halts commuter trains', text: 'Train drivers walked out at dawn over pay, halting commuter services across the capital.\n\nThe union said the strike would last 48 hours.' },
  { title: 'Vaccination drive reaches remote villages', text: 'Health workers carried vaccines by boat to 30 villages cut off by the rains.\n\nThe ministry said 9,000 children were immunised in a week.' },
];
const work = mkdtempSync(join(tmpdir(), 'sitrep-reload-bench-'));
const dataDir = join(work, 'data');
cpSync(values.data, dataDir, { recursive: true });
const logFile = join(work, 'server.log');
const log = openSync(logFile, 'w');
const child = spawn(process.execPath, [`${ROOT}bin/sitrep.js`, 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], {
  env: { ...process.env, SITREP_API_TOKEN: TOKEN, SITREP_RATE_LIMIT: '1000000', SITREP_LOG_LEVEL: 'info', SITREP_POLL_SECONDS: '3600' },
  stdio: ['ignore', log, log],
});
closeSync(log);
const lines = () => readFileSync(logFile, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; url?: string; ms?: number; articles?: number });
const until = async (what: string, test: () => boolean, ms = 600_000) => {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what}: not seen (server log ${logFile})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
try {
  await until('server start', () => lines().some((l) => l.msg === 'corpus prepared'));
  const url = lines().find((l) => l.msg === 'listening')!.url!;

  /** Probes /healthz every 20 ms while `during` runs; returns each probe's latency in ms. */
  let failed = 0;
  async function probe<T>(during: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
    const latencies: number[] = [];
    let stop = false;
    const prober = (async () => {
      while (!stop) {
        const start = performance.now();
        // a probe the server drops (a connection reset) counts as failed, with the time it took to fail
        const ok = await fetch(`${url}/healthz`).then(async (res) => (await res.text(), res.ok), () => false);
        latencies.push(performance.now() - start);
        if (!ok) failed++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const result = await during();
    stop = true;
    await prober;
    return { result, latencies };
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
  const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} ms | ${pct(xs, 99).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms |`;

  const { latencies: idle } = await probe(() => new Promise((resolve) => setTimeout(resolve, Number(values.baseline) * 1000)));
  const during: number[] = [];
  const adds: string[] = [];
  for (let n = 1; n <= Number(values.adds); n++) {
    const reloadsBefore = lines().filter((l) => l.msg === 'corpus reloaded').length;
    const { result, latencies } = await probe(async () => {
      const start = performance.now();
      const res = await fetch(`${url}/v1/articles`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ ...DISPATCHES[(n - 1) % DISPATCHES.length]!, published: new Date().toISOString().slice(0, 10) }),
      });
      if (res.status !== 201) throw new Error(`add ${n}: ${res.status} ${await res.text()}`);
      return performance.now() - start;
    });
    await until(`reload after add ${n}`, () => lines().filter((l) => l.msg === 'corpus reloaded').length > reloadsBefore);
    const reload = lines().filter((l) => l.msg === 'corpus reloaded').at(-1)!;
    during.push(...latencies);
    adds.push(`| ${n} | ${reload.articles} | ${result.toFixed(0)} ms | ${reload.ms} ms | ${Math.max(...latencies).toFixed(0)} ms |`);
  }
  console.log(`sitrep serve on a copy of ${values.data}: /healthz probed every 20 ms`);
  console.log('| phase | probes | p50 | p99 | worst |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('nothing else happening (baseline)', idle));
  console.log(row(`while ${adds.length} articles are added, one at a time`, during));
  console.log('\n| add | articles after | add request (incl. reload) | reload | worst probe meanwhile |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const line of adds) console.log(line);
  console.log(`\nprobes failed (connection reset or not 200): ${failed}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(work, { recursive: true, force: true });
}
