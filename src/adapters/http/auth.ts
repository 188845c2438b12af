import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './errors.ts';

export type BearerCheck = 'ok' | 'missing' | 'invalid';

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Compares two secrets in time that depends on neither: both are hashed first, so lengths leak nothing either. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0 && x.length === y.length;
}

/** Checks an `Authorization` header against the expected bearer token. */
export async function checkBearer(header: string | undefined, token: string): Promise<BearerCheck> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  if (!match) return 'missing';
  return (await constantTimeEqual(match[1]!, token)) ? 'ok' : 'invalid';
}

/** Requires `Authorization: Bearer <token>`; a 401 JSON error otherwise. */
export function bearerAuth(token: string): MiddlewareHandler {
  return async (c, next) => {
    const result = await checkBearer(c.req.header('Authorization'), token);
    if (result === 'ok') return next();
    const challenge = result === 'missing' ? 'Bearer realm="sitrep"' : 'Bearer realm="sitrep", error="invalid_token"';
    const message = result === 'missing'
      ? 'This API needs a token: send the header "Authorization: Bearer <SITREP_API_TOKEN>".'
      : 'The bearer token is not valid.';
    throw new HttpProblem(401, 'unauthorized', message, { 'WWW-Authenticate': challenge });
  };
}
