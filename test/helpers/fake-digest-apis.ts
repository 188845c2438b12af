import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A fake Slack Web API and Discord webhook on 127.0.0.1: records every request and answers from a per-path script
 * (then with the default: Slack `{"ok":true}`, Discord 200 with a message object).
 */
export interface FakeDigestApis {
  url: string;
  slackApiUrl: string;
  discordWebhookUrl: string;
  requests: RecordedRequest[];
  posts(kind: 'slack' | 'discord'): RecordedRequest[];
  /** answers the next requests to this kind with these responses, in order */
  script(kind: 'slack' | 'discord', ...responses: ScriptedResponse[]): void;
  reset(): void;
  close(): Promise<void>;
}

const SLACK_PATH = '/slack/api/chat.postMessage';
const DISCORD_PATH = '/discord/api/webhooks/123/token-abc';

export async function startFakeDigestApis(): Promise<FakeDigestApis> {
  const requests: RecordedRequest[] = [];
  const scripts: Record<'slack' | 'discord', ScriptedResponse[]> = { slack: [], discord: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const body = Buffer.concat(chunks).toString('utf8');
      // Control routes, so tests inside workerd (which cannot reach this object) can script and read the fake.
      if (path.startsWith('/__')) {
        if (path === '/__reset') requests.length = 0, scripts.slack.length = 0, scripts.discord.length = 0;
        if (path === '/__script') {
          const { kind, responses } = JSON.parse(body) as { kind: 'slack' | 'discord'; responses: ScriptedResponse[] };
          scripts[kind].push(...responses);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(path === '/__requests' ? requests : { ok: true }));
        return;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const kind = path === SLACK_PATH ? 'slack' : path === DISCORD_PATH ? 'discord' : null;
      // /chat/...: the chat adapters' calls (a response_url, Discord's @original), answered like a Discord message
      const chat: ScriptedResponse | null = path.startsWith('/chat/') ? { status: 200, body: JSON.stringify({ id: '1700000000000000099', channel_id: '2' }) } : null;
      const scripted = kind ? scripts[kind].shift() : chat ?? { status: 404, body: '{}' };
      const fallback: ScriptedResponse = kind === 'slack'
        ? { status: 200, body: JSON.stringify({ ok: true, channel: 'C1', ts: '1.2' }) }
        : { status: 200, body: JSON.stringify({ id: '1', channel_id: '2' }) };
      const answer = scripted ?? fallback;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    slackApiUrl: `${url}/slack/api/`,
    discordWebhookUrl: `${url}${DISCORD_PATH}`,
    requests,
    posts: (kind) => requests.filter((r) => r.path.split('?')[0] === (kind === 'slack' ? SLACK_PATH : DISCORD_PATH)),
    script: (kind, ...responses) => { scripts[kind].push(...responses); },
    reset: () => { requests.length = 0; scripts.slack.length = 0; scripts.discord.length = 0; },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
