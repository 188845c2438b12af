import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { loadConfig } from '../../src/index/config.ts';
import { startServer, type IntegrationFactory } from '../../src/index/node.ts';
import { fixedClock, ROOT, seedCorpus } from '../helpers/seed-corpus.ts';

interface RawResponse { status: number; headers: Record<string, string>; body: string }

/** A raw keep-alive HTTP/1.1 connection: what was read, parsed into responses, and how the socket ended. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = '';
  const responses: RawResponse[] = [];
  const ended = new Promise<'end' | string>((resolve) => {
    socket.on('end', () => resolve('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [statusLine, ...lines] = buffer.slice(0, headEnd).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      if (buffer.length < headEnd + 4 + length) return;
      responses.push({ status: Number(statusLine!.split(' ')[1]), headers, body: buffer.slice(headEnd + 4, headEnd + 4 + length) });
      buffer = buffer.slice(headEnd + 4 + length);
    }
  });
  const get = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  const waitFor = async (count: number) => {
    while (responses.length < count) await new Promise((r) => setTimeout(r, 5));
    return responses;
  };
  return { socket, get, waitFor, ended, responses };
}

describe('shutdown with keep-alive connections (Node)', () => {
  it('closes idle connections cleanly, and a busy one after its answer (Connection: close), never with a reset', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slow: IntegrationFactory = () => ({
      name: 'slow', status: { on: true, why: 'test' },
      routes: [{ path: '/test', app: new Hono().get('/slow', async (c) => { arrived(); await released; return c.text('done'); }) }],
    });
    const server = await startServer({
      config: loadConfig({ HOST: '127.0.0.1', PORT: '0' }), corpus: seedCorpus(), clock: fixedClock(), logger: silentLogger,
      integrations: [slow], shutdownTimeoutMs: 60_000,
    });
    const idle = rawConnection(server.port);
    idle.get('/healthz');
    expect((await idle.waitFor(1))[0]!.headers.connection).toBe('keep-alive');

    // A request in flight at shutdown, with another pipelined behind it on the same connection: the first is
    // answered with Connection: close, which tells the client to send the second again elsewhere.
    const busy = rawConnection(server.port);
    busy.get('/test/slow');
    await slowArrived;
    busy.get('/healthz');

    const closing = server.close();
    expect(await idle.ended).toBe('end');
    release();
    const [first] = await busy.waitFor(1);
    expect(first).toMatchObject({ status: 200, body: 'done', headers: { connection: 'close' } });
    expect(await busy.ended).toBe('end');
    await closing;
  });

  it('a request in flight at shutdown is answered with Connection: close', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slow: IntegrationFactory = () => ({
      name: 'slow', status: { on: true, why: 'test' },
      routes: [{ path: '/test', app: new Hono().get('/slow', async (c) => { arrived(); await released; return c.text('done'); }) }],
    });
    const server = await startServer({
      config: loadConfig({ HOST: '127.0.0.1', PORT: '0' }), corpus: seedCorpus(), clock: fixedClock(), logger: silentLogger,
      integrations: [slow], shutdownTimeoutMs: 60_000,
    });
    const busy = rawConnection(server.port);
    busy.get('/test/slow');
    await slowArrived;
    const closing = server.close();
    release();
    const [reply] = await busy.waitFor(1);
    expect(reply).toMatchObject({ status: 200, body: 'done', headers: { connection: 'close' } });
    expect(await busy.ended).toBe('end');
    await closing;
  });
});

describe('sitrep serve exits within its shutdown deadline', () => {
  it('with a request that never finishes, SIGTERM exits 0 within SITREP_SHUTDOWN_SECONDS', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT, env: { ...process.env, SITREP_API_TOKEN: '', PORT: '', SITREP_SHUTDOWN_SECONDS: '2' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        const match = /on\s+HTTP API\s+(http:\/\/\S+)\/v1\/ask/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    // A body that trickles in forever keeps this request open.
    const stuck = request(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    stuck.on('error', () => undefined);
    stuck.flushHeaders();
    stuck.write('{"question": ');
    const trickle = setInterval(() => stuck.write(' '), 200);
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    const elapsed = Date.now() - signalled;
    clearInterval(trickle);
    stuck.destroy();
    expect(code).toBe(0);
    const logs = stdout.trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string; ms?: number });
    expect(logs.find((l) => l.msg === 'stopped')?.ms).toBeLessThanOrEqual(2000);
    // the request cut at the deadline is logged as aborted, not as a server error
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
    // the process's own count is within the deadline; from outside, allow for signal delivery and exit
    expect(elapsed).toBeLessThan(2000 + 1500);
  });
});
