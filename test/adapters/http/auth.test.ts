import { describe, expect, it } from 'vitest';
import { checkBearer, constantTimeEqual } from '../../../src/adapters/http/auth.ts';
import { askRequest, makeTestApp } from '../../helpers/http-app.ts';

const TOKEN = 'correct-horse-battery-staple';

describe('bearer token', () => {
  it('compares secrets exactly, whatever their lengths', async () => {
    expect(await constantTimeEqual(TOKEN, TOKEN)).toBe(true);
    expect(await constantTimeEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(await constantTimeEqual(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(await constantTimeEqual('', TOKEN)).toBe(false);
  });

  it('reads the Authorization header', async () => {
    expect(await checkBearer(`Bearer ${TOKEN}`, TOKEN)).toBe('ok');
    expect(await checkBearer(`bearer ${TOKEN}`, TOKEN)).toBe('ok');
    expect(await checkBearer(undefined, TOKEN)).toBe('missing');
    expect(await checkBearer(`Basic ${TOKEN}`, TOKEN)).toBe('missing');
    expect(await checkBearer('Bearer ', TOKEN)).toBe('missing');
    expect(await checkBearer('Bearer nope', TOKEN)).toBe('invalid');
    expect(await checkBearer(`Bearer ${TOKEN} extra`, TOKEN)).toBe('missing');
  });

  it('guards /v1/* when set: 401 without or with a wrong token, 200 with the right one', async () => {
    const { app } = makeTestApp({ config: { apiToken: TOKEN } });
    const missing = await app.request('/v1/ask?q=latest');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    const wrong = await app.request('/v1/ask', askRequest({ question: 'latest' }, { Authorization: 'Bearer not-the-token' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('WWW-Authenticate')).toContain('invalid_token');
    const right = await app.request('/v1/ask', askRequest({ question: 'latest casualty figures' }, { Authorization: `Bearer ${TOKEN}` }));
    expect(right.status).toBe(200);
  });

  it('leaves the console and /healthz open', async () => {
    const { app } = makeTestApp({ config: { apiToken: TOKEN } });
    expect((await app.request('/')).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('is not required when unset', async () => {
    const { app } = makeTestApp();
    expect((await app.request('/v1/ask?q=latest+casualty+figures')).status).toBe(200);
  });
});
