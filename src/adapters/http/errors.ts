import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes of the HTTP API; the message beside each is for people. */
export type ErrorCode =
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'invalid_question'
  | 'question_too_long'
  | 'payload_too_large'
  | 'unauthorized'
  | 'rate_limited'
  | 'not_found'
  | 'method_not_allowed'
  | 'index_unavailable'
  | 'bad_config'
  | 'internal';

/** The one error shape of every route: `{"error": {"code", "message"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode | (string & {}); message: string };
}

export function errorBody(code: ErrorBody['error']['code'], message: string): ErrorBody {
  return { error: { code, message } };
}

/** A JSON error reply; Slack, Discord and digest routes reuse it for their own 4xx. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: ErrorBody['error']['code'], message: string, headers?: Record<string, string>): Response {
  return c.json(errorBody(code, message), status, { 'Cache-Control': 'no-store', ...headers });
}

/** A JSON error reply without a hono Context (a Worker entry that failed before the app existed). */
export function jsonErrorResponse(status: number, code: ErrorBody['error']['code'], message: string): Response {
  return new Response(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

/** A named failure a handler throws; the app's single catch point turns it into a JSON error reply. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorBody['error']['code'],
    message: string,
    readonly headers?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpProblem';
  }
}
