import { describe, expect, it } from 'vitest';
import { encodeAnnotation, lazyAnnotations, MAX_DECODED } from '../../../src/core/store/annotations.ts';
import { resetStoreCounters, storeCounters } from '../../../src/core/store/counters.ts';
import { lazyPassages, MAX_LAID_OUT } from '../../../src/core/store/passages.ts';

describe('what a long-running process keeps of the lazily read index', () => {
  it('keeps at most MAX_LAID_OUT articles laid out, and lays an evicted one out again alike', () => {
    const count = MAX_LAID_OUT + 5;
    const file = {
      articles: Array.from({ length: count }, (_, a) => ({ standfirst: a % 2 ? 'Standfirst.' : null })) as never,
      texts: Array.from({ length: count }, (_, a) => (a % 2 ? `Standfirst.\n\nFirst of ${a}.\nSecond of ${a}.` : `First of ${a}.\n\nSecond of ${a}.`)),
    };
    const { passages, articlePassages } = lazyPassages(file);
    const laidOut = () => storeCounters.articlesLaidOut;
    resetStoreCounters();
    const first = passages[0]!;
    expect(first).toEqual([0, 0, 'First of 0.']);
    expect(passages[1]).toEqual([0, 1, 'Second of 0.']);
    expect(passages[2]).toEqual([1, -1, 'Standfirst.']);
    expect(passages[4]).toEqual([1, 0, 'Second of 1.']);
    expect(laidOut()).toBe(2);
    for (let a = 2; a < count; a++) expect(passages[articlePassages[a]!.at(-1)!]).toEqual([a, a % 2 ? 0 : 1, `Second of ${a}.`]);
    expect(laidOut()).toBe(count);
    // the first article was dropped: read again, it is laid out anew, with the same content
    expect(passages[0]).toEqual(first);
    expect(laidOut()).toBe(count + 1);
    // a recent one is still held
    void passages[passages.length - 1];
    expect(laidOut()).toBe(count + 1);
  });

  it('keeps at most MAX_DECODED annotations decoded, and decodes an evicted one again alike', () => {
    const encoded = Array.from({ length: MAX_DECODED + 3 }, (_, i) => encodeAnnotation({ t: `${String(i % 24).padStart(2, '0')}:00` }));
    const annotations = lazyAnnotations(encoded);
    const first = annotations[0]!;
    for (let i = 1; i < encoded.length; i++) expect(annotations[i]!.t).toBeDefined();
    const again = annotations[0]!;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(annotations[encoded.length - 1]).toBe(annotations[encoded.length - 1]);
  });
});
