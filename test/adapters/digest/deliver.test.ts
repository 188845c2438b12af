import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDigest, type DeliveryDeps } from '../../../src/adapters/digest/deliver.ts';
import { DigestLedger, MemoryDigestStore } from '../../../src/adapters/digest/ledger.ts';
import { runDigestJob, scheduledDigestDate } from '../../../src/adapters/digest/run.ts';
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
const NOW = new Date('2025-12-25T01:00:00Z');

function setup(overrides: Partial<DeliveryDeps> = {}) {
  const store = new MemoryDigestStore();
  const sleeps: number[] = [];
  const errors: LogFields[] = [];
  const deps: DeliveryDeps = {
    ledger: new DigestLedger(store), fetch, now: () => NOW, runId: 'run-1',
    sleep: async (ms) => { sleeps.push(ms); },
    logger: { info() {}, warn() {}, error: (f) => { errors.push(f); } },
    ...overrides,
  };
  const senders = [
    slackSender({ token: 'xoxb-test', channel: 'C0DIGEST', apiUrl: apis.slackApiUrl }),
    discordWebhookSender({ webhookUrl: apis.discordWebhookUrl }),
  ];
  return { store, deps, senders, sleeps, errors };
}

describe('deliverDigest to local fake Slack and Discord', () => {
  it('posts Block Kit to chat.postMessage and an embed to the webhook, once each', async () => {
    const { deps, senders } = setup();
    const results = await deliverDigest('2025-12-24', digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'sent', date: '2025-12-24' });
    expect(results.discord).toMatchObject({ state: 'sent' });
    const [slack] = apis.posts('slack');
    expect(slack!.headers.authorization).toBe('Bearer xoxb-test');
    const slackBody = JSON.parse(slack!.body) as { channel: string; text: string; blocks: unknown[]; link_names: boolean };
    expect(slackBody).toMatchObject({ channel: 'C0DIGEST', text: digest.headline, link_names: false });
    expect(JSON.stringify(slackBody.blocks)).toContain('killed: at least 41 (22 Dec) -&gt; at least 80 (24 Dec)');
    const [discord] = apis.posts('discord');
    expect(discord!.path).toMatch(/\?wait=true$/);
    const discordBody = JSON.parse(discord!.body) as { embeds: Array<{ title: string; description: string }>; allowed_mentions: unknown };
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    expect(discordBody.embeds[0]!.title).toBe(digest.headline);
    expect(discordBody.embeds[0]!.description).toContain('27 December 2025');
  });

  it('a second run for the same date posts nothing and says so', async () => {
    const { deps, senders } = setup();
    await deliverDigest('2025-12-24', digest, senders, deps);
    const again = await deliverDigest('2025-12-24', digest, senders, { ...deps, runId: 'run-2' });
    expect(again.slack!.state).toBe('already_sent');
    expect(again.discord!.state).toBe('already_sent');
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
  });

  it('two runs at the same time post once: the later claim wins, the other backs off', async () => {
    const { deps, senders } = setup();
    const [a, b] = await Promise.all([
      deliverDigest('2025-12-24', digest, senders, deps),
      deliverDigest('2025-12-24', digest, senders, { ...deps, runId: 'run-2' }),
    ]);
    expect(apis.posts('slack')).toHaveLength(1);
    expect(apis.posts('discord')).toHaveLength(1);
    expect([a.slack!.state, b.slack!.state].sort()).toEqual(['in_progress', 'sent']);
  });

  it('waits out a 429 for its Retry-After and then posts once', async () => {
    const { deps, senders, sleeps } = setup({ claimSettleMs: 0 });
    apis.script('slack', { status: 429, headers: { 'retry-after': '2' }, body: '{"ok":false,"error":"ratelimited"}' });
    apis.script('discord', { status: 429, headers: { 'retry-after': '1' }, body: '{"retry_after":1,"global":false}' });
    const results = await deliverDigest('2025-12-24', digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'sent', retries: 1 });
    expect(results.discord).toMatchObject({ state: 'sent', retries: 1 });
    expect(sleeps.filter((ms) => ms > 0).sort()).toEqual([1000, 2000]);
    expect(apis.posts('slack')).toHaveLength(2);
    expect(apis.posts('discord')).toHaveLength(2);
    expect((await deliverDigest('2025-12-24', digest, senders, deps)).slack!.state).toBe('already_sent');
  });

  it('gives up after the bounded attempts or a Retry-After too long, and a later run posts', async () => {
    const { deps, senders, sleeps } = setup({ claimSettleMs: 0, retry: { maxAttempts: 2, maxWaitMs: 5_000 } });
    apis.script('slack', { status: 429, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } });
    apis.script('discord', { status: 429, headers: { 'retry-after': '3600' } });
    const first = await deliverDigest('2025-12-24', digest, senders, deps);
    expect(first.slack).toMatchObject({ state: 'failed', error: 'slack chat.postMessage failed: http_429', retries: 1 });
    expect(first.discord).toMatchObject({ state: 'failed', error: 'discord webhook failed: http_429', retries: 0 });
    expect(sleeps.filter((ms) => ms > 0)).toEqual([1000]);
    const second = await deliverDigest('2025-12-24', digest, senders, { ...deps, runId: 'run-2' });
    expect(second.slack!.state).toBe('sent');
    expect(second.discord!.state).toBe('sent');
  });

  it('a failing destination does not block the other, and both outcomes are kept for /healthz', async () => {
    const { deps, senders, store, errors } = setup();
    apis.script('slack', { status: 200, body: '{"ok":false,"error":"channel_not_found"}' });
    const results = await deliverDigest('2025-12-24', digest, senders, deps);
    expect(results.slack).toMatchObject({ state: 'failed', error: 'slack chat.postMessage failed: channel_not_found' });
    expect(results.discord!.state).toBe('sent');
    expect(errors.map((e) => e.msg)).toEqual(['digest not posted']);
    const statuses = await new DigestLedger(store).statuses();
    expect(statuses.slack).toMatchObject({ state: 'failed', date: '2025-12-24' });
    expect(statuses.discord).toMatchObject({ state: 'sent', date: '2025-12-24' });
  });

  it('an unreachable destination fails alone; the error names no URL', async () => {
    const { deps } = setup();
    const dead = discordWebhookSender({ webhookUrl: 'http://127.0.0.1:9/api/webhooks/1/secret-token' });
    const results = await deliverDigest('2025-12-24', digest, [dead, slackSender({ token: 't', channel: 'C', apiUrl: apis.slackApiUrl })], deps);
    expect(results.discord!.state).toBe('failed');
    expect(results.discord!.error).not.toContain('secret-token');
    expect(results.slack!.state).toBe('sent');
  });

  it('takes over a claim left by a crashed run after the lease, not before', async () => {
    const { deps, senders } = setup();
    const ledger = deps.ledger;
    await ledger.put('2025-12-24', 'slack', { state: 'claimed', runId: 'crashed', at: '2025-12-25T00:59:00Z' });
    await ledger.put('2025-12-24', 'discord', { state: 'claimed', runId: 'crashed', at: '2025-12-25T00:30:00Z' });
    const results = await deliverDigest('2025-12-24', digest, senders, deps);
    expect(results.slack!.state).toBe('in_progress');
    expect(results.discord!.state).toBe('sent');
    expect(apis.posts('slack')).toHaveLength(0);
  });

  it('a corrupt ledger entry counts as absent rather than stopping the run', async () => {
    const { deps, senders, store } = setup();
    await store.put('digest:2025-12-24:slack', '{not json');
    expect((await deliverDigest('2025-12-24', digest, senders, deps)).slack!.state).toBe('sent');
  });
});

describe('runDigestJob', () => {
  it('digests the UTC day before the run', () => {
    expect(scheduledDigestDate(new Date('2025-12-25T01:00:00Z'))).toBe('2025-12-24');
    expect(scheduledDigestDate(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12-31');
  });

  it('posts nothing on an empty day when configured so, and records it', async () => {
    const { deps, senders } = setup();
    const job = await runDigestJob({ corpus: seedCorpus(), date: '2025-12-25', options: { whenEmpty: 'none' }, senders, deps });
    expect(job.digest).toBeNull();
    expect(job.results.slack!.state).toBe('nothing_to_post');
    expect(apis.requests).toHaveLength(0);
  });

  it('posts the short "no new reports" digest on an empty day by default', async () => {
    const { deps, senders } = setup();
    const job = await runDigestJob({ corpus: seedCorpus(), date: '2025-12-25', options: {}, senders, deps });
    expect(job.results.discord!.state).toBe('sent');
    expect(JSON.parse(apis.posts('slack')[0]!.body).text).toBe('No new reports for 25 December 2025.');
  });

  it('records a compose failure for every destination instead of throwing', async () => {
    const { deps, senders } = setup();
    const job = await runDigestJob({ corpus: seedCorpus(), date: '2025-12-24', options: { windowDays: 99 }, senders, deps });
    expect(job.results.slack).toMatchObject({ state: 'failed' });
    expect(job.results.slack!.error).toMatch(/^compose: /);
    expect(apis.requests).toHaveLength(0);
  });
});
