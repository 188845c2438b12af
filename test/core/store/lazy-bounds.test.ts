import { describe, expect, it } from 'vitest';
import { encodeAnnotation, lazyAnnotations, MAX_DECODED } from '../../../src/core/store/annotations.ts';
import { lazyPassages, MAX_LAID_OUT } from '../../../src/core/store/passages.ts';

describe('what a long-running process keeps of the lazily read index', () => {
  it('keeps at most MAX_LAID_OUT articles laid out, and lays an evicted one out again alike', () => {
    const count = MAX_LAID_OUT + 5;
    const file = {
      articles: Array.from({ length: count }, () => ({ standfirst: null })) as never,
      texts: Array.from({ length: count }, (_, a) => `First of ${a}.\nSecond of ${a}.`),
    };
    const { passages } = lazyPassages(file);
    const first = passages[0]!;
    expect(first).toEqual([0, 0, 'First of 0.']);
    for (let a = 1; a < count; a++) expect(passages[2 * a + 1]![2]).toBe(`Second of ${a}.`);
    // the first article was dropped: read again, it is laid out anew, with the same content
    const again = passages[0]!;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // a recent one is still held
    expect(passages[2 * (count - 1)]).toBe(passages[2 * (count - 1)]);
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
