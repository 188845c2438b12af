import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from './errors.ts';

/** Slack's and Discord's own payloads are a few KiB: anything far larger is not from them. */
export const PLATFORM_MAX_BODY_BYTES = 64 * 1024;

/** Routes whose bodies come from a chat platform (signed by it) rather than from API clients. */
const PLATFORM_PREFIXES = ['/slack/', '/discord/'];

/** Connection: close, so Node stops reading whatever the client is still sending. */
function tooLargeProblem(limit: number): HttpProblem {
  return new HttpProblem(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, { Connection: 'close' });
}

function tooLarge(limit: number): MiddlewareHandler {
  // hono's bodyLimit refuses a declared Content-Length above the limit without reading, and otherwise counts the
  // stream as it reads, stopping at the limit: no body is ever buffered whole before its size is known.
  return bodyLimit({
    maxSize: limit,
    onError: () => {
      throw tooLargeProblem(limit);
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
    const isPlatform = PLATFORM_PREFIXES.some((p) => c.req.path.startsWith(p));
    // A declared length without Transfer-Encoding is the body's exact length (the HTTP parser holds the client to
    // it): decide from the header alone. Touching the body (as hono's bodyLimit does) would make @hono/node-server
    // build a full Request and a web stream, about a tenth of a POST's cost; its text() reads the socket directly.
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && /^\d+$/.test(declared) && c.req.header('Transfer-Encoding') === undefined) {
      const limit = isPlatform ? PLATFORM_MAX_BODY_BYTES : apiMaxBytes;
      if (Number(declared) > limit) throw tooLargeProblem(limit);
      return next();
    }
    return isPlatform ? platform(c, next) : api(c, next);
  };
}
