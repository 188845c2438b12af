import type { Digest } from '../../core/digest/digest-schema.ts';
import { renderDigestMessage } from '../discord/render-digest.ts';
import { renderDigestBlocks } from '../slack/render-digest.ts';
import { postMessage, SlackApiError } from '../slack/web-api.ts';
import { DeliveryError } from './delivery-error.ts';
import { DIGEST_EVENT_TYPE, findDiscordPost, findSlackPost, type Posted } from './find-post.ts';
import type { Destination } from './ledger.ts';

export { DeliveryError } from './delivery-error.ts';
export type { Posted } from './find-post.ts';

/** Posts a digest to one destination; throws DeliveryError (or any error) when it was not posted. */
export interface DigestSender {
  destination: Destination;
  send(digest: Digest, fetch: typeof globalThis.fetch): Promise<Posted>;
  /**
   * Looks for this digest among the channel's posts since `since` (each post carries a marker the bot can find):
   * the post, or null when it is not there. Throws (DeliveryError) when it cannot look.
   */
  findPost(digest: Digest, since: Date, fetch: typeof globalThis.fetch): Promise<Posted | null>;
}

/** An HTTP status after which the request may still have taken effect. */
const mayHaveLanded = (code: string) => /^(fetch_failed|http_5\d\d)/.test(code);

/**
 * Slack: chat.postMessage to a channel with the bot token (`apiUrl` points tests at a local fake Slack). `destination`
 * names it in the ledger: `slack` for DIGEST_SLACK_CHANNEL, `slack:CHANNEL` for a channel that turned the digest on.
 */
export function slackSender(config: { token: string; channel: string; apiUrl?: string; destination?: Destination }): DigestSender {
  return {
    destination: config.destination ?? 'slack',
    async send(digest, fetch) {
      const { text, blocks } = renderDigestBlocks(digest);
      try {
        // The metadata is the marker a later run finds with conversations.history (it is not shown to people).
        const posted = await postMessage({ channel: config.channel, text, blocks, metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { date: digest.date } } }, { token: config.token, apiUrl: config.apiUrl, fetch });
        return { postId: typeof posted.ts === 'string' ? posted.ts : null };
      } catch (error) {
        const code = error instanceof SlackApiError ? error.code : (error as Error).message;
        throw new DeliveryError((error as Error).message.replace(/^Slack API /, 'slack '), mayHaveLanded(code));
      }
    },
    findPost: (digest, since, fetch) => findSlackPost(digest, since, { ...config, fetch }),
  };
}

/**
 * Discord: an incoming webhook (`?wait=true` so Discord confirms the message and gives its id). Finding an earlier
 * post needs a bot token (DISCORD_TOKEN) allowed to read the webhook's channel: a webhook cannot list messages.
 */
export function discordWebhookSender(config: { webhookUrl: string; botToken?: string }): DigestSender {
  return {
    destination: 'discord',
    async send(digest, fetch) {
      const url = new URL(config.webhookUrl);
      url.searchParams.set('wait', 'true');
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(renderDigestMessage(digest)) });
      } catch (error) {
        throw new DeliveryError(`discord webhook unreachable: ${(error as Error).message}`, true);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new DeliveryError(`discord webhook failed: http_${response.status}`, response.status >= 500);
      }
      const message = (await response.json().catch(() => null)) as { id?: unknown } | null;
      return { postId: typeof message?.id === 'string' ? message.id : null };
    },
    findPost: (digest, since, fetch) => findDiscordPost(digest, since, { ...config, fetch }),
  };
}
