import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../../src/adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../../../src/adapters/store/memory-key-value.ts';
import { askRequest, makeTestApp } from '../../helpers/http-app.ts';

describe('POST /v1/ask with a console session', () => {
  it('keeps the session\'s questions as the conversation a follow-up is read against, and counts feedback in /healthz', async () => {
    const store = new ChatStore(new MemoryKeyValue());
    const { app } = makeTestApp({ deps: { chat: { store } } });
    const session = 'tab-0123456789';
    expect((await app.request('/v1/ask', askRequest({ question: 'who mediated the October accord', session }))).status).toBe(200);
    const second = await app.request('/v1/ask', askRequest({ question: 'who signed it?', session }));
    expect(((await second.json()) as { question: string }).question).toBe('who signed it?');
    expect((await store.history(`console:${session}`)).map((t) => t.question)).toEqual(['who mediated the October accord', 'who signed it?']);
    // no session, or a malformed one: nothing is kept
    await app.request('/v1/ask', askRequest({ question: 'latest news', session: 'x' }));
    expect(await store.history('console:x')).toEqual([]);
    await store.recordFeedback({ answerId: 'a', user: 'U1', vote: 'helpful', question: 'q', answer: 'a', channel: 'C', at: '2025-12-25T00:00:00Z' });
    expect(await (await app.request('/healthz')).json()).toMatchObject({ feedback: { helpful: 1, not_helpful: 0 } });
  });
});
