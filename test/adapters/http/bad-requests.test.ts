import { describe, expect, it } from 'vitest';
import { askRequest, makeTestApp } from '../../helpers/http-app.ts';

type ErrorReply = { error: { code: string; message: string } };

async function expectJsonError(res: Response, status: number, code: string): Promise<ErrorReply> {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  expect(res.headers.get('X-Request-Id')).toBeTruthy();
  const body = (await res.json()) as ErrorReply;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(body.error.message).not.toMatch(/\n\s+at /);
  return body;
}

describe('bad requests get a 4xx JSON error', () => {
  const { app } = makeTestApp();

  it('malformed JSON: 400 invalid_json', async () => {
    await expectJsonError(await app.request('/v1/ask', askRequest('{"question": "latest')), 400, 'invalid_json');
  });

  it('wrong content type: 415', async () => {
    const res = await app.request('/v1/ask', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"question":"latest"}' });
    await expectJsonError(res, 415, 'unsupported_media_type');
    const none = await app.request('/v1/ask', { method: 'POST', body: new Blob(['{"question":"latest"}']) });
    await expectJsonError(none, 415, 'unsupported_media_type');
  });

  it('accepts JSON with a charset parameter', async () => {
    const res = await app.request('/v1/ask', askRequest({ question: 'latest casualty figures' }, { 'Content-Type': 'application/json; charset=utf-8' }));
    expect(res.status).toBe(200);
  });

  it('missing, empty, blank or non-string question: 400 invalid_question', async () => {
    for (const body of [{}, { question: '' }, { question: '   \n' }, { question: 42 }, { question: null }, [], 'null', '"just a string"']) {
      await expectJsonError(await app.request('/v1/ask', askRequest(body)), 400, 'invalid_question');
    }
    await expectJsonError(await app.request('/v1/ask'), 400, 'invalid_question');
    await expectJsonError(await app.request('/v1/ask?q='), 400, 'invalid_question');
    await expectJsonError(await app.request('/v1/ask?q=%20%20'), 400, 'invalid_question');
  });

  it('a 1 MB body: 413, whether or not it declares its length', async () => {
    const big = JSON.stringify({ question: 'x'.repeat(1024 * 1024) });
    await expectJsonError(await app.request('/v1/ask', askRequest(big, { 'Content-Length': String(big.length) })), 413, 'payload_too_large');
    const stream = new Blob([big]).stream();
    const chunked = await app.request('/v1/ask', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    await expectJsonError(chunked, 413, 'payload_too_large');
  });

  it('a 10 KB question: 400 question_too_long, by POST and by GET', async () => {
    const question = 'casualties '.repeat(1000);
    const body = await expectJsonError(await app.request('/v1/ask', askRequest({ question })), 400, 'question_too_long');
    expect(body.error.message).toContain('500');
    await expectJsonError(await app.request(`/v1/ask?q=${encodeURIComponent(question)}`), 400, 'question_too_long');
  });

  it('unknown route: 404 not_found', async () => {
    await expectJsonError(await app.request('/v2/ask'), 404, 'not_found');
    await expectJsonError(await app.request('/v1/ask/extra'), 404, 'not_found');
  });

  it('wrong method: 405 with Allow', async () => {
    const res = await app.request('/v1/ask', { method: 'DELETE' });
    await expectJsonError(res, 405, 'method_not_allowed');
    expect(res.headers.get('Allow')).toMatch(/GET.*POST|POST.*GET/);
    await expectJsonError(await app.request('/healthz', { method: 'POST' }), 405, 'method_not_allowed');
  });

  it('wrong token: 401 when a token is set', async () => {
    const guarded = makeTestApp({ config: { apiToken: 'correct-horse-battery-staple' } }).app;
    await expectJsonError(await guarded.request('/v1/ask?q=latest', { headers: { Authorization: 'Bearer wrong-horse-battery-staple' } }), 401, 'unauthorized');
  });
});
