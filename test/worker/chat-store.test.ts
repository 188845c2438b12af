// The chat store on the CHAT_KV namespace that wrangler.toml binds, as miniflare provides it (real KV, not a mock).
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ChatStore, TTL } from '../../src/adapters/store/chat-store.ts';
import { isKvNamespace, WorkersKeyValue } from '../../src/adapters/store/workers-kv.ts';

const kv = (env as unknown as { CHAT_KV: unknown }).CHAT_KV;

describe('ChatStore on Workers KV', () => {
  it('is bound by wrangler.toml', () => {
    expect(isKvNamespace(kv)).toBe(true);
  });

  it('keeps the last turns of a conversation with an expiry KV accepts', async () => {
    const store = new ChatStore(new WorkersKeyValue(kv as never));
    for (const q of ['one', 'two', 'three', 'four']) await store.addTurn('slack:C1:1.1', { question: q, query: { intent: q } }, TTL.chain);
    expect(await store.history('slack:C1:1.1')).toEqual([
      { question: 'two', query: { intent: 'two' } }, { question: 'three', query: { intent: 'three' } }, { question: 'four', query: { intent: 'four' } },
    ]);
    // a short TTL is raised to KV's 60-second floor rather than refused
    await store.addTurn('slack:C1:short', { question: 'q' }, 5);
    expect(await store.history('slack:C1:short')).toHaveLength(1);
  });

  it('counts feedback from KV list metadata, one vote per person and answer, and shows it in /healthz', async () => {
    const store = new ChatStore(new WorkersKeyValue(kv as never));
    const vote = (answerId: string, user: string, v: 'helpful' | 'not_helpful') => store.recordFeedback({ answerId, user, vote: v, question: 'q', answer: 'a', channel: 'C1', at: '2025-12-25T00:00:00Z' });
    // Test files share the KV namespace (other files click buttons too): count what this test adds.
    const before = await store.feedbackCounts();
    await vote('kv-count-a1', 'U1', 'helpful');
    await vote('kv-count-a1', 'U1', 'helpful');
    await vote('kv-count-a1', 'U2', 'not_helpful');
    const expected = { helpful: before.helpful + 1, not_helpful: before.not_helpful + 1 };
    expect(await store.feedbackCounts()).toEqual(expected);
    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { feedback?: unknown };
    expect(health.feedback).toEqual(expected);
  });

  it('keeps channel settings', async () => {
    const store = new ChatStore(new WorkersKeyValue(kv as never));
    await store.saveChannelSettings('C9', { visibility: 'private', digest: true });
    expect(await store.channelSettings('C9')).toMatchObject({ visibility: 'private', digest: true });
    expect(await store.configuredChannels()).toContainEqual({ channel: 'C9', digest: true });
  });
});
