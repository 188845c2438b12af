import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../src/adapters/http/answer-cache.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { makeTestApp } from '../../helpers/http-app.ts';

describe('answer cache', () => {
  it('keeps the most recently used answers, up to its size', () => {
    const cache = new AnswerCache(2);
    const entry = (json: string) => ({ json, intent: 'general', answered: true });
    cache.set('a', entry('A'));
    cache.set('b', entry('B'));
    cache.get('a');
    cache.set('c', entry('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.json).toBe('A');
    expect(cache.get('c')?.json).toBe('C');
    const off = new AnswerCache(0);
    off.set('a', entry('A'));
    expect(off.get('a')).toBeUndefined();
  });

  it('gives a repeated question exactly the answer the core gives, and answers afresh on a new day', async () => {
    const { app, clock, corpus } = makeTestApp();
    const ask = async () => (await app.request('/v1/ask?q=when+do+the+defence+ministers+meet')).json();
    const first = await ask();
    expect(await ask()).toEqual(first);
    expect(first).toEqual(JSON.parse(JSON.stringify(answerQuestion('when do the defence ministers meet', { corpus, clock }))));
    clock.advance(3 * 86_400_000);
    expect(await ask()).toEqual(JSON.parse(JSON.stringify(answerQuestion('when do the defence ministers meet', { corpus, clock }))));
  });
});
