import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import { loadConfig } from '../../src/index/config.ts';
import { startServer } from '../../src/index/node.ts';
import { createSlackIntegration } from '../../src/index/slack-integration.ts';
import { fixedClock, seedCorpus } from '../helpers/seed-corpus.ts';

async function notFoundMessage(env: Record<string, string>, path: string, source: Record<string, string> = {}): Promise<string> {
  const server = await startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), corpus: seedCorpus(), clock: fixedClock(), logger: silentLogger,
    integrations: [createSlackIntegration({ source })],
  });
  try {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    return body.error.message;
  } finally {
    await server.close();
  }
}

describe('a 404 on a chat surface that is off names the variable that turns it on (Node)', () => {
  it('Slack off: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN', async () => {
    const message = await notFoundMessage({}, '/slack/events');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).toContain('SLACK_BOT_TOKEN');
  });

  it('Slack in Socket Mode: says there is no HTTP route and why', async () => {
    const source = { SLACK_BOT_TOKEN: 'xoxb-socket', SLACK_APP_TOKEN: 'xapp-socket' };
    const message = await notFoundMessage(source, '/slack/events', source);
    expect(message).toMatch(/Socket Mode.*SLACK_APP_TOKEN/);
  });

  it('Discord off: DISCORD_PUBLIC_KEY', async () => {
    expect(await notFoundMessage({}, '/discord/interactions')).toContain('DISCORD_PUBLIC_KEY');
  });

  it('other unknown paths keep the plain list of routes', async () => {
    expect(await notFoundMessage({}, '/slackware')).toContain('the API is POST /v1/ask');
  });
});
