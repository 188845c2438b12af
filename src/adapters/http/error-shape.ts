import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { errorBody, type ErrorBody } from './errors.ts';

/** The code an error status gets when the route that answered did not name one. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 500: 'internal', 503: 'unavailable',
};

/** What a 401 on a platform route means, since the platform's own replies carry no text. */
const UNSIGNED: Array<[prefix: string, message: string]> = [
  ['/slack/', 'The request is not signed by Slack: X-Slack-Signature and X-Slack-Request-Timestamp (a whole number of seconds, within 5 minutes of now) are required.'],
  ['/discord/', 'The request is not signed by Discord: X-Signature-Ed25519 and X-Signature-Timestamp (within 5 minutes of now) are required.'],
];

/** True for `{"error": {"code": "...", "message": "..."}}` and nothing else. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const error = (value as { error?: unknown }).error as { code?: unknown; message?: unknown } | undefined;
  return keys.length === 1 && !!error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string';
}

function messageFor(status: number, path: string, text: string, parsed: unknown): string {
  const legacy = (parsed as { error?: unknown } | undefined)?.error;
  if (typeof legacy === 'string' && legacy.trim()) return legacy.trim().slice(0, 300);
  if (status === 401) for (const [prefix, message] of UNSIGNED) if (path.startsWith(prefix)) return message;
  // A short plain-text reason is kept; anything longer or multi-line could be a stack trace, and is not.
  if (parsed === undefined && text.trim() && text.length <= 200 && !/[\r\n]/.test(text)) return text.trim();
  return status >= 500 ? 'Something went wrong on our side.' : `The request was refused (HTTP ${status}).`;
}

/**
 * One error shape on every route: a 4xx/5xx that a sub-app (Bolt's receiver, the Slack and Discord routes) made in
 * its own way, such as an empty 401 or `{"error": "..."}`, is rewritten as `{"error": {"code", "message"}}`.
 */
export function oneErrorShape(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status < 400 || c.req.method === 'HEAD') return;
    const text = await res.clone().text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      parsed = undefined;
    }
    if (isErrorBody(parsed)) return;
    const headers = new Headers(res.headers);
    headers.delete('Content-Length');
    headers.set('Content-Type', 'application/json');
    headers.set('Cache-Control', 'no-store');
    const code = CODE_BY_STATUS[res.status] ?? (res.status >= 500 ? 'internal' : 'bad_request');
    const body = errorBody(code, messageFor(res.status, c.req.path, text, parsed));
    // Unset first: hono's setter would otherwise copy the old headers (a stale Content-Length among them) across.
    c.res = undefined;
    c.res = new Response(JSON.stringify(body), { status: res.status, headers });
  };
}
