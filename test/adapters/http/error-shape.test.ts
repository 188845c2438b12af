import { describe, expect, it } from 'vitest';
import { coreBriefDeps } from '../../../src/adapters/discord/deps.ts';
import { discordMount } from '../../../src/adapters/discord/routes.ts';
import { isErrorBody } from '../../../src/adapters/http/error-shape.ts';
import { silentLogger } from '../../../src/adapters/logger.ts';
import { createBoltSlack } from '../../../src/adapters/slack/bolt-app.ts';
import { createBoltRoute } from '../../../src/adapters/slack/bolt-route.ts';
import { MemoryDedupStore } from '../../../src/adapters/slack/dedup-store.ts';
import { createSlackEdgeRoute } from '../../../src/adapters/slack/edge-route.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { generateDiscordKeyPair, nowSeconds, signInteraction } from '../../helpers/discord-signing.ts';
import { makeTestApp } from '../../helpers/http-app.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';
import { signedHeaders } from '../../helpers/slack-sign.ts';

const SECRET = 'shape-test-signing-secret';
const clock = { now: () => new Date() };
const ask = (q: string) => answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() });

async function appWithPlatforms() {
  const keys = await generateDiscordKeyPair();
  const bolt = createBoltSlack({ ask, logger: silentLogger, botToken: 'xoxb-shape', signingSecret: SECRET });
  const { app } = makeTestApp({
    deps: {
      extraRoutes: [
        { path: '/slack/events', app: createBoltRoute(bolt.handle!) },
        { path: '/slack/edge', app: createSlackEdgeRoute({ ask, logger: silentLogger, signingSecret: SECRET, dedup: new MemoryDedupStore(), now: () => Date.now() }) },
        discordMount({ ...coreBriefDeps(() => Promise.resolve(seedCorpus()), clock, silentLogger), publicKey: keys.publicKey, clock }),
      ],
    },
  });
  return { app, keys };
}

async function expectShape(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body: unknown = await res.json();
  expect(isErrorBody(body)).toBe(true);
  const { error } = body as { error: { code: string; message: string } };
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  return error.message;
}

describe('one error shape on the Slack and Discord routes too', () => {
  it('Slack (Bolt on Node and the edge route): an unsigned or stale request is a 401 naming the signature headers', async () => {
    const { app } = await appWithPlatforms();
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
    for (const path of ['/slack/events', '/slack/edge']) {
      const unsigned = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(await expectShape(unsigned, 401, 'unauthorized')).toContain('X-Slack-Signature');
      const stale = await app.request(path, { method: 'POST', body, headers: await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000) - 600, 'application/json') });
      await expectShape(stale, 401, 'unauthorized');
    }
  });

  it('Slack: a signed body that is not a Slack payload is a 400 in the shape', async () => {
    const { app } = await appWithPlatforms();
    const body = '[1, 2';
    for (const path of ['/slack/events', '/slack/edge']) {
      const res = await app.request(path, { method: 'POST', body, headers: await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000), 'application/json') });
      await expectShape(res, 400, 'bad_request');
    }
  });

  it('Discord: unsigned (401), not JSON (400) and an unknown interaction type (400) keep their reason as the message', async () => {
    const { app, keys } = await appWithPlatforms();
    const unsigned = await app.request('/discord/interactions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":1}' });
    expect(await expectShape(unsigned, 401, 'unauthorized')).toContain('signature');
    const send = async (body: string) => app.request('/discord/interactions', { method: 'POST', body, headers: await signInteraction(keys.privateKey, body, nowSeconds()) });
    expect(await expectShape(await send('not json'), 400, 'bad_request')).toMatch(/JSON/);
    expect(await expectShape(await send('{"type": 99}'), 400, 'bad_request')).toContain('99');
  });

  it('keeps the replies that are not errors as they are: PONG and url_verification', async () => {
    const { app, keys } = await appWithPlatforms();
    const ping = '{"type":1}';
    const pong = await app.request('/discord/interactions', { method: 'POST', body: ping, headers: await signInteraction(keys.privateKey, ping, nowSeconds()) });
    expect(await pong.json()).toEqual({ type: 1 });
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-1' });
    const verified = await app.request('/slack/events', { method: 'POST', body, headers: await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000), 'application/json') });
    expect(await verified.json()).toEqual({ challenge: 'c-1' });
  });
});
