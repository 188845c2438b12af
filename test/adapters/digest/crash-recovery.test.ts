// Exactly once after a crash: a run that stopped midway left a claim in the ledger; the next run finishes its work,
// looking in the channel (fake Slack conversations.history, fake Discord channel messages) before it posts again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDigest, type DeliveryDeps } from '../../../src/adapters/digest/deliver.ts';
import { DigestLedger, MemoryDigestStore } from '../../../src/adapters/digest/ledger.ts';
import { runDigestJob } from '../../../src/adapters/digest/run.ts';
import { discordWebhookSender, slackSender } from '../../../src/adapters/digest/senders.ts';
import type { LogFields } from '../../../src/adapters/logger.ts';
import { composeDigest } from '../../../src/core/digest/digest.ts';
import type { Digest } from '../../../src/core/digest/digest-schema.ts';
import { startFakeDigestApis, type FakeDigestApis } from '../../helpers/fake-digest-apis.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

let apis: FakeDigestApis;
beforeAll(async () => { apis = await startFakeDigestApis(); });
afterAll(async () => { await apis.close(); });
beforeEach(() => apis.reset());

const digest = composeDigest({ corpus: seedCorpus(), date: '2025-12-24' }) as Digest;
const DAY = '2025-12-24';

function setup(options: { now?: string; botToken?: string | null; deps?: Partial<DeliveryDeps> } = {}) {
  const store = new MemoryDigestStore();
  const ledger = new DigestLedger(store);
  const logs: Array<{ level: string } & LogFields> = [];
  const now = new Date(options.now ?? new Date().toISOString());
  const deps: DeliveryDeps = {
    ledger, fetch, now: () => now, runId: 'next-run', claimSettleMs: 0, sleep: async () => {},
    logger: { info: (f) => void logs.push({ level: 'info', ...f }), warn: (f) => void logs.push({ level: 'warn', ...f }), error: (f) => void logs.push({ level: 'error', ...f }) },
    ...options.deps,
  };
  const slack = slackSender({ token: 'xoxb-crash', channel: 'C0CRASH', apiUrl: apis.slackApiUrl });
  const discord = discordWebhookSender({ webhookUrl: apis.discordWebhookUrl, ...(options.botToken === null ? {} : { botToken: options.botToken ?? 'bot-token' }) });
  return { store, ledger, deps, logs, senders: [slack, discord], slack, discord, now };
}

/** What a crashed run leaves: its post reached the platform (the fake keeps it) but it never heard back. */
async function crashAfterPosting(kind: 'slack' | 'discord', sender: ReturnType<typeof setup>['slack']): Promise<void> {
  apis.script(kind, { status: 0, hang: true });
  const posting = sender.send(digest, (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) }));
  await expect(posting).rejects.toThrow();
}

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('after a run stopped while posting', () => {
  it('finds the post in the channel (Slack metadata, Discord webhook message) and records it instead of posting again', async () => {
    const { ledger, deps, senders, slack, discord, now, logs } = setup();
    await crashAfterPosting('slack', slack);
    await crashAfterPosting('discord', discord);
    for (const destination of ['slack', 'discord'] as const) await ledger.put(DAY, destination, { state: 'posting', runId: 'crashed', at: minutesAgo(now, 20) });
    const results = await deliverDigest(DAY, digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'already_sent', recovered: 'found_in_channel', postId: expect.stringMatching(/^\d+\.\d+$/) });
    expect(results.discord).toMatchObject({ state: 'already_sent', recovered: 'found_in_channel', postId: expect.stringMatching(/^\d{17,20}$/) });
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
    expect(await ledger.outcome(DAY, 'slack')).toMatchObject({ state: 'sent', postId: results.slack!.postId });
    expect(logs.some((l) => l.level === 'warn' && /taking over/.test(l.msg))).toBe(true);
    // and the run after that sees it sent
    expect((await deliverDigest(DAY, digest, senders, { ...deps, runId: 'third' })).slack!.state).toBe('already_sent');
  });

  it('posts once when the channel has no such post', async () => {
    const { ledger, deps, senders, now } = setup();
    for (const destination of ['slack', 'discord'] as const) await ledger.put(DAY, destination, { state: 'posting', runId: 'crashed', at: minutesAgo(now, 20) });
    const results = await deliverDigest(DAY, digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'sent', recovered: 'posted' });
    expect(results.discord).toMatchObject({ state: 'sent', recovered: 'posted' });
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
    // each post carries the marker the next run looks for
    expect(JSON.parse(apis.posts('slack')[0]!.body).metadata).toEqual({ event_type: 'sitrep_digest', event_payload: { date: DAY } });
  });

  it('does not post again when it cannot look (no Discord bot token, no Slack history scope): a failure that says what to do', async () => {
    const { ledger, deps, senders, now } = setup({ botToken: null });
    apis.script('slack-history', { status: 200, body: '{"ok":false,"error":"missing_scope","needed":"channels:history"}' });
    for (const destination of ['slack', 'discord'] as const) await ledger.put(DAY, destination, { state: 'posting', runId: 'crashed', at: minutesAgo(now, 20) });
    const results = await deliverDigest(DAY, digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'failed', error: expect.stringContaining('channels:history') });
    expect(results.discord).toMatchObject({ state: 'failed', error: expect.stringContaining('DISCORD_TOKEN') });
    expect(results.discord!.error).toContain('--resend');
    expect(apis.posts('slack')).toHaveLength(0);
    expect(apis.posts('discord')).toHaveLength(0);
    // someone looked by hand: --resend posts
    const resent = await deliverDigest(DAY, digest, senders, { ...deps, runId: 'by-hand', resend: true });
    expect(resent.discord!.state).toBe('sent');
    expect(apis.posts('discord')).toHaveLength(1);
  });

  it('an attempt that failed unconfirmed (a 5xx, a timeout) is looked for before a retry', async () => {
    const { deps, senders } = setup();
    apis.script('slack', { status: 0, hang: true });
    apis.script('discord', { status: 502, body: '{}' });
    const first = await deliverDigest(DAY, digest, senders, { ...deps, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) }) });
    expect(first.slack!.state).toBe('failed');
    expect(first.discord!.state).toBe('failed');
    const second = await deliverDigest(DAY, digest, senders, { ...deps, runId: 'second' });
    expect(second.slack).toMatchObject({ state: 'already_sent', recovered: 'found_in_channel' });
    expect(second.discord).toMatchObject({ state: 'sent', recovered: 'posted' });
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(2);
  });
});

describe('after a run stopped before posting', () => {
  it('posts without looking: a claim that never reached `posting` sent nothing', async () => {
    const { ledger, deps, senders, now } = setup();
    for (const destination of ['slack', 'discord'] as const) await ledger.put(DAY, destination, { state: 'claimed', runId: 'crashed', at: minutesAgo(now, 20) });
    const results = await deliverDigest(DAY, digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'sent', recovered: 'posted' });
    expect(apis.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('takes over at once from a process that is gone, and never from one that still runs, whatever the claim\'s age', async () => {
    const { ledger, deps, senders, now } = setup();
    const alive = (owner: string) => owner === 'host:1' ? true : owner === 'host:2' ? false : undefined;
    await ledger.put(DAY, 'slack', { state: 'claimed', runId: 'old-but-alive', owner: 'host:1', at: minutesAgo(now, 40) });
    await ledger.put(DAY, 'discord', { state: 'claimed', runId: 'fresh-but-dead', owner: 'host:2', at: minutesAgo(now, 0) });
    const results = await deliverDigest(DAY, digest, senders, { ...deps, ownerAlive: alive });
    expect(results.slack!.state).toBe('in_progress');
    expect(results.discord).toMatchObject({ state: 'sent', recovered: 'posted' });
  });

  it('/healthz shows a claim older than the lease as stale, saying the next run finishes it', async () => {
    const { ledger, now } = setup();
    await ledger.setStatus('slack', { date: DAY, state: 'in_progress', at: minutesAgo(now, 20) });
    await ledger.setStatus('discord', { date: DAY, state: 'in_progress', at: minutesAgo(now, 1) });
    const statuses = await ledger.statuses(now, 15 * 60_000);
    expect(statuses.slack).toMatchObject({ state: 'stale', error: expect.stringContaining('next run') });
    expect(statuses.discord!.state).toBe('in_progress');
  });
});

describe('the next scheduled run retries what an earlier one left open', () => {
  it('delivers an earlier failed or stopped date first, and leaves dates never attempted alone', async () => {
    const { ledger, deps, senders, now } = setup();
    await ledger.put('2025-12-22', 'slack', { state: 'claimed', runId: 'crashed', at: minutesAgo(now, 60 * 24) });
    await ledger.putOutcome('2025-12-23', 'discord', { state: 'failed', runId: 'earlier', at: minutesAgo(now, 60), error: 'discord webhook failed: http_404' });
    const job = await runDigestJob({ corpus: seedCorpus(), date: DAY, options: {}, senders, deps, catchUpDays: 3 });
    expect(job.earlier?.map((e) => [e.date, Object.keys(e.results)])).toEqual([['2025-12-22', ['slack']], ['2025-12-23', ['discord']]]);
    expect(job.earlier?.[0]!.results.slack!.state).toBe('sent');
    expect(job.results.slack!.state).toBe('sent');
    expect(apis.posts('slack').map((r) => JSON.parse(r.body).text)).toEqual(['Daily digest for 22 December 2025: 1 new report', expect.stringContaining('24 December 2025')]);
    expect(apis.posts('discord')).toHaveLength(2);
  });
});
