import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { AnswerSchema } from '../../src/core/schema.ts';
import { loadConfig } from '../../src/index/config.ts';
import { startServer, type IntegrationFactory } from '../../src/index/node.ts';
import { fixedClock, ROOT, seedCorpus } from '../helpers/seed-corpus.ts';

describe('startServer (Node)', () => {
  it('serves the API on an ephemeral port and lets an in-flight request finish on close', async () => {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slow: IntegrationFactory = () => ({
      name: 'slow',
      status: { on: true, why: 'test' },
      routes: [{ path: '/test', app: new Hono().get('/slow', async (c) => { arrived(); await released; return c.text('done'); }) }],
      start: () => void events.push('start'),
      stop: () => void events.push('stop'),
    });
    const off: IntegrationFactory = () => ({ name: 'off', status: { on: false, why: 'not configured' }, start: () => void events.push('off-start') });
    const server = await startServer({
      config: loadConfig({ HOST: '127.0.0.1', PORT: '0' }), corpus: seedCorpus(), clock: fixedClock(), logger: silentLogger,
      integrations: [slow, off],
      // Far beyond the test's timeout: close() must not wait for the deadline to drop idle keep-alive connections.
      shutdownTimeoutMs: 120_000,
    });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(events).toEqual(['start']);

    const answer = AnswerSchema.parse(await (await fetch(`${server.url}/v1/ask?q=latest+casualty+figures`)).json());
    expect(answer.answered).toBe(true);

    const inFlight = fetch(`${server.url}/test/slow`).then(async (r) => `${r.status} ${await r.text()}`);
    await slowArrived;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    release();
    expect(await inFlight).toBe('200 done');
    await closing;
    expect(events).toEqual(['start', 'stop']);
  });
});

/** Starts a serving child process and waits for its start-up summary's API line. */
async function startChild(command: string, args: string[]) {
  const child = spawn(command, args, {
    cwd: ROOT, env: { ...process.env, SITREP_API_TOKEN: '', PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (output.stdout += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${output.stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      output.stderr += d;
      const match = /on\s+HTTP API\s+(http:\/\/\S+)\/v1\/ask/.exec(output.stderr);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output.stderr}`)));
  });
  return { child, url, output };
}

function logLines(stdout: string) {
  return stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; path?: string });
}

describe('sitrep serve (child process)', () => {
  it('starts with no token, says what is on and off, answers, and exits 0 on SIGTERM', async () => {
    const { child, url, output } = await startChild(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'serve', '--port', '0', '--host', '127.0.0.1']);
    try {
      expect(output.stderr).toMatch(/off\s+API token\s+SITREP_API_TOKEN is not set/);
      expect(output.stderr).toMatch(/on\s+rate limit/);
      expect(output.stderr).toMatch(/off\s+CORS/);
      const answer = AnswerSchema.parse(await (await fetch(`${url}/v1/ask?q=latest+casualty+figures`)).json());
      expect(answer.answered).toBe(true);
      expect(answer.citations.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const logs = logLines(output.stdout);
    expect(logs.some((l) => l.msg === 'request' && l.path === '/v1/ask')).toBe(true);
    expect(logs.at(-1)?.msg).toBe('stopped');
  });

  it('shuts down gracefully under `npm start` too: SIGTERM to npm reaches the server, which exits 0', async () => {
    const { child, url, output } = await startChild('npm', ['start', '--silent', '--', '--port', '0', '--host', '127.0.0.1']);
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(logLines(output.stdout).at(-1)?.msg).toBe('stopped');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on a bad variable, saying which and how to fix it', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'serve', '--port', '0'], {
      env: { ...process.env, SITREP_RATE_LIMIT: 'lots' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('SITREP_RATE_LIMIT="lots": must be a whole number');
  });
});
