import type { Digest } from '../../core/digest/digest-schema.ts';
import { renderDigestMessage } from '../discord/render-digest.ts';
import { renderDigestBlocks } from '../slack/render-digest.ts';
import { postMessage } from '../slack/web-api.ts';
import type { Destination } from './ledger.ts';

/** Posts a digest to one destination; throws DeliveryError (or any error) when it was not posted. */
export interface DigestSender {
  destination: Destination;
  send(digest: Digest, fetch: typeof globalThis.fetch): Promise<void>;
}

/** A post that did not go through; `code` is short and safe to show in /healthz (no URL, no token). */
export class DeliveryError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'DeliveryError';
  }
}

/** Slack: chat.postMessage to a channel with the bot token (`apiUrl` points tests at a local fake Slack). */
export function slackSender(config: { token: string; channel: string; apiUrl?: string }): DigestSender {
  return {
    destination: 'slack',
    async send(digest, fetch) {
      const { text, blocks } = renderDigestBlocks(digest);
      try {
        await postMessage({ channel: config.channel, text, blocks }, { token: config.token, apiUrl: config.apiUrl, fetch });
      } catch (error) {
        throw new DeliveryError((error as Error).message.replace(/^Slack API /, 'slack '));
      }
    },
  };
}

/** Discord: an incoming webhook (`?wait=true` so Discord confirms the message was created). */
export function discordWebhookSender(config: { webhookUrl: string }): DigestSender {
  return {
    destination: 'discord',
    async send(digest, fetch) {
      const url = new URL(config.webhookUrl);
      url.searchParams.set('wait', 'true');
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(renderDigestMessage(digest)) });
      } catch (error) {
        throw new DeliveryError(`discord webhook unreachable: ${(error as Error).message}`);
      }
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new DeliveryError(`discord webhook failed: http_${response.status}`);
    },
  };
}
