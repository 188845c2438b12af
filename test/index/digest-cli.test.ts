import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestSchema } from '../../src/core/digest/digest-schema.ts';
import { nodeChatStore } from '../../src/index/node-chat-store.ts';
import { startFakeDigestApis, type FakeDigestApis } from '../helpers/fake-digest-apis.ts';
import { copyOfData, runCli } from '../helpers/run-cli.ts';
import { fixedClock, ROOT } from '../helpers/seed-corpus.ts';

/** The real bin in a child process, without blocking this process (the fake APIs answer from here). */
function runCliAsync(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin/sitrep.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('sitrep digest', () => {
  it('prints the digest for a date as text', () => {
    const { code, stdout } = runCli(['digest', '--date', '2025-12-23']);
    expect(code).toBe(0);
    expect(stdout).toContain('Daily digest for 23 December 2025: 1 new report');
    // civilian deaths are a first count of their own, not a fall from all deaths (issue 10 section 4)
    expect(stdout).toContain('killed: 20 (23 Dec, Cambodian Ministry of Interior), first reported; scope: civilian, Cambodia');
    expect(stdout).toContain('- 24 December 2025: Sihasak told reporters');
    expect(stdout).toMatch(/Sources\n\[1\] Thailand and Cambodia Agree to Meet Again/);
  });

  it('prints Digest JSON that matches the schema with --json', () => {
    const { code, stdout } = runCli(['digest', '--date', '2025-12-24', '--json']);
    expect(code).toBe(0);
    const digest = DigestSchema.parse(JSON.parse(stdout));
    expect(digest.upcoming.map((e) => e.date)).toContain('2025-12-27');
  });

  it('refuses a bad date and an unknown --post value with exit 1 and a message', () => {
    expect(runCli(['digest', '--date', '24/12/2025'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--date must be YYYY-MM-DD') });
    expect(runCli(['digest', '--post', 'email'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--post takes slack, discord or all') });
  });

  describe('--post', () => {
    let apis: FakeDigestApis;
    beforeAll(async () => { apis = await startFakeDigestApis(); });
    afterAll(async () => { await apis.close(); });

    it('posts to both destinations once per date, keeping the ledger in the data folder', async () => {
      const data = copyOfData();
      const env = { SLACK_BOT_TOKEN: 'xoxb-cli', DIGEST_SLACK_CHANNEL: 'C0CLI', SLACK_API_URL: apis.slackApiUrl, DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl };
      const first = await runCliAsync(['digest', '--date', '2025-12-24', '--post', 'all', '--data', data], env);
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('digest 2025-12-24 -> slack: sent');
      expect(first.stderr).toContain('digest 2025-12-24 -> discord: sent');
      const second = await runCliAsync(['digest', '--date', '2025-12-24', '--post', 'all', '--data', data], env);
      expect(second.stderr).toContain('digest 2025-12-24 -> slack: already_sent');
      expect(apis.posts('slack')).toHaveLength(1);
      expect(apis.posts('discord')).toHaveLength(1);
      expect(existsSync(join(data, 'digest-state.json'))).toBe(true);
      expect(readFileSync(join(data, 'digest-state.json'), 'utf8')).not.toContain('xoxb');
    });

    it('posts by the channel settings /brief config saved in the data folder, once per date and channel', async () => {
      apis.reset();
      const data = copyOfData();
      // what `sitrep serve` saved when people typed /brief config digest on|off in these channels
      const settings = nodeChatStore(data, fixedClock());
      await settings.saveChannelSettings('C0CLI', { digest: false });
      await settings.saveChannelSettings('C0ON', { digest: true });
      await settings.saveChannelSettings('C0GONE', { digest: true });
      apis.script('slack', { status: 200, body: '{"ok":false,"error":"channel_not_found"}', channel: 'C0GONE' });
      const env = { SLACK_BOT_TOKEN: 'xoxb-cli-secret', DIGEST_SLACK_CHANNEL: 'C0CLI', SLACK_API_URL: apis.slackApiUrl };
      const first = await runCliAsync(['digest', '--date', '2025-12-24', '--post', 'slack', '--data', data], env);
      expect(first.code).toBe(1);
      expect(first.stderr).toContain('digest 2025-12-24 -> slack: off (the channel turned the digest off with /brief config digest off)');
      expect(first.stderr).toContain('digest 2025-12-24 -> slack:C0ON: sent');
      expect(first.stderr).toContain('digest 2025-12-24 -> slack:C0GONE: failed (slack chat.postMessage failed: channel_not_found)');
      expect(first.stderr).not.toContain('xoxb-cli-secret');
      const second = await runCliAsync(['digest', '--date', '2025-12-24', '--post', 'slack', '--data', data], env);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('digest 2025-12-24 -> slack:C0ON: already_sent');
      expect(second.stderr).toContain('digest 2025-12-24 -> slack:C0GONE: sent');
      expect(apis.slackChannels().sort()).toEqual(['C0GONE', 'C0GONE', 'C0ON']);
    });

    it('exits 1 when a destination fails, after posting to the other', async () => {
      apis.reset();
      apis.script('discord', { status: 404, body: '{"message":"Unknown Webhook"}' });
      const env = { SLACK_BOT_TOKEN: 'xoxb-cli', DIGEST_SLACK_CHANNEL: 'C0CLI', SLACK_API_URL: apis.slackApiUrl, DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl };
      const run = await runCliAsync(['digest', '--date', '2025-12-23', '--post', 'all', '--data', copyOfData()], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('discord: failed (discord webhook failed: http_404)');
      expect(apis.posts('slack')).toHaveLength(1);
    });
  });
});
