// Inside workerd, with SLACK_SIGNING_SECRET bound and DISCORD_PUBLIC_KEY not: /discord/* says what to set.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('the Worker names the variable a chat surface that is off needs', () => {
  it('POST /discord/interactions: 404 naming DISCORD_PUBLIC_KEY and the wrangler command', async () => {
    const res = await SELF.fetch('https://sitrep.test/discord/interactions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('npx wrangler secret put DISCORD_PUBLIC_KEY');
  });
});
