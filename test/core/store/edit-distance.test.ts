import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConcepts, editDistance } from '../../../src/core/store/retrieve.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { resetStoreCounters, storeCounters } from '../../../src/core/store/counters.ts';

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

describe('typo correction in buildConcepts', () => {
  const corpus = loadCorpus(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'index.json'), 'utf8')));

  it('corrects a misspelt word to an index term, and compares no terms when the same word comes again', () => {
    resetStoreCounters();
    const [first] = buildConcepts(corpus, ['cambodain']);
    const compared = storeCounters.termsCompared;
    expect(compared).toBeGreaterThan(0);
    expect(first!.known).toBe(true);
    expect([...first!.stems]).toContain('cambodian');
    const [again] = buildConcepts(corpus, ['cambodain']);
    expect(storeCounters.termsCompared).toBe(compared);
    expect([...again!.stems]).toEqual([...first!.stems]);
    // another corpus object is corrected afresh (the memo is per corpus)
    const other = loadCorpus(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'index.json'), 'utf8')));
    buildConcepts(other, ['cambodain']);
    expect(storeCounters.termsCompared).toBe(2 * compared);
  });
});
