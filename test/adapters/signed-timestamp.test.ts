import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createDiscordRoutes } from '../../src/adapters/discord/routes.ts';
import { silentLogger } from '../../src/adapters/logger.ts';
import { checkSignedTimestamp } from '../../src/adapters/signed-timestamp.ts';
import { createBoltSlack } from '../../src/adapters/slack/bolt-app.ts';
import { createBoltRoute } from '../../src/adapters/slack/bolt-route.ts';
import { MemoryDedupStore } from '../../src/adapters/slack/dedup-store.ts';
import { createSlackEdgeRoute } from '../../src/adapters/slack/edge-route.ts';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { generateDiscordKeyPair, signInteraction } from '../helpers/discord-signing.ts';
import { fixedClock, seedCorpus } from '../helpers/seed-corpus.ts';
import { slackSignature } from '../helpers/slack-sign.ts';

const SECRET = 'timestamp-rule-secret';
const NOW_MS = Date.parse('2025-12-24T12:00:00Z');
const NOW = NOW_MS / 1000;
const ask = (q: string) => answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() });

/** Timestamps as a platform header would carry them, each signed correctly: only the timestamp rule decides. */
const REFUSED: Array<[string, string]> = [
  ['6 minutes ahead', String(NOW + 360)],
  ['a day ahead', String(NOW + 86_400)],
  ['6 minutes old', String(NOW - 360)],
  ['a fraction of a second', `${NOW}.5`],
  ['a sign', `+${NOW}`],
  ['an exponent', '1.7e9'],
  ['milliseconds', String(NOW_MS)],
];
const ACCEPTED: Array<[string, string]> = [['now', String(NOW)], ['4 minutes ahead', String(NOW + 240)], ['4 minutes old', String(NOW - 240)]];

async function slackRoutes() {
  const bolt = createBoltSlack({ ask, logger: silentLogger, botToken: 'xoxb-ts', signingSecret: SECRET, now: () => NOW_MS });
  const edge = createSlackEdgeRoute({ ask, logger: silentLogger, signingSecret: SECRET, dedup: new MemoryDedupStore(), now: () => NOW_MS });
  return { 'Slack on Node (Bolt)': createBoltRoute(bolt.handle!), 'Slack on Workers (edge route)': edge } as Record<string, Hono>;
}

async function slackPost(route: Hono, timestamp: string): Promise<number> {
  const body = JSON.stringify({ type: 'url_verification', challenge: 'ts' });
  const headers = { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': await slackSignature(SECRET, timestamp, body) };
  return (await route.request('/', { method: 'POST', headers, body })).status;
}

describe('one timestamp rule on every signed route: whole seconds, within 5 minutes either way', () => {
  it('the rule itself', () => {
    for (const [, value] of REFUSED) expect(checkSignedTimestamp(value, NOW_MS)).not.toBe('ok');
    for (const [, value] of ACCEPTED) expect(checkSignedTimestamp(value, NOW_MS)).toBe('ok');
    expect(checkSignedTimestamp(undefined, NOW_MS)).toBe('missing');
  });

  it('Slack, on Node and on Workers alike', async () => {
    for (const [name, route] of Object.entries(await slackRoutes())) {
      for (const [label, value] of REFUSED) expect({ name, label, status: await slackPost(route, value) }).toEqual({ name, label, status: 401 });
      for (const [label, value] of ACCEPTED) expect({ name, label, status: await slackPost(route, value) }).toEqual({ name, label, status: 200 });
    }
  });

  it('Discord', async () => {
    const keys = await generateDiscordKeyPair();
    const routes = createDiscordRoutes({
      publicKey: keys.publicKey, clock: fixedClock('2025-12-24T12:00:00Z'), ask, suggest: async () => [], logger: silentLogger,
    });
    const post = async (timestamp: string) => {
      const body = '{"type":1}';
      return (await routes.request('/interactions', { method: 'POST', body, headers: await signInteraction(keys.privateKey, body, timestamp) })).status;
    };
    for (const [label, value] of REFUSED) expect({ label, status: await post(value) }).toEqual({ label, status: 401 });
    for (const [label, value] of ACCEPTED) expect({ label, status: await post(value) }).toEqual({ label, status: 200 });
  });
});
