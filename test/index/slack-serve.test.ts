import { SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger, silentLogger } from '../../src/adapters/logger.ts';
import { createBoltSlack } from '../../src/adapters/slack/bolt-app.ts';
import { findBlockProblem, type Block } from '../../src/adapters/slack/blocks.ts';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { loadConfig } from '../../src/index/config.ts';
import { startServer, type RunningServer } from '../../src/index/node.ts';
import { loadSlackConfig } from '../../src/index/slack-config.ts';
import { createSlackIntegration } from '../../src/index/slack-integration.ts';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { fixedClock, seedCorpus } from '../helpers/seed-corpus.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const SECRET = 'serve-test-signing-secret';
const clock = { now: () => new Date() };
const api = new FakeSlackApi();
const logged: string[] = [];
let server: RunningServer;

beforeAll(async () => {
  await api.start();
  server = await startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1' }), corpus: seedCorpus(), clock,
    logger: createJsonLogger({ write: (line) => logged.push(line), clock }),
    integrations: [createSlackIntegration({ source: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-serve', SLACK_API_URL: api.url } })],
  });
});
afterAll(async () => {
  await server?.close();
  await api.stop();
});

async function post(body: string, contentType: string, ageSec = 0) {
  const headers = await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000) - ageSec, contentType);
  return fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST', headers, body });
}

describe('sitrep serve with Slack in HTTP mode', () => {
  it('says Slack is on, on POST /slack/events, beside the HTTP API', async () => {
    expect(server.integrations.find((i) => i.name === 'slack')?.status).toEqual({ on: true, why: 'POST /slack/events' });
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it('acknowledges a signed /brief through Bolt, then answers through response_url with rendered blocks', async () => {
    const body = new URLSearchParams({ command: '/brief', text: 'who mediated the October accord', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: `${api.url}r`, trigger_id: '1' }).toString();
    const res = await post(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: 'Looking into: who mediated the October accord' });
    const [answered] = await api.waitFor('r', 1);
    const reply = answered!.args as unknown as { response_type: string; text: string; blocks: Block[] };
    expect(reply).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Malaysia') });
    expect(findBlockProblem(reply)).toBeNull();
  });

  it('answers a signed mention in its thread through the fake Slack API', async () => {
    const body = JSON.stringify({
      type: 'event_callback', team_id: 'T1', event_id: 'EvServe1', authorizations: [{ team_id: 'T1', user_id: 'UBOT' }],
      event: { type: 'app_mention', channel: 'C7', user: 'U1', text: '<@UBOT> latest casualty figures', ts: '1700000100.000100' },
    });
    expect((await post(body, 'application/json')).status).toBe(200);
    const [posted] = await api.waitForPosts(1);
    expect(posted!.token).toBe('xoxb-serve');
    expect(posted!.args).toMatchObject({ channel: 'C7', thread_ts: '1700000100.000100', text: expect.stringMatching(/^Killed/) });
  });

  it('refuses a stale request with 401', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    expect((await post(body, 'application/json', 6 * 60)).status).toBe(401);
  });
});

describe('Slack configuration', () => {
  it('stays off with only the digest\'s bot token, and names what to set', async () => {
    const integration = await createSlackIntegration({ source: { SLACK_BOT_TOKEN: 'xoxb-1' } })({ config: loadConfig({}), corpus: seedCorpus(), clock, logger: silentLogger });
    expect(integration.status).toEqual({ on: false, why: expect.stringContaining('SLACK_SIGNING_SECRET') });
  });
  it('refuses a bot token that is not one, without echoing it', () => {
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xapp-secret-value' })).toThrow(/SLACK_BOT_TOKEN: must be the bot token/);
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xapp-secret-value' })).not.toThrow(/secret-value/);
    expect(() => loadSlackConfig({ SLACK_BRIEF_VISIBILITY: 'everyone' })).toThrow(/must be public or private/);
  });
  it('chooses Socket Mode when SLACK_APP_TOKEN is set, with no HTTP route', async () => {
    const integration = await createSlackIntegration({ source: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' } })({ config: loadConfig({}), corpus: seedCorpus(), clock, logger: silentLogger });
    expect(integration.status).toEqual({ on: true, why: 'Socket Mode' });
    expect(integration.routes).toEqual([]);
  });
});

describe('Slack in Socket Mode (wiring; no connection is made)', () => {
  it('dispatches a Socket Mode event to the same listeners, which answer in the thread', async () => {
    const socketApi = await new FakeSlackApi().start();
    try {
      const slack = createBoltSlack({
        ask: (q) => answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() }), logger: silentLogger,
        botToken: 'xoxb-socket', appToken: 'xapp-socket', clientOptions: { slackApiUrl: socketApi.url },
      });
      expect(slack.mode).toBe('socket');
      expect(slack.receiver).toBeInstanceOf(SocketModeReceiver);
      let acked = 0;
      const body = {
        type: 'event_callback', team_id: 'T1', event_id: 'EvSocket1', authorizations: [{ team_id: 'T1', user_id: 'UBOT' }],
        event: { type: 'app_mention', channel: 'C3', user: 'U1', text: '<@UBOT> <!here> who mediated', ts: '1700000200.000100' },
      };
      (slack.receiver as SocketModeReceiver).client.emit('slack_event', { body, ack: async () => { acked++; }, retry_num: 0 });
      const [posted] = await socketApi.waitForPosts(1);
      expect(acked).toBe(1);
      expect(posted!.args).toMatchObject({ channel: 'C3', thread_ts: '1700000200.000100' });
      expect(JSON.stringify(posted!.args)).not.toContain('<!here>');
    } finally {
      await socketApi.stop();
    }
  });
});
