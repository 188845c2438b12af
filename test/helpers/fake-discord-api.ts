import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Discord API received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeDiscordApi {
  /** base URL for discord.js / @discordjs/rest's `api` option, e.g. http://127.0.0.1:PORT/api */
  api: string;
  requests: RecordedRequest[];
  /** resolves with the first request (already received or still to come) that matches, or rejects after timeoutMs */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

function message(body: unknown) {
  const data = (body ?? {}) as Record<string, unknown>;
  return {
    id: '1700000000000000001', channel_id: '1400000000000000001', type: 0, content: data.content ?? '', embeds: data.embeds ?? [],
    author: { id: '1200000000000000001', username: 'sitrep', discriminator: '0', avatar: null, bot: true },
    timestamp: '2025-12-24T12:00:00.000Z', edited_timestamp: null, tts: false, mention_everyone: false,
    mentions: [], mention_roles: [], attachments: [], pinned: false, flags: data.flags ?? 0, components: [],
  };
}

/** What Discord answers: 204 and no body for interaction callbacks (discord.js insists), JSON elsewhere. */
function respond(method: string, path: string, body: unknown): { status: number; json?: unknown } {
  if (method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
  if (method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
    return { status: 200, json: (body as Array<Record<string, unknown>>).map((c, i) => ({ id: String(1800000000000000001n + BigInt(i)), version: '1', ...c })) };
  }
  if (/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
    return method === 'DELETE' ? { status: 204 } : { status: 200, json: message(body) };
  }
  if (method === 'POST' && /^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(path)) return { status: 200, json: message(body) };
  // The gateway needs a real token and a websocket: answer like Discord does for a bad token.
  if (method === 'GET' && path === '/api/v10/gateway/bot') return { status: 401, json: { message: '401: Unauthorized', code: 0 } };
  return { status: 404, json: { message: 'Unknown route', code: 0 } };
}

/** A local stand-in for Discord's REST API on 127.0.0.1: records every request and answers like Discord would. */
export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let body: unknown = text;
      try { body = text ? JSON.parse(text) : null; } catch { /* keep the raw text */ }
      const recorded = { method: req.method ?? 'GET', path, headers: req.headers, body };
      requests.push(recorded);
      const { status, json } = respond(recorded.method, path, body);
      if (json === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      for (const waiter of waiters.filter((w) => w.match(recorded))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    waitFor(match, timeoutMs = 5000) {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake Discord API: no matching request within ${timeoutMs} ms; got ${requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`)), timeoutMs);
        waiters.push({ match, resolve: (r) => { clearTimeout(timer); resolve(r); } });
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
