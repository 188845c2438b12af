import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from './errors.ts';

/** Slack's and Discord's own payloads are a few KiB: anything far larger is not from them. */
export const PLATFORM_MAX_BODY_BYTES = 64 * 1024;

/** Routes whose bodies come from a chat platform (signed by it) rather than from API clients. */
const PLATFORM_PREFIXES = ['/slack/', '/discord/'];

function tooLarge(limit: number): MiddlewareHandler {
  // hono's bodyLimit refuses a declared Content-Length above the limit without reading, and otherwise counts the
  // stream as it reads, stopping at the limit: no body is ever buffered whole before its size is known.
  return bodyLimit({
    maxSize: limit,
    onError: () => {
      // Connection: close, so Node stops reading whatever the client is still sending.
      throw new HttpProblem(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, { Connection: 'close' });
    },
  });
}

/**
 * Caps every request body before any handler (or signature check) reads it: `apiMaxBytes` on the API and
 * elsewhere, PLATFORM_MAX_BODY_BYTES on /slack/* and /discord/*. Over the cap: 413 at once.
 */
export function limitBodies(apiMaxBytes: number): MiddlewareHandler {
  const api = tooLarge(apiMaxBytes);
  const platform = tooLarge(PLATFORM_MAX_BODY_BYTES);
  return (c, next) => {
    // GET and HEAD carry no body; skipping them spares @hono/node-server building a full Request for each.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return PLATFORM_PREFIXES.some((p) => c.req.path.startsWith(p)) ? platform(c, next) : api(c, next);
  };
}
