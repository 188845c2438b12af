// The timestamp rule inside workerd, through the Worker entry's Slack route: whole seconds within 5 minutes.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { slackSignature } from '../helpers/slack-sign.ts';

const secret = (env as unknown as { SLACK_SIGNING_SECRET: string }).SLACK_SIGNING_SECRET;

async function post(timestamp: string): Promise<Response> {
  const body = JSON.stringify({ type: 'url_verification', challenge: 'w-ts' });
  return SELF.fetch('https://sitrep.test/slack/events', {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': await slackSignature(secret, timestamp, body) },
  });
}

describe('the Worker applies the one timestamp rule', () => {
  it('refuses future, old and fractional timestamps with a 401 in the error shape, accepts a near one', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [String(now + 360), String(now + 86_400), String(now - 360), `${now}.5`]) {
      const res = await post(timestamp);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect(await (await post(String(now + 120))).json()).toEqual({ challenge: 'w-ts' });
  });
});
