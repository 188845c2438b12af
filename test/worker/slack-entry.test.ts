// Slack through the Worker entry (wrangler.toml's main) inside workerd: the route is mounted at /slack/events.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { findBlockProblem, type SlackMessage } from '../../src/adapters/slack/blocks.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const secret = (env as unknown as { SLACK_SIGNING_SECRET: string }).SLACK_SIGNING_SECRET;
const FORM = 'application/x-www-form-urlencoded';

async function post(body: string, contentType: string, ageSec = 0) {
  const headers = await signedHeaders(secret, body, Math.floor(Date.now() / 1000) - ageSec, contentType);
  return SELF.fetch('https://sitrep.test/slack/events', { method: 'POST', headers: { ...headers, 'CF-Connecting-IP': '198.51.100.7' }, body });
}
const command = (text: string) => new URLSearchParams({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.test/x', trigger_id: '1' }).toString();

describe('the Worker with SLACK_SIGNING_SECRET set', () => {
  it('answers a signed /brief with rendered blocks in the acknowledgement', async () => {
    const res = await post(command('<!channel> latest casualty figures'), FORM);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as SlackMessage & { response_type: string };
    expect(reply).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Killed: at least 80/) });
    expect(findBlockProblem(reply)).toBeNull();
    expect(JSON.stringify(reply)).not.toContain('<!channel>');
  });

  it('answers url_verification and refuses stale or unsigned requests', async () => {
    const verify = await post(JSON.stringify({ type: 'url_verification', challenge: 'w-1' }), 'application/json');
    expect(await verify.json()).toEqual({ challenge: 'w-1' });
    expect((await post(command('latest'), FORM, 6 * 60)).status).toBe(401);
    const unsigned = await SELF.fetch('https://sitrep.test/slack/events', { method: 'POST', headers: { 'content-type': FORM }, body: command('latest') });
    expect(unsigned.status).toBe(401);
  });
});
