// The body cap inside workerd: every route refuses an oversized body with 413 while reading it, before the
// Slack or Discord signature check, so an unsigned request can never make the Worker hold a large body.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index/worker.ts';

const LIMIT = 64 * 1024;

/** Calls the Worker entry in this isolate, so the body stream is read by the app itself, not piped over a socket. */
async function post(path: string, body: BodyInit): Promise<Response> {
  const request = new Request(`https://sitrep.test${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'CF-Connecting-IP': '198.51.100.9' }, body,
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A body that never ends, counting what the Worker pulled from it. */
function endlessBody() {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += 16 * 1024;
      controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
    },
  });
  return { stream, pulled };
}

describe('the Worker caps request bodies on every route', () => {
  for (const path of ['/slack/events', '/discord/interactions', '/v1/ask']) {
    it(`${path}: a never-ending unsigned body gets 413 JSON after at most a few chunks past the limit`, async () => {
      const { stream, pulled } = endlessBody();
      const res = await post(path, stream);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(pulled.bytes).toBeLessThan(LIMIT + 512 * 1024);
    });

    it(`${path}: a declared 5 MB body gets 413 without being read`, async () => {
      const res = await post(path, 'x'.repeat(5 * 1024 * 1024));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    });
  }
});
