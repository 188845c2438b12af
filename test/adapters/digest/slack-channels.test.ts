// The Slack digest per channel: `/brief config digest on|off` (kept by the real ChatStore) decides which channels the
// run posts to, each with its own once-per-date ledger entry, through the real sender to a local fake Slack API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLAIM_LEASE_MS } from '../../../src/adapters/digest/deliver.ts';
import { DigestLedger, MemoryDigestStore } from '../../../src/adapters/digest/ledger.ts';
import { runDigestJob } from '../../../src/adapters/digest/run.ts';
import { NEEDS_BOT_TOKEN, planSlackDigest, type ChannelDigestSettings } from '../../../src/adapters/digest/slack-channels.ts';
import type { LogFields } from '../../../src/adapters/logger.ts';
import { ChatStore } from '../../../src/adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../../../src/adapters/store/memory-key-value.ts';
import { startFakeDigestApis, type FakeDigestApis } from '../../helpers/fake-digest-apis.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

let apis: FakeDigestApis;
beforeAll(async () => { apis = await startFakeDigestApis(); });
afterAll(async () => { await apis.close(); });
beforeEach(() => apis.reset());

const DAY = '2025-12-24';
const HEADLINE = 'Daily digest for 24 December 2025: 2 new reports';
const TOKEN = 'xoxb-channels-secret';

function setup() {
  const ledgerStore = new MemoryDigestStore();
  const ledger = new DigestLedger(ledgerStore);
  const chat = new ChatStore(new MemoryKeyValue());
  const logs: Array<{ level: string } & LogFields> = [];
  const logger = {
    info: (f: LogFields) => void logs.push({ level: 'info', ...f }),
    warn: (f: LogFields) => void logs.push({ level: 'warn', ...f }),
    error: (f: LogFields) => void logs.push({ level: 'error', ...f }),
  };
  let runs = 0;
  /** One scheduled run for DAY: the plan read from the chat store at run time, then the job. */
  const run = async (options: { channel?: string | null; poster?: boolean; settings?: ChannelDigestSettings; now?: Date } = {}) => {
    const plan = await planSlackDigest({
      channel: options.channel === undefined ? 'C0ENV' : options.channel,
      poster: options.poster === false ? null : { token: TOKEN, apiUrl: apis.slackApiUrl },
      settings: options.settings ?? chat, logger,
    });
    const now = options.now ?? new Date('2025-12-25T01:00:00Z');
    return runDigestJob({
      corpus: seedCorpus(), date: DAY, options: {}, senders: plan.senders, notPosted: plan.notPosted, slackChannels: plan.channels,
      deps: { ledger, fetch, sleep: async () => {}, now: () => now, logger, runId: `run-${++runs}`, claimSettleMs: 0 },
    });
  };
  return { ledger, ledgerStore, chat, logs, run };
}

describe('the Slack digest per channel', () => {
  it('posts to the configured channel and to each channel that turned it on; not to one that never asked', async () => {
    const { chat, run } = setup();
    await chat.saveChannelSettings('C0ON', { digest: true, updatedBy: 'U1' });
    await chat.saveChannelSettings('C0QUIET', { visibility: 'private' });
    // the configured channel with only a visibility setting has not turned the digest off
    await chat.saveChannelSettings('C0ENV', { visibility: 'private' });
    const job = await run();
    expect(apis.slackChannels().sort()).toEqual(['C0ENV', 'C0ON']);
    expect(job.results).toMatchObject({ slack: { state: 'sent', date: DAY }, 'slack:C0ON': { state: 'sent', date: DAY } });
    expect(Object.keys(job.results)).not.toContain('slack:C0QUIET');
    for (const post of apis.posts('slack')) {
      expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(post.body)).toMatchObject({ text: HEADLINE, metadata: { event_type: 'sitrep_digest', event_payload: { date: DAY } } });
    }
  });

  it('leaves out the configured channel once it turned the digest off, and says so in the results and /healthz', async () => {
    const { chat, ledger, run } = setup();
    await chat.saveChannelSettings('C0ENV', { digest: false });
    await chat.saveChannelSettings('C0ON', { digest: true });
    const job = await run();
    expect(apis.slackChannels()).toEqual(['C0ON']);
    expect(job.results.slack).toMatchObject({ state: 'off', date: DAY });
    const health = await ledger.statuses(new Date('2025-12-25T01:00:00Z'), DEFAULT_CLAIM_LEASE_MS);
    expect(health.slack).toMatchObject({ state: 'off', date: DAY });
    expect(health.slackChannels).toEqual({ C0ON: expect.objectContaining({ state: 'sent', date: DAY }) });
  });

  it('follows a change of mind: a channel turned on later gets the next run, one turned off gets nothing more', async () => {
    const { chat, run } = setup();
    await chat.saveChannelSettings('C0LATE', { digest: false });
    await run();
    expect(apis.slackChannels()).toEqual(['C0ENV']);
    await chat.saveChannelSettings('C0LATE', { digest: true });
    await chat.saveChannelSettings('C0ENV', { digest: false });
    const second = await run({ now: new Date('2025-12-25T01:30:00Z') });
    expect(apis.slackChannels()).toEqual(['C0ENV', 'C0LATE']);
    expect(second.results['slack:C0LATE']).toMatchObject({ state: 'sent' });
  });

  it('a rerun for the same date posts nothing new in any channel', async () => {
    const { chat, run } = setup();
    await chat.saveChannelSettings('C0ON', { digest: true });
    await chat.saveChannelSettings('C0TWO', { digest: true });
    await run();
    expect(apis.posts('slack')).toHaveLength(3);
    const again = await run({ now: new Date('2025-12-25T02:00:00Z') });
    expect(apis.posts('slack')).toHaveLength(3);
    expect(Object.values(again.results).map((s) => s.state)).toEqual(['already_sent', 'already_sent', 'already_sent']);
    expect(Object.keys(again.results).sort()).toEqual(['slack', 'slack:C0ON', 'slack:C0TWO']);
  });

  it('one channel failing does not stop the others; it is logged without the token, shown in /healthz, and retried alone', async () => {
    const { chat, ledger, logs, run } = setup();
    for (const c of ['C0GONE', 'C0OUT', 'C0ON']) await chat.saveChannelSettings(c, { digest: true });
    apis.script('slack', { status: 200, body: '{"ok":false,"error":"channel_not_found"}', channel: 'C0GONE' });
    apis.script('slack', { status: 200, body: '{"ok":false,"error":"not_in_channel"}', channel: 'C0OUT' });
    const job = await run();
    expect(job.results['slack:C0GONE']).toMatchObject({ state: 'failed', error: 'slack chat.postMessage failed: channel_not_found' });
    expect(job.results['slack:C0OUT']).toMatchObject({ state: 'failed', error: 'slack chat.postMessage failed: not_in_channel' });
    expect(job.results.slack).toMatchObject({ state: 'sent' });
    expect(job.results['slack:C0ON']).toMatchObject({ state: 'sent' });
    const failures = logs.filter((l) => l.level === 'error');
    expect(failures.map((l) => l.destination).sort()).toEqual(['slack:C0GONE', 'slack:C0OUT']);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    const health = await ledger.statuses(new Date('2025-12-25T01:00:00Z'), DEFAULT_CLAIM_LEASE_MS);
    expect(health.slackChannels).toMatchObject({ C0GONE: { state: 'failed' }, C0OUT: { state: 'failed' }, C0ON: { state: 'sent' } });
    expect(JSON.stringify(health)).not.toContain(TOKEN);

    // the next run posts only where it failed
    const before = apis.slackChannels().length;
    const retry = await run({ now: new Date('2025-12-25T02:00:00Z') });
    expect(apis.slackChannels().slice(before).sort()).toEqual(['C0GONE', 'C0OUT']);
    expect(retry.results['slack:C0ON']).toMatchObject({ state: 'already_sent' });
  });

  it('after a run stopped while posting, looks in each channel\'s own history: found where it posted, posted where it had not', async () => {
    const { chat, ledgerStore, run } = setup();
    await chat.saveChannelSettings('C0ON', { digest: true });
    await chat.saveChannelSettings('C0TWO', { digest: true });
    // C0TWO: a 503, which may have reached Slack (it did not: the fake keeps nothing for it)
    apis.script('slack', { status: 503, body: '', channel: 'C0TWO' });
    const first = await run({ channel: null });
    expect(first.results['slack:C0TWO']).toMatchObject({ state: 'failed', error: 'slack chat.postMessage failed: http_503' });
    // C0ON: as if the run had stopped right after its request reached Slack, before it heard back
    ledgerStore.values.delete(`result:${DAY}:slack:C0ON`);
    ledgerStore.values.set(`digest:${DAY}:slack:C0ON`, JSON.stringify({ state: 'posting', runId: 'run-1', at: '2025-12-25T01:00:00.000Z' }));
    const before = apis.requests.length;
    const next = await run({ channel: null, now: new Date('2025-12-25T01:30:00Z') });
    expect(next.results['slack:C0ON']).toMatchObject({ state: 'already_sent', recovered: 'found_in_channel' });
    // the same digest is in C0ON, but not in C0TWO: a look at all channels at once would have skipped it
    expect(next.results['slack:C0TWO']).toMatchObject({ state: 'sent', recovered: 'posted' });
    const since = apis.requests.slice(before);
    const looked = since.filter((r) => r.path.includes('conversations.history')).map((r) => new URL(r.path, 'http://x').searchParams.get('channel')).sort();
    expect(looked).toEqual(['C0ON', 'C0TWO']);
    expect(since.filter((r) => r.path.includes('chat.postMessage')).map((r) => (JSON.parse(r.body) as { channel: string }).channel)).toEqual(['C0TWO']);
  });

  it('without a bot token, channels that turned it on are reported as not posted, with one warning that names the token', async () => {
    const { chat, ledger, logs, run } = setup();
    await chat.saveChannelSettings('C0ON', { digest: true });
    await chat.saveChannelSettings('C0TWO', { digest: true });
    const job = await run({ channel: null, poster: false });
    expect(apis.requests).toHaveLength(0);
    expect(job.results).toEqual({
      'slack:C0ON': expect.objectContaining({ state: 'failed', error: NEEDS_BOT_TOKEN }),
      'slack:C0TWO': expect.objectContaining({ state: 'failed', error: NEEDS_BOT_TOKEN }),
    });
    const warnings = logs.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('SLACK_BOT_TOKEN');
    expect(warnings[0]!.channels).toEqual(['C0ON', 'C0TWO']);
    expect((await ledger.statuses()).slackChannels).toMatchObject({ C0ON: { state: 'failed', error: NEEDS_BOT_TOKEN } });
  });

  it('settings that cannot be read leave the configured channel posted, as before, and log why', async () => {
    const { logs, run } = setup();
    const broken: ChannelDigestSettings = {
      configuredChannels: () => Promise.reject(new Error('KV list failed')),
      channelSettings: () => Promise.reject(new Error('KV get failed')),
    };
    const job = await run({ settings: broken });
    expect(apis.slackChannels()).toEqual(['C0ENV']);
    expect(job.results.slack).toMatchObject({ state: 'sent' });
    expect(logs.find((l) => l.level === 'error')?.msg).toContain('channel settings could not be read');
  });
});
