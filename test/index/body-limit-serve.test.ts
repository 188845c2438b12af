import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { PLATFORM_MAX_BODY_BYTES } from '../../src/adapters/http/body-limit.ts';
import { loadConfig } from '../../src/index/config.ts';
import { createDiscordIntegration } from '../../src/index/discord-integration.ts';
import { startServer, type RunningServer } from '../../src/index/node.ts';
import { createSlackIntegration } from '../../src/index/slack-integration.ts';
import { seedCorpus } from '../helpers/seed-corpus.ts';

// Slack (Bolt, HTTP mode) and Discord (interactions endpoint) both on, as `sitrep serve` runs them.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }),
    corpus: seedCorpus(), clock: { now: () => new Date() }, logger: silentLogger,
    integrations: [
      createSlackIntegration({ source: { SLACK_SIGNING_SECRET: 'limit-test-secret', SLACK_BOT_TOKEN: 'xoxb-limit' } }),
      createDiscordIntegration(),
    ],
  });
});
afterAll(() => server?.close());

interface Outcome { status: number; body: string; bytesSent: number }

/**
 * POSTs an unsigned body that never ends (16 KiB chunks until the server answers), optionally declaring a huge
 * Content-Length instead of chunked encoding. Resolves with the reply and how much had been sent by then.
 */
function endlessPost(path: string, declareLength: boolean): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declareLength) headers['content-length'] = String(50 * 1024 * 1024);
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      answered = true;
      const sentAtReply = bytesSent;
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, bytesSent: sentAtReply });
      });
    });
    req.on('error', (error) => { if (!answered) reject(error); });
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const pump = () => {
      // 8 MiB is far past every limit: reaching it means the server is still reading.
      if (answered || req.destroyed || bytesSent > 8 * 1024 * 1024) return;
      bytesSent += chunk.length;
      req.write(chunk, () => setTimeout(pump, 2));
    };
    req.flushHeaders();
    pump();
  });
}

describe('every route caps the body while reading it, before any signature check (Node)', () => {
  for (const path of ['/slack/events', '/discord/interactions', '/v1/ask', '/nowhere']) {
    it(`${path}: a never-ending unsigned body gets 413 as soon as it passes the limit`, async () => {
      const outcome = await endlessPost(path, false);
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      // answered within a few chunks of the limit, so the body was never held whole (it has no end)
      expect(outcome.bytesSent).toBeLessThan(PLATFORM_MAX_BODY_BYTES + 1024 * 1024);
    });

    it(`${path}: a declared 50 MB body gets 413 before it is sent`, async () => {
      const outcome = await endlessPost(path, true);
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(outcome.bytesSent).toBeLessThan(1024 * 1024);
    });
  }

  it('still answers after six oversized bodies, with the heap where it was', async () => {
    const before = process.memoryUsage().heapUsed;
    await Promise.all(Array.from({ length: 6 }, (_, i) => endlessPost(i % 2 ? '/slack/events' : '/discord/interactions', false)));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
  });
});
