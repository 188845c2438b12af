// `sitrep digest --post` killed with SIGKILL at the two bad moments, then run again: each digest reaches each
// channel exactly once, at once (no 15-minute wait), and the second run says what it found.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDigestApis, type FakeDigestApis } from '../helpers/fake-digest-apis.ts';
import { copyOfData } from '../helpers/run-cli.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

let apis: FakeDigestApis;
beforeAll(async () => { apis = await startFakeDigestApis(); });
afterAll(async () => { await apis.close(); });
beforeEach(() => apis.reset());

const args = (data: string) => [join(ROOT, 'bin/sitrep.js'), 'digest', '--date', '2025-12-24', '--post', 'all', '--data', data];
const env = () => ({
  PATH: process.env.PATH ?? '', SITREP_ENV_FILE: 'none',
  SLACK_BOT_TOKEN: 'xoxb-crash', DIGEST_SLACK_CHANNEL: 'C0CRASH', SLACK_API_URL: apis.slackApiUrl,
  DIGEST_DISCORD_WEBHOOK_URL: apis.discordWebhookUrl, DISCORD_TOKEN: 'crash-bot-token',
});

function run(data: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args(data), { env: env(), timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

/** Starts a run and kills it with SIGKILL as soon as `moment` holds (which may also hold the run where it is). */
async function killWhen(data: string, moment: () => boolean): Promise<void> {
  const child = spawn(process.execPath, args(data), { env: env(), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  try {
    while (!moment()) {
      if (Date.now() > deadline) throw new Error('the moment never came');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

const ledgerText = (data: string) => (existsSync(join(data, 'digest-state.json')) ? readFileSync(join(data, 'digest-state.json'), 'utf8') : '');

describe('sitrep digest --post after kill -9', () => {
  it('killed after claiming, before sending: the next run posts once, at once', async () => {
    const data = copyOfData();
    // Both claims are on disk: taking the ledger's lock file then holds the run before its next write, which is
    // the one that precedes sending (it waits a second after claiming, so there is time to take it).
    await killWhen(data, () => {
      if (ledgerText(data).split('\\"claimed\\"').length < 3) return false;
      try {
        closeSync(openSync(join(data, 'digest-state.json.lock'), 'wx'));
        return true;
      } catch {
        return false; // the run holds it for a write just now: take it on the next look
      }
    });
    expect(apis.posts('slack')).toHaveLength(0);
    expect(apis.posts('discord')).toHaveLength(0);
    // a lock left by a killed process is the next run's to clear: sitrep's own, a lock file older than 30 s, goes
    // by age, which this test does not wait for
    rmSync(join(data, 'digest-state.json.lock'));
    const again = await run(data);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('digest 2025-12-24 -> slack: sent (a stopped run had not posted it)');
    expect(again.stderr).toContain('digest 2025-12-24 -> discord: sent (a stopped run had not posted it)');
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
  });

  it('killed after the post reached the API, before the answer: the next run finds it and posts nothing', async () => {
    const data = copyOfData();
    apis.script('slack', { status: 0, hang: true });
    apis.script('discord', { status: 0, hang: true });
    await killWhen(data, () => apis.posts('slack').length === 1 && apis.posts('discord').length === 1);
    const again = await run(data);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('digest 2025-12-24 -> slack: already_sent (found in the channel: a stopped run had posted it)');
    expect(again.stderr).toContain('digest 2025-12-24 -> discord: already_sent (found in the channel: a stopped run had posted it)');
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
    const third = await run(data);
    expect(third.stderr).toContain('slack: already_sent');
    expect(apis.posts('slack')).toHaveLength(1);
  });

  it('a claim held by a process that still runs: exit 75, nothing posted, and it says to try later', async () => {
    const data = copyOfData();
    const claim = (destination: string) => JSON.stringify({ state: 'claimed', runId: 'live', owner: `${hostname()}:${process.pid}`, at: new Date().toISOString() });
    writeFileSync(join(data, 'digest-state.json'), JSON.stringify({ 'digest:2025-12-24:slack': claim('slack'), 'digest:2025-12-24:discord': claim('discord') }));
    const blocked = await run(data);
    expect(blocked.code).toBe(75);
    expect(blocked.stderr).toContain('digest 2025-12-24 -> slack: in_progress (another run holds it: try again later)');
    expect(apis.posts('slack')).toHaveLength(0);
  });
});
