import { callSlackApi, type SlackApiConfig } from './web-api.ts';

/** How the Slack flow talks back: Web API methods and response_url posts (Bolt's client on Node, fetch on Workers). */
export interface SlackOut {
  call(method: string, args: Record<string, unknown>): Promise<unknown>;
  /** posts to an interaction's or command's response_url */
  respond(responseUrl: string, message: Record<string, unknown>): Promise<void>;
}

/** A SlackOut over fetch: the Web API with the bot token (when there is one), response_url with a plain POST. */
export function fetchSlackOut(api: Partial<SlackApiConfig>): SlackOut {
  const doFetch = api.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    call: (method, args) => {
      if (!api.token) return Promise.reject(new Error(`Slack ${method} needs SLACK_BOT_TOKEN`));
      return callSlackApi(method, args, { ...api, token: api.token, fetch: doFetch });
    },
    respond: async (responseUrl, message) => {
      const response = await doFetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
      if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    },
  };
}
