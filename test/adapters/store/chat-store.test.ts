import { describe, expect, it } from 'vitest';
import { askInConversation } from '../../../src/adapters/conversation.ts';
import { ChatStore, TTL } from '../../../src/adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../../../src/adapters/store/memory-key-value.ts';
import { MAX_CONVERSATION_TURNS } from '../../../src/core/query/conversation.ts';
import { recordingAsk } from '../../helpers/recording-ask.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

function store() {
  let now = Date.parse('2025-12-25T08:00:00Z');
  const kv = new MemoryKeyValue({ now: () => now });
  return { store: new ChatStore(kv, () => new Date(now)), advance: (seconds: number) => void (now += seconds * 1000), kv };
}

describe('ChatStore over memory', () => {
  it('keeps the last turns of a conversation, oldest first, and forgets them after the expiry', async () => {
    const { store: s, advance } = store();
    for (const q of ['one', 'two', 'three', 'four']) await s.addTurn('t1', { question: q, query: { q } }, TTL.chain);
    const turns = await s.history('t1');
    expect(turns.map((t) => t.question)).toEqual(['two', 'three', 'four'].slice(-MAX_CONVERSATION_TURNS));
    expect(turns[0]!.query).toEqual({ q: 'two' });
    expect(await s.history('other')).toEqual([]);
    advance(TTL.chain - 1);
    expect(await s.history('t1')).toHaveLength(3);
    advance(2);
    expect(await s.history('t1')).toEqual([]);
  });

  it('counts one vote per person and answer, the last one winning', async () => {
    const { store: s } = store();
    const vote = (user: string, v: 'helpful' | 'not_helpful', answerId = 'a1') =>
      s.recordFeedback({ answerId, user, vote: v, question: 'q', answer: 'a', channel: 'C1', at: '2025-12-25T08:00:00Z' });
    await vote('U1', 'helpful');
    await vote('U1', 'helpful');
    await vote('U2', 'helpful');
    await vote('U2', 'not_helpful');
    await vote('U1', 'not_helpful', 'a2');
    expect(await s.feedbackCounts()).toEqual({ helpful: 1, not_helpful: 2 });
    expect((await s.feedback()).map((f) => `${f.answerId}:${f.user}:${f.vote}`).sort()).toEqual(['a1:U1:helpful', 'a1:U2:not_helpful', 'a2:U1:not_helpful']);
  });

  it('keeps channel settings and lists the channels that have some', async () => {
    const { store: s } = store();
    expect(await s.channelSettings('C1')).toBeNull();
    await s.saveChannelSettings('C1', { visibility: 'private', digest: true });
    await s.saveChannelSettings('C2', { visibility: 'public' });
    expect(await s.channelSettings('C1')).toMatchObject({ visibility: 'private', digest: true, at: '2025-12-25T08:00:00.000Z' });
    expect(await s.configuredChannels()).toEqual([{ channel: 'C1', digest: true }, { channel: 'C2', digest: false }]);
  });

  it('reads a corrupt entry as absent instead of throwing', async () => {
    const { store: s, kv } = store();
    await kv.put('turns:bad', '{not json');
    await kv.put('answer:bad', JSON.stringify({ answer: 'no' }));
    expect(await s.history('bad')).toEqual([]);
    expect(await s.answer('bad')).toBeNull();
  });
});

describe('askInConversation', () => {
  it('hands the earlier questions to the core as history and saves the answer for its buttons', async () => {
    const { store: s } = store();
    const { ask, calls } = recordingAsk(seedCorpus());
    const place = { read: ['c'], write: [{ key: 'c', ttlSeconds: TTL.thread }], channel: 'C1', user: 'U1', private: true };
    const first = await askInConversation('who mediated the October accord', place, { ask, store: s, newId: () => 'id-1' });
    await askInConversation('who signed it?', place, { ask, store: s, newId: () => 'id-2' });
    expect(calls[0]).toEqual({ question: 'who mediated the October accord', history: [] });
    expect(calls[1]!.question).toBe('who signed it?');
    expect(calls[1]!.history.map((t) => t.question)).toEqual(['who mediated the October accord']);
    expect(first.answerId).toBe('id-1');
    expect(await s.answer('id-1')).toMatchObject({ channel: 'C1', user: 'U1', private: true, answer: { question: 'who mediated the October accord' } });
  });

  it('still answers when the store fails, without an answer id', async () => {
    const broken = new ChatStore({ get: () => Promise.reject(new Error('kv down')), put: () => Promise.reject(new Error('kv down')), list: () => Promise.reject(new Error('kv down')) });
    const errors: unknown[] = [];
    const { ask } = recordingAsk(seedCorpus());
    const result = await askInConversation('latest casualty figures', { read: ['c'], write: [{ key: 'c', ttlSeconds: 60 }], channel: 'C', user: null, private: false }, { ask, store: broken, onStoreError: (e) => errors.push(e) });
    expect(result.answer.answered).toBe(true);
    expect(result.answerId).toBeNull();
    expect(errors).toHaveLength(2);
  });
});
