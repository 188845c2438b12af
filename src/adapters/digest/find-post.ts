import type { Digest } from '../../core/digest/digest-schema.ts';
import { renderDigestMessage } from '../discord/render-digest.ts';
import { renderDigestBlocks } from '../slack/render-digest.ts';
import { DEFAULT_SLACK_API_URL } from '../slack/web-api.ts';
import { DeliveryError } from './delivery-error.ts';

/** A post the platform accepted, with the id it gave it (null if it gave none). */
export interface Posted {
  postId: string | null;
}

/** The Slack message metadata type every digest post carries. */
export const DIGEST_EVENT_TYPE = 'sitrep_digest';
/** Posts are looked for from this long before the claim, for clocks that disagree a little. */
const LOOK_BACK_MS = 60_000;
const MAX_PAGES = 5;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

function failure(code: string): DeliveryError {
  return new DeliveryError(code);
}

/** GETs JSON (an object or an array); any failure is a DeliveryError naming `what`, never the URL. */
async function getJson(fetch: typeof globalThis.fetch, url: URL | string, headers: Record<string, string>, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    throw failure(`${what} unreachable: ${(error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw failure(`${what} failed: http_${response.status}`);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!body || typeof body !== 'object') throw failure(`${what} failed: invalid_response`);
  return body as Record<string, unknown>;
}

const SLACK_SCOPE_HINT: Record<string, string> = {
  missing_scope: ' (the app needs the channels:history scope, or groups:history for a private channel: add it and reinstall)',
  not_in_channel: ' (invite the bot to the channel)',
};

/** Slack: the channel's messages since `since` (conversations.history), looking for this digest's metadata or text. */
export async function findSlackPost(digest: Digest, since: Date, config: { token: string; channel: string; apiUrl?: string; fetch: typeof globalThis.fetch }): Promise<Posted | null> {
  const base = config.apiUrl ?? DEFAULT_SLACK_API_URL;
  const text = renderDigestBlocks(digest).text;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL('conversations.history', base.endsWith('/') ? base : `${base}/`);
    url.searchParams.set('channel', config.channel);
    url.searchParams.set('oldest', ((since.getTime() - LOOK_BACK_MS) / 1000).toFixed(6));
    url.searchParams.set('limit', '200');
    url.searchParams.set('include_all_metadata', 'true');
    if (cursor) url.searchParams.set('cursor', cursor);
    const body = await getJson(config.fetch, url, { authorization: `Bearer ${config.token}` }, 'slack conversations.history');
    if (body.ok !== true) {
      const code = typeof body.error === 'string' ? body.error : 'invalid_response';
      throw failure(`slack conversations.history failed: ${code}${SLACK_SCOPE_HINT[code] ?? ''}`);
    }
    const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
    const found = messages.find((m) => {
      const meta = m.metadata as { event_type?: unknown; event_payload?: { date?: unknown } } | undefined;
      return (meta?.event_type === DIGEST_EVENT_TYPE && meta.event_payload?.date === digest.date) || m.text === text;
    });
    if (found) return { postId: typeof found.ts === 'string' ? found.ts : null };
    cursor = (body.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
    if (!body.has_more || !cursor) return null;
  }
  return null;
}

/** A Discord snowflake for an instant: messages `after` it were sent after that instant. */
function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH_MS) << 22n).toString();
}

/**
 * Discord: the webhook's channel (the webhook URL tells it), then that channel's messages since `since`, read with
 * the bot token, looking for one this webhook posted with this digest's title.
 */
export async function findDiscordPost(digest: Digest, since: Date, config: { webhookUrl: string; botToken?: string; fetch: typeof globalThis.fetch }): Promise<Posted | null> {
  if (!config.botToken) {
    throw failure('cannot look in the Discord channel for the post a stopped run may have made: a webhook cannot read messages; set DISCORD_TOKEN (a bot that can read that channel)');
  }
  const url = new URL(config.webhookUrl);
  const match = /^(.*)\/webhooks\/(\d+)\/[^/]+\/?$/.exec(url.pathname);
  if (!match) throw failure('discord webhook URL is not /webhooks/ID/TOKEN');
  const [, prefix = '', webhookId] = match;
  const api = `${url.origin}${prefix}${/\/v\d+$/.test(prefix) ? '' : '/v10'}`;
  const webhook = await getJson(config.fetch, `${url.origin}${url.pathname}`, {}, 'discord webhook lookup');
  if (typeof webhook.channel_id !== 'string') throw failure('discord webhook lookup failed: no channel');
  const title = renderDigestMessage(digest).embeds?.[0]?.title;
  let after = snowflakeAt(since.getTime() - LOOK_BACK_MS);
  for (let page = 0; page < MAX_PAGES; page++) {
    const body: unknown = await getJson(config.fetch, `${api}/channels/${webhook.channel_id}/messages?limit=100&after=${after}`, { authorization: `Bot ${config.botToken}` }, 'discord channel messages');
    const messages = (Array.isArray(body) ? body : []) as Array<{ id?: string; webhook_id?: string; embeds?: Array<{ title?: string }> }>;
    const found = messages.find((m) => m.webhook_id === webhookId && m.embeds?.[0]?.title === title);
    if (found) return { postId: found.id ?? null };
    if (messages.length < 100) return null;
    after = messages.map((m) => BigInt(m.id ?? '0')).reduce((a, b) => (b > a ? b : a), 0n).toString();
  }
  return null;
}
