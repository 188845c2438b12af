// npm run bench:http: autocannon against `sitrep serve` on 127.0.0.1 (a child process, so the load generator and
// the server do not share an event loop): 50 connections for 10 s on /v1/ask.
// Headline: answer cache off, 600 distinct questions rotating (bench/questions.ts, by POST and GET), so every request
// is answered. Beside it, as a ratio: a minimal hono server on the same stack returning a fixed JSON body of an
// answer's size (bench/hono-minimal.ts, the ceiling on this machine), and sitrep with its cache on (the old 12
// questions, repeats). Prints requests/s, latency p50/p99, errors and non-2xx (must be 0), and server memory.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { newsNamePool } from './news-corpus.ts';
import { newsQuestions } from './questions.ts';
import { PLACE_NAMES } from './synthetic-vocab.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = { requestsPerSecond: 2000, p99Ms: 50, ratioToMinimal: 0.3 };

const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' } } });

/** Questions of every kind the engine answers, plus off-topic and hostile ones. */
const QUESTIONS = [
  'latest casualty figures', 'who mediated the October accord', 'How many people have been displaced?',
  'Where are the military talks being held?', "When is the defence ministers' dialogue scheduled?",
  'What did Thailand and Cambodia agree on?', 'How many Cambodian soldiers are to be released?', 'Who is Tea Seiha?',
  'How long is the border between Thailand and Cambodia?', 'What is Thailand asking Cambodia to do?',
  'What is the weather in Bangkok tomorrow?', 'title:ceasefire ~2 +-^ "unbalanced',
];

/** Every connection walks this list in turn (600 questions, by POST then GET): no cache could hold them, and none is on. */
const ROTATING = newsQuestions(20251224, 600, newsNamePool(20251224).slice(0, 2000), PLACE_NAMES);

const asRequests = (questions: string[]) => questions.flatMap((q) => [
  { method: 'POST' as const, path: '/v1/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) },
  { method: 'GET' as const, path: `/v1/ask?q=${encodeURIComponent(q)}` },
]);
const rotating = asRequests(ROTATING);
const repeated = asRequests(QUESTIONS);

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) a process has used, in ms (clock ticks of 10 ms): less inflated by a busy machine than requests/s. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function startServer(env: Record<string, string>, minimal = false) {
  // The limiter stays on (its cost is measured) with a limit one client cannot reach. The server's log (a line a
  // request) goes to a file, as a deployed server's would: piped to this process, which is busy running the load
  // generator, the pipe filled and each log write waited for it, which throttled sitrep and not the minimal server.
  const args = minimal ? ['--import', 'tsx', `${ROOT}bench/hono-minimal.ts`] : [`${ROOT}bin/sitrep.js`, 'serve', '--host', '127.0.0.1', '--port', '0'];
  const logDir = await mkdtemp(join(tmpdir(), 'sitrep-http-bench-'));
  const logFile = join(logDir, 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, SITREP_API_TOKEN: '', SITREP_RATE_LIMIT: '1000000', SITREP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', log],
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const started = Date.now();
  let url: string | undefined;
  while (!url) {
    const text = readFileSync(logFile, 'utf8');
    url = /(?:HTTP API|listening)\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    if (url) break;
    if (exited !== undefined || Date.now() - started > 60_000) throw new Error(`server did not start (exit ${exited}): ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () => {
    child.kill('SIGTERM');
    void rm(logDir, { recursive: true, force: true });
  };
  return { child, url, stop };
}

/** One load run against a fresh server started with `env`. */
async function measure(name: string, env: Record<string, string>, requests: typeof rotating, minimal = false) {
  const { child, url, stop } = await startServer(env, minimal);
  try {
    const warm = await autocannon({ url, connections: 4, amount: 400, requests });
    if (warm.errors || warm.non2xx) throw new Error(`warm-up failed: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
    const before = rssMiB(child.pid!);
    const loadBefore = load();
    const cpuBefore = cpuMs(child.pid!);
    const result = await autocannon({ url, connections: Number(values.connections), duration: Number(values.duration), requests });
    const cpuPerRequestMs = (cpuMs(child.pid!) - cpuBefore) / result.requests.total;
    const after = rssMiB(child.pid!);
    return {
      name, url: `${url}/v1/ask`, connections: result.connections, durationSeconds: result.duration,
      requestsPerSecond: Math.round(result.requests.average), totalRequests: result.requests.total,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx,
      memoryMiB: { before, after },
      // one server process each: sitrep serve and the minimal server alike
      processes: 1, serverCpuMsPerRequest: Math.round(cpuPerRequestMs * 1000) / 1000,
      loadAverage: { before: loadBefore, after: load() },
    };
  } finally {
    stop();
  }
}

// The size of a real answer, for the minimal server's fixed body.
const probe = await startServer({});
const answerBody = await (await fetch(`${probe.url}/v1/ask?q=${encodeURIComponent('latest casualty figures')}`)).text();
probe.stop();
const runs = [
  await measure(`uncached, ${ROTATING.length} rotating questions (SITREP_ANSWER_CACHE=0)`, { SITREP_ANSWER_CACHE: '0' }, rotating),
  await measure(`minimal hono server, fixed ${answerBody.length}-byte JSON`, { MINIMAL_BODY: answerBody }, rotating, true),
  await measure(`answer cache on, ${QUESTIONS.length} repeated questions`, {}, repeated),
];
const ratio = runs[0]!.requestsPerSecond / runs[1]!.requestsPerSecond;
const meets = ratio >= TARGET.ratioToMinimal;
const cpuRatio = runs[1]!.serverCpuMsPerRequest / runs[0]!.serverCpuMsPerRequest;
console.log(`under load: ${values.connections} connections for ${values.duration} s on /v1/ask, by POST and GET`);
for (const run of runs) {
  console.log(`${run.name}`);
  console.log(`  requests/s      ${run.requestsPerSecond} (${run.totalRequests} in all)`);
  console.log(`  latency         p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms`);
  console.log(`  errors          ${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx`);
  console.log(`  server          ${run.processes} process, ${run.serverCpuMsPerRequest} ms CPU a request, ${run.memoryMiB.before} MiB RSS before, ${run.memoryMiB.after} MiB after`);
  console.log(`  load average    ${run.loadAverage.before} before, ${run.loadAverage.after} after (1, 5, 15 min; 2 cores shared with the load generator)`);
}
console.log(`uncached sitrep / minimal hono, one process each: ${ratio.toFixed(2)}x of its requests/s (target >= ${TARGET.ratioToMinimal}x: ${meets ? 'met' : 'NOT met'}); uncached p99 ${runs[0]!.latencyMs.p99} ms`);
console.log(`by server CPU time a request (less sensitive to other load): ${cpuRatio.toFixed(2)}x (${runs[0]!.serverCpuMsPerRequest} ms against ${runs[1]!.serverCpuMsPerRequest} ms)`);
await mkdir(`${ROOT}bench/results`, { recursive: true });
await writeFile(`${ROOT}bench/results/http.json`, `${JSON.stringify({ target: TARGET, ratio, cpuRatio, meets, runs }, null, 2)}\n`);
if (runs.some((r) => r.errors || r.timeouts || r.non2xx)) process.exitCode = 1;
