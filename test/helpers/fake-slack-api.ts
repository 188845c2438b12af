import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** the bot token, from the Authorization header or (as @slack/web-api sends it) the form */
  token: string | undefined;
}

/** A local stand-in for slack.com/api on 127.0.0.1: records every call and answers like Slack. */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  private server: Server | null = null;
  url = '';

  posts(): SlackApiCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage');
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
        const args = parseArgs(raw, req.headers['content-type'] ?? '');
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : undefined);
        this.calls.push({ method, args, token });
        const reply = method === 'auth.test'
          ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }
          : method === 'chat.postMessage' ? { ok: true, ts: `${1_700_000_000 + this.calls.length}.000100` } : { ok: true };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  /** Resolves when `count` chat.postMessage calls have arrived; rejects after `timeoutMs`. */
  async waitForPosts(count: number, timeoutMs = 5000): Promise<SlackApiCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posts().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} chat.postMessage calls, got ${this.posts().length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.posts();
  }

  /** Resolves with the calls of `method` once there are `count` of them; rejects after `timeoutMs`. */
  async waitFor(method: string, count: number, timeoutMs = 5000): Promise<SlackApiCall[]> {
    const deadline = Date.now() + timeoutMs;
    const of = () => this.calls.filter((c) => c.method === method);
    while (of().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ${method} calls, got ${of().length}: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return of();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** @slack/web-api sends forms with JSON-encoded nested values; sitrep's own helper sends JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
