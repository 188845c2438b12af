// Slack through the Worker entry (wrangler.toml's main) inside workerd: the route is mounted at /slack/events.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { findBlockProblem, type SlackMessage } from '../../src/adapters/slack/blocks.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const secret = (env as unknown as { SLACK_SIGNING_SECRET: string }).SLACK_SIGNING_SECRET;
const FORM = 'application/x-www-form-urlencoded';

async function post(body: string, contentType: string, ageSec = 0) {
  const headers = await signedHeaders(secret, body, Math.floor(Date.now() / 1000) - ageSec, contentType);
  return SELF.fetch('https://sitrep.test/slack/events', { method: 'POST', headers: { ...headers, 'CF-Connecting-IP': '198.51.100.7' }, body });
}
// response_url points at the fake APIs on 127.0.0.1 (test/helpers/digest-worker-setup.ts), which record every request
const fake = inject('digestFakeApis');
const command = (text: string, path = '/chat/slack-entry-response') => new URLSearchParams({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: `${fake.url}${path}`, trigger_id: '1' }).toString();
async function recorded(path: string): Promise<Array<{ body: string }>> {
  const all = (await (await fetch(`${fake.url}/__requests`, { method: 'POST' })).json()) as Array<{ path: string; body: string }>;
  return all.filter((r) => r.path === path);
}

describe('the Worker with SLACK_SIGNING_SECRET set', () => {
  it('acknowledges a signed /brief at once and answers through response_url with rendered blocks', async () => {
    const res = await post(command('<!channel> latest casualty figures', '/chat/slack-entry-brief'), FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Looking into') });
    await expect.poll(async () => (await recorded('/chat/slack-entry-brief')).length, { timeout: 5000 }).toBe(1);
    const reply = JSON.parse((await recorded('/chat/slack-entry-brief'))[0]!.body) as SlackMessage & { response_type: string };
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
