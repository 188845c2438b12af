import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/core/store/retrieve.ts';

describe('editDistance (bounded, a swap of neighbouring letters is one edit)', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('convoy', 'convoy', 2)).toBe(0);
    expect(editDistance('convoy', 'convoys', 2)).toBe(1);
    expect(editDistance('convoys', 'convoy', 2)).toBe(1);
    expect(editDistance('convoy', 'canvoy', 2)).toBe(1);
    expect(editDistance('convoy', 'cnovoy', 2)).toBe(1);
    expect(editDistance('children', 'chidlren', 2)).toBe(1);
    expect(editDistance('sanctions', 'santcions', 2)).toBe(1);
    expect(editDistance('sanctions', 'sactnions', 2)).toBe(2);
  });

  it('gives up at max + 1 whatever the true distance', () => {
    expect(editDistance('ceasefire', 'committee', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 1)).toBe(2);
    expect(editDistance('abcdef', 'badcfe', 2)).toBe(3);
    expect(editDistance('abcdef', 'badcfe', 3)).toBe(3);
  });

  it('compares longer words than its reused rows first held', () => {
    const long = 'x'.repeat(60);
    expect(editDistance(long, `${long}y`, 1)).toBe(1);
    expect(editDistance('short', 'shrot', 1)).toBe(1);
  });
});
