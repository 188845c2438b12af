import type { DiscordMessage } from './message.ts';

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api/v10';

/** The interaction webhook calls the endpoint makes after its first response: read and edit `@original`. */
export interface InteractionWebhook {
  /** edits the deferred response into the answer; resolves with the message id */
  editOriginal(applicationId: string, token: string, message: DiscordMessage): Promise<string | null>;
  /** the id of the response message (to know the thread a reply to it would start) */
  originalId(applicationId: string, token: string): Promise<string | null>;
}

/** The webhook over fetch; `apiUrl` is Discord's API base (a local fake in tests). The token is the interaction's own. */
export function fetchInteractionWebhook(options: { apiUrl?: string; fetch?: typeof fetch } = {}): InteractionWebhook {
  const base = (options.apiUrl ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const url = (applicationId: string, token: string) => `${base}/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}/messages/@original`;
  const idOf = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`Discord ${what} answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
    return typeof body?.id === 'string' ? body.id : null;
  };
  return {
    async editOriginal(applicationId, token, message) {
      // an edit keeps the visibility chosen when deferring; it takes no flags
      const { flags: _flags, ...body } = message;
      const response = await doFetch(url(applicationId, token), { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return idOf(response, 'edit of @original');
    },
    async originalId(applicationId, token) {
      return idOf(await doFetch(url(applicationId, token), { method: 'GET' }), 'read of @original');
    },
  };
}
