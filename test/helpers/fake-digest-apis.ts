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
  /** the post reaches the channel but no answer ever comes back (the poster dies waiting) */
  hang?: boolean;
  /** Slack only: answers only a post to (or history of) this channel; others pass it by */
  channel?: string;
}

export type ScriptKind = 'slack' | 'discord' | 'slack-history' | 'discord-messages';

/** A message as the fake channel keeps it: what conversations.history or Discord's channel messages return. */
interface ChannelMessage {
  id: string;
  at: number;
  /** Slack: the channel it was posted to (conversations.history lists one channel's messages) */
  channel?: string;
  json: Record<string, unknown>;
}

/**
 * A fake Slack Web API and Discord webhook on 127.0.0.1: records every request and answers from a per-path script
 * (then with the default). Posted messages are kept per channel, so conversations.history (Slack) and a bot's
 * GET /channels/ID/messages (Discord) find them, as a run recovering from a crash would look for its post.
 */
export interface FakeDigestApis {
  url: string;
  slackApiUrl: string;
  discordWebhookUrl: string;
  requests: RecordedRequest[];
  posts(kind: 'slack' | 'discord'): RecordedRequest[];
  /** answers the next requests to this kind with these responses, in order (a response with `channel`: only that channel's) */
  script(kind: ScriptKind, ...responses: ScriptedResponse[]): void;
  /** the channels of the Slack posts, in order */
  slackChannels(): string[];
  reset(): void;
  close(): Promise<void>;
}

const SLACK_PATH = '/slack/api/chat.postMessage';
const SLACK_HISTORY_PATH = '/slack/api/conversations.history';
const WEBHOOK_ID = '123';
const DISCORD_PATH = `/discord/api/webhooks/${WEBHOOK_ID}/token-abc`;
const DISCORD_CHANNEL = '2';
const DISCORD_MESSAGES_PATH = `/discord/api/v10/channels/${DISCORD_CHANNEL}/messages`;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

function kindOf(method: string, path: string): ScriptKind | null {
  if (method === 'POST' && path === SLACK_PATH) return 'slack';
  if (method === 'POST' && path === DISCORD_PATH) return 'discord';
  if (path === SLACK_HISTORY_PATH) return 'slack-history';
  if (method === 'GET' && path === DISCORD_MESSAGES_PATH) return 'discord-messages';
  return null;
}

export async function startFakeDigestApis(): Promise<FakeDigestApis> {
  const requests: RecordedRequest[] = [];
  const scripts: Record<ScriptKind, ScriptedResponse[]> = { slack: [], discord: [], 'slack-history': [], 'discord-messages': [] };
  const slackMessages: ChannelMessage[] = [];
  const discordMessages: ChannelMessage[] = [];
  let sequence = 0;
  const reset = () => {
    requests.length = 0;
    slackMessages.length = 0;
    discordMessages.length = 0;
    for (const list of Object.values(scripts)) list.length = 0;
  };

  /** Keeps a posted message in its channel and returns what the platform answers about it. */
  const keep = (kind: 'slack' | 'discord', body: string): Record<string, unknown> => {
    const now = Date.now();
    sequence++;
    let args: Record<string, unknown> = {};
    try { args = JSON.parse(body) as Record<string, unknown>; } catch { /* kept empty */ }
    if (kind === 'slack') {
      const ts = `${(now / 1000).toFixed(0)}.${String(sequence).padStart(6, '0')}`;
      const channel = typeof args.channel === 'string' ? args.channel : undefined;
      slackMessages.push({ id: ts, at: now, ...(channel ? { channel } : {}), json: { type: 'message', ts, text: args.text, bot_id: 'BDIGEST', metadata: args.metadata } });
      return { ok: true, channel: args.channel ?? 'C1', ts };
    }
    const id = (((BigInt(now) - DISCORD_EPOCH_MS) << 22n) + BigInt(sequence)).toString();
    const message = { id, channel_id: DISCORD_CHANNEL, webhook_id: WEBHOOK_ID, content: args.content ?? '', embeds: args.embeds ?? [] };
    discordMessages.push({ id, at: now, json: message });
    return message;
  };

  /** The Slack channel a request is about: a post's `channel`, or conversations.history's `channel` parameter. */
  const channelOf = (kind: ScriptKind | null, url: URL, body: string): string | undefined => {
    if (kind === 'slack-history') return url.searchParams.get('channel') ?? undefined;
    if (kind !== 'slack') return undefined;
    try { return (JSON.parse(body) as { channel?: string }).channel; } catch { return undefined; }
  };

  /** The next scripted response for this request: the first one for any channel or for the request's own. */
  const take = (kind: ScriptKind | null, channel: string | undefined): ScriptedResponse | undefined => {
    if (!kind) return undefined;
    const list = scripts[kind];
    const at = list.findIndex((r) => r.channel === undefined || r.channel === channel);
    return at < 0 ? undefined : list.splice(at, 1)[0];
  };

  const answer = (path: string, method: string, url: URL, headers: IncomingHttpHeaders, body: string): ScriptedResponse => {
    const kind = kindOf(method, path);
    const channel = channelOf(kind, url, body);
    const scripted = take(kind, channel);
    if (kind === 'slack' || kind === 'discord') {
      // A scripted error never reaches the channel; a hang or a success does.
      if (scripted && !scripted.hang) return scripted;
      const reply = keep(kind, body);
      return scripted ?? { status: 200, body: JSON.stringify(reply) };
    }
    if (scripted) return scripted;
    if (kind === 'slack-history') {
      if (!headers.authorization?.startsWith('Bearer ')) return { status: 200, body: JSON.stringify({ ok: false, error: 'not_authed' }) };
      const oldest = Number(url.searchParams.get('oldest') ?? 0);
      const withMetadata = url.searchParams.get('include_all_metadata') === 'true';
      const messages = slackMessages.filter((m) => Number(m.id) > oldest && (!channel || !m.channel || m.channel === channel)).reverse()
        .map((m) => (withMetadata ? m.json : { ...m.json, metadata: undefined }));
      return { status: 200, body: JSON.stringify({ ok: true, messages, has_more: false }) };
    }
    if (kind === 'discord-messages') {
      if (!headers.authorization?.startsWith('Bot ')) return { status: 401, body: JSON.stringify({ message: '401: Unauthorized', code: 0 }) };
      const after = BigInt(url.searchParams.get('after') ?? '0');
      return { status: 200, body: JSON.stringify(discordMessages.filter((m) => BigInt(m.id) > after).reverse().map((m) => m.json)) };
    }
    if (method === 'GET' && path === DISCORD_PATH) return { status: 200, body: JSON.stringify({ id: WEBHOOK_ID, type: 1, channel_id: DISCORD_CHANNEL, name: 'digest' }) };
    // /chat/...: the chat adapters' calls (a response_url, Discord's @original), answered like a Discord message
    if (path.startsWith('/chat/')) return { status: 200, body: JSON.stringify({ id: '1700000000000000099', channel_id: '2' }) };
    return { status: 404, body: '{}' };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      // Control routes, so tests inside workerd (which cannot reach this object) can script and read the fake.
      if (path.startsWith('/__')) {
        if (path === '/__reset') reset();
        if (path === '/__script') {
          const { kind, responses } = JSON.parse(body) as { kind: ScriptKind; responses: ScriptedResponse[] };
          scripts[kind].push(...responses);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(path === '/__requests' ? requests : { ok: true }));
        return;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const reply = answer(path, req.method ?? 'GET', url, req.headers, body);
      if (reply.hang) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    slackApiUrl: `${url}/slack/api/`,
    discordWebhookUrl: `${url}${DISCORD_PATH}`,
    requests,
    posts: (kind) => requests.filter((r) => r.method === 'POST' && r.path.split('?')[0] === (kind === 'slack' ? SLACK_PATH : DISCORD_PATH)),
    script: (kind, ...responses) => { scripts[kind].push(...responses); },
    slackChannels: () => requests.filter((r) => r.method === 'POST' && r.path.split('?')[0] === SLACK_PATH).map((r) => (JSON.parse(r.body) as { channel: string }).channel),
    reset,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
