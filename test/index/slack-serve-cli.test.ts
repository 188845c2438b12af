import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { ROOT } from '../helpers/seed-corpus.ts';
import { signedHeaders } from '../helpers/slack-sign.ts';

const SECRET = 'cli-serve-signing-secret';
const api = new FakeSlackApi();
beforeAll(async () => { await api.start(); });
afterAll(async () => { await api.stop(); });

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, PORT: '', SLACK_APP_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      const match = /on\s+HTTP API\s+(http:\/\/\S+)\/v1\/ask/.exec(stderr);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${stderr}`)); });
  });
  return { child, started, stderr: () => stderr };
}

describe('sitrep serve with Slack (child process)', () => {
  it('serves Slack on /slack/events of the same process and answers a mention in its thread', async () => {
    const { child, started, stderr } = serve({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_API_URL: api.url });
    const url = await started;
    try {
      expect(stderr()).toMatch(/on\s+slack\s+POST \/slack\/events/);
      const body = JSON.stringify({
        type: 'event_callback', team_id: 'T1', event_id: 'EvCli1', authorizations: [{ team_id: 'T1', user_id: 'UBOT' }],
        event: { type: 'app_mention', channel: 'C5', user: 'U1', text: '<@UBOT> who mediated the October accord', ts: '1700000500.000100' },
      });
      const headers = await signedHeaders(SECRET, body, Math.floor(Date.now() / 1000), 'application/json');
      expect((await fetch(`${url}/slack/events`, { method: 'POST', headers, body })).status).toBe(200);
      const [posted] = await api.waitForPosts(1, 10_000);
      expect(posted!.args).toMatchObject({ channel: 'C5', thread_ts: '1700000500.000100', text: expect.stringContaining('Malaysia') });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses to start on a bad Slack variable, naming it', async () => {
    const { child, started } = serve({ SLACK_BOT_TOKEN: 'not-a-bot-token', SLACK_SIGNING_SECRET: SECRET });
    const outcome = started.then(() => 'started', () => 'refused');
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(await outcome).toBe('refused');
    expect(stderr).toContain('SLACK_BOT_TOKEN: must be the bot token');
    expect(stderr).not.toContain('not-a-bot-token');
  });
});
