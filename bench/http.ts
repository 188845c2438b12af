// npm run bench:http: autocannon against `sitrep serve` on 127.0.0.1 (a child process, so the load generator and
// the server do not share an event loop): 50 connections for 10 s on /v1/ask with a mix of questions.
// Prints requests/s, latency p50/p99, errors and non-2xx (must be 0), and the server's memory before and after.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = { requestsPerSecond: 2000, p99Ms: 50 };

const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' } } });

/** Questions of every kind the engine answers, plus off-topic and hostile ones. */
const QUESTIONS = [
  'latest casualty figures', 'who mediated the October accord', 'How many people have been displaced?',
  'Where are the military talks being held?', "When is the defence ministers' dialogue scheduled?",
  'What did Thailand and Cambodia agree on?', 'How many Cambodian soldiers are to be released?', 'Who is Tea Seiha?',
  'How long is the border between Thailand and Cambodia?', 'What is Thailand asking Cambodia to do?',
  'What is the weather in Bangkok tomorrow?', 'title:ceasefire ~2 +-^ "unbalanced',
];

const requests = QUESTIONS.flatMap((q) => [
  { method: 'POST' as const, path: '/v1/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) },
  { method: 'GET' as const, path: `/v1/ask?q=${encodeURIComponent(q)}` },
]);

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function startServer(env: Record<string, string>) {
  // The limiter stays on (its cost is measured) with a limit one client cannot reach; request logs go to /dev/null.
  const child = spawn(process.execPath, [`${ROOT}bin/sitrep.js`, 'serve', '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, SITREP_API_TOKEN: '', SITREP_RATE_LIMIT: '1000000', SITREP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      const match = /HTTP API\s+(http:\/\/\S+)\/v1\/ask/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sitrep serve exited ${code}: ${stderr}`)));
  });
  return { child, url };
}

/** One load run against a fresh server started with `env`. */
async function measure(name: string, env: Record<string, string>) {
  const { child, url } = await startServer(env);
  try {
    const warm = await autocannon({ url, connections: 4, amount: 400, requests });
    if (warm.errors || warm.non2xx) throw new Error(`warm-up failed: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
    const before = rssMiB(child.pid!);
    const result = await autocannon({ url, connections: Number(values.connections), duration: Number(values.duration), requests });
    const after = rssMiB(child.pid!);
    return {
      name, url: `${url}/v1/ask`, connections: result.connections, durationSeconds: result.duration,
      requestsPerSecond: Math.round(result.requests.average), totalRequests: result.requests.total,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx,
      memoryMiB: { before, after },
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const runs = [
  await measure('default (answer cache on)', {}),
  await measure('answer cache off (SITREP_ANSWER_CACHE=0)', { SITREP_ANSWER_CACHE: '0' }),
];
const meets = runs[0]!.requestsPerSecond >= TARGET.requestsPerSecond && runs[0]!.latencyMs.p99 <= TARGET.p99Ms;
console.log(`sitrep serve under load: ${values.connections} connections for ${values.duration} s on /v1/ask, ${QUESTIONS.length} questions by POST and GET`);
for (const run of runs) {
  console.log(`${run.name}`);
  console.log(`  requests/s      ${run.requestsPerSecond} (${run.totalRequests} in all)`);
  console.log(`  latency         p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms`);
  console.log(`  errors          ${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx`);
  console.log(`  server memory   ${run.memoryMiB.before} MiB RSS before, ${run.memoryMiB.after} MiB after`);
}
console.log(`target (default settings): >= ${TARGET.requestsPerSecond} requests/s and p99 <= ${TARGET.p99Ms} ms: ${meets ? 'met' : 'NOT met'}`);
await mkdir(`${ROOT}bench/results`, { recursive: true });
await writeFile(`${ROOT}bench/results/http.json`, `${JSON.stringify({ target: TARGET, meets, runs }, null, 2)}\n`);
if (runs.some((r) => r.errors || r.timeouts || r.non2xx)) process.exitCode = 1;
