// The Worker entry inside workerd: the same answers as on Node, health, auth and limits.
import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';

const bindings = inject('workerBindings');
const auth = { Authorization: `Bearer ${bindings.SITREP_API_TOKEN}` };
let nextClient = 0;
/** Each test asks from its own address, so the rate limit of one does not spill into another. */
const client = () => ({ 'CF-Connecting-IP': `192.0.2.${++nextClient}` });

type ErrorReply = { error: { code: string; message: string } };

function ask(question: string, headers: Record<string, string>) {
  return SELF.fetch('https://sitrep.test/v1/ask', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ question }),
  });
}

describe('the Worker', () => {
  it('gives the dev questions the same answers as Node', async () => {
    const expected = inject('nodeAnswers');
    expect(expected.length).toBeGreaterThan(0);
    const from = client();
    for (const { question, answer } of expected) {
      const res = await ask(question, { ...auth, ...from });
      expect(res.status, question).toBe(200);
      expect(await res.json(), question).toEqual(answer);
    }
  });

  it('answers GET /v1/ask?q= with a cited answer', async () => {
    const res = await SELF.fetch('https://sitrep.test/v1/ask?q=latest+casualty+figures', { headers: { ...auth, ...client() } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { answered: boolean; citations: unknown[] };
    expect(answer.answered).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('reports health from the bundled index, with no token', async () => {
    const res = await SELF.fetch('https://sitrep.test/healthz');
    expect(res.status).toBe(200);
    const health = (await res.json()) as Record<string, unknown>;
    const node = inject('nodeIndex');
    expect(health).toMatchObject({ status: 'ok', articles: node.articles, indexBuiltAt: node.builtAt });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('serves the console page', async () => {
    const res = await SELF.fetch('https://sitrep.test/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<label for="question">Question</label>');
  });

  it('requires the bearer token on /v1/*', async () => {
    const from = client();
    const missing = await ask('latest casualty figures', from);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as ErrorReply).error.code).toBe('unauthorized');
    const wrong = await ask('latest casualty figures', { ...from, Authorization: 'Bearer worker-test-token-0123456780' });
    expect(wrong.status).toBe(401);
    expect((await ask('latest casualty figures', { ...from, ...auth })).status).toBe(200);
  });

  it('refuses a 1 MB body (413) and a 10 KB question (400)', async () => {
    const from = client();
    const big = await ask('x'.repeat(1024 * 1024), { ...auth, ...from });
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorReply).error.code).toBe('payload_too_large');
    const long = await ask('casualties '.repeat(1000), { ...auth, ...from });
    expect(long.status).toBe(400);
    expect(((await long.json()) as ErrorReply).error.code).toBe('question_too_long');
  });

  it('answers unknown routes and wrong methods with JSON errors', async () => {
    const missing = await SELF.fetch('https://sitrep.test/nowhere');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorReply).error.code).toBe('not_found');
    const wrong = await SELF.fetch('https://sitrep.test/v1/ask', { method: 'PUT', headers: { ...auth, ...client() } });
    expect(wrong.status).toBe(405);
  });

  it('rate-limits each client: 429 with Retry-After past the limit', async () => {
    const from = client();
    const limit = Number(bindings.SITREP_RATE_LIMIT);
    for (let i = 0; i < limit; i++) expect((await SELF.fetch('https://sitrep.test/v1/ask?q=x', { headers: from })).status).toBe(401);
    const limited = await SELF.fetch('https://sitrep.test/v1/ask?q=latest', { headers: { ...auth, ...from } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('Retry-After'))).toBeLessThanOrEqual(Number(bindings.SITREP_RATE_LIMIT_WINDOW));
    expect((await ask('latest casualty figures', { ...auth, ...client() })).status).toBe(200);
  });
});
