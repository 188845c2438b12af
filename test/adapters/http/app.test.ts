import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../../src/core/schema.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { askRequest, makeTestApp } from '../../helpers/http-app.ts';

describe('the HTTP app', () => {
  it('answers POST /v1/ask with the same cited Answer the core gives', async () => {
    const { app, clock, corpus } = makeTestApp();
    const res = await app.request('/v1/ask', askRequest({ question: 'latest casualty figures' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const answer = AnswerSchema.parse(await res.json());
    expect(answer).toEqual(answerQuestion('latest casualty figures', { corpus, clock }));
    expect(answer.answered).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('answers GET /v1/ask?q= like POST', async () => {
    const { app } = makeTestApp();
    const viaGet = await (await app.request('/v1/ask?q=who+mediated+the+October+accord')).json();
    const viaPost = await (await app.request('/v1/ask', askRequest({ question: 'who mediated the October accord' }))).json();
    expect(viaGet).toEqual(viaPost);
  });

  it('says "not covered" for an off-topic question, citing nothing', async () => {
    const { app } = makeTestApp();
    const answer = AnswerSchema.parse(await (await app.request('/v1/ask?q=who+won+the+2022+world+cup')).json());
    expect(answer.answered).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it('reports health: status, article count, index build time and version', async () => {
    const { app, corpus } = makeTestApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok', articles: corpus.data.articles.length, indexBuiltAt: corpus.data.builtAt, version: '0.0.0-test',
      newest: corpus.data.articles[0]!.published,
    });
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    const { app } = makeTestApp();
    const fresh = await app.request('/healthz');
    expect(fresh.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request('/healthz', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(kept.headers.get('X-Request-Id')).toBe('abc-123');
    const replaced = await app.request('/nowhere', { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(replaced.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one structured line per request, without the question text', async () => {
    const { app, logger } = makeTestApp();
    const res = await app.request('/v1/ask?q=latest+casualty+figures');
    await app.request('/missing');
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatchObject({
      level: 'info', msg: 'request', method: 'GET', path: '/v1/ask', status: 200, intent: 'casualties', answered: true,
      requestId: res.headers.get('X-Request-Id'),
    });
    expect(JSON.stringify(logger.lines[0])).not.toContain('casualty');
    expect(logger.lines[1]).toMatchObject({ level: 'warn', status: 404, path: '/missing' });
  });

  it('serves the console page with a strict content security policy and no external resources', async () => {
    const { app } = makeTestApp();
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<label for="question">Question</label>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of ['/console.js', '/console.css']) {
      const r = await app.request(asset);
      expect(r.status).toBe(200);
      expect(await r.text()).not.toMatch(/innerHTML|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
  });

  it('adds CORS headers only for configured origins', async () => {
    const closed = makeTestApp().app;
    const none = await closed.request('/v1/ask?q=latest', { headers: { Origin: 'https://elsewhere.example' } });
    expect(none.headers.get('Access-Control-Allow-Origin')).toBeNull();

    const open = makeTestApp({ config: { corsOrigins: ['https://intranet.example'] } }).app;
    const allowed = await open.request('/v1/ask?q=latest', { headers: { Origin: 'https://intranet.example' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://intranet.example');
    const preflight = await open.request('/v1/ask', {
      method: 'OPTIONS',
      headers: { Origin: 'https://intranet.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    const other = await open.request('/v1/ask?q=latest', { headers: { Origin: 'https://elsewhere.example' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('mounts extra routes that receive the raw body, outside the /v1 token and body limits', async () => {
    const slack = new Hono().post('/events', async (c) => c.text(await c.req.text()));
    const { app } = makeTestApp({ config: { apiToken: 'a-long-enough-test-token', maxBodyBytes: 256 }, deps: { extraRoutes: [{ path: '/slack', app: slack }] } });
    const raw = `payload=${'x'.repeat(1000)}`;
    const res = await app.request('/slack/events', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: raw });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(raw);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('answers 503 when the index cannot be loaded, keeping the cause for the log only', async () => {
    const { app, logger } = makeTestApp({ deps: { getCorpus: () => Promise.reject(new Error('disk on fire')) } });
    const res = await app.request('/v1/ask?q=latest');
    expect(res.status).toBe(503);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('index_unavailable');
    expect(JSON.stringify(body)).not.toMatch(/disk on fire|at .*\.ts/);
    expect(logger.lines.some((l) => l.level === 'error' && (l.cause as Error | undefined)?.message === 'disk on fire')).toBe(true);
  });

  it('turns an unexpected exception into a 500 JSON error without a stack trace, and logs it', async () => {
    const boom = new Hono().get('/', () => {
      throw new Error('secret internals');
    });
    const { app, logger } = makeTestApp({ deps: { extraRoutes: [{ path: '/boom', app: boom }] } });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toContain(res.headers.get('X-Request-Id')!);
    expect(JSON.stringify(body)).not.toMatch(/secret internals|at .*\.ts/);
    expect(logger.lines.some((l) => l.level === 'error' && (l.error as Error | undefined)?.message === 'secret internals')).toBe(true);
  });
});
