import { describe, expect, it } from 'vitest';
import { countryFormsOf, countryNameOf, decodeAnnotation, encodeAnnotation, encodedAnnotation, lazyAnnotations, type StoredAnnotation } from '../../../src/core/store/annotations.ts';

describe('stored annotations', () => {
  it('keeps a passage whose only annotation is its live-blog day or its list lead-in', () => {
    for (const a of [{ d: '2026-03-06' }, { l: 'The Governor also announced the following actions:' }] as StoredAnnotation[]) {
      expect(encodeAnnotation(a)).not.toBe('');
      expect(decodeAnnotation(encodeAnnotation(a))).toEqual(a);
    }
    expect(encodeAnnotation({})).toBe('');
  });

  it('gives a passage\'s stored text without decoding it, and decodes when read', () => {
    const texts = [encodeAnnotation({ s: 'Aid' }), '', encodeAnnotation({ d: '2026-03-06', t: '09:10' })];
    const lazy = lazyAnnotations(texts);
    expect(encodedAnnotation(lazy, 2)).toBe(texts[2]);
    expect(encodedAnnotation(lazy, 1)).toBe('');
    expect(lazy[2]!.d).toBe('2026-03-06');
    // a plain array (annotations made in memory) is encoded on the spot
    expect(encodedAnnotation([{ t: '10:00' }], 0)).toBe(encodeAnnotation({ t: '10:00' }));
  });

  it('finds a country by any of its forms, the first listing winning', () => {
    const countries = [['pakistan', 'pakistani'], ['india', 'indian'], ['niger', 'nigerien', 'indian']];
    expect(countryFormsOf(countries, "Pakistani's")).toEqual(['pakistan', 'pakistani']);
    expect(countryNameOf(countries, 'Indian')).toBe('india');
    expect(countryNameOf(countries, 'Lagos')).toBeNull();
  });
});
