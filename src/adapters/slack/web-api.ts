import type { Block } from './blocks.ts';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** How to reach the Slack Web API: a bot token, and (for tests) another base URL and fetch. */
export interface SlackApiConfig {
  token: string;
  apiUrl?: string;
  fetch?: typeof fetch;
}

export interface PostMessageArgs {
  channel: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  /** message metadata (not shown to people): a marker the app can find again in conversations.history */
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
}

/** A Web API call Slack refused or that did not reach it; `code` is Slack's error string or `http_<status>`. */
export class SlackApiError extends Error {
  constructor(readonly method: string, readonly code: string) {
    super(`Slack API ${method} failed: ${code}`);
    this.name = 'SlackApiError';
  }
}

/** Calls one Slack Web API method with a JSON body; throws SlackApiError unless Slack answers ok. */
export async function callSlackApi(method: string, args: object, config: SlackApiConfig): Promise<Record<string, unknown>> {
  const base = config.apiUrl ?? DEFAULT_SLACK_API_URL;
  const url = `${base.endsWith('/') ? base : `${base}/`}${method}`;
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(args),
    });
  } catch (error) {
    throw new SlackApiError(method, `fetch_failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new SlackApiError(method, `http_${response.status}`);
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || body.ok !== true) throw new SlackApiError(method, typeof body?.error === 'string' ? body.error : 'invalid_response');
  return body;
}

/** chat.postMessage without link_names or unfurls: sitrep posts never ping and never expand previews. */
export function postMessage(args: PostMessageArgs, config: SlackApiConfig): Promise<Record<string, unknown>> {
  return callSlackApi('chat.postMessage', { ...args, link_names: false, unfurl_links: false, unfurl_media: false }, config);
}
