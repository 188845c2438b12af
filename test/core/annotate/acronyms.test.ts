import { describe, expect, it } from 'vitest';
import { expandAcronyms, findAcronyms } from '../../../src/core/annotate/acronyms.ts';

/** Every acronym tried on the question in the list's order: what expandAcronyms did before it looked acronyms up. */
function everyAcronymTried(text: string, acronyms: Array<[string, string]>): string {
  let out = text;
  for (const [acronym, long] of acronyms) {
    const re = new RegExp(`\\b${acronym.replace(/&/g, '\\&')}s?\\b`, 'gi');
    if (re.test(out) && !out.toLowerCase().includes(long.toLowerCase())) out = out.replace(re, (m) => `${m} (${long})`);
  }
  return out;
}

describe('acronyms', () => {
  it('learns an acronym from the words before its bracket', () => {
    expect(findAcronyms('The Director General of Military Operations (DGMO) spoke.')).toEqual([['DGMO', 'Director General of Military Operations']]);
    expect(findAcronyms('Research and Development (R&D) grew.')).toEqual([['R&D', 'Research and Development']]);
    expect(findAcronyms('Grew (X) and fell (NoCaps).')).toEqual([]);
  });

  it('writes out the acronyms a question names, plural and any case, and leaves other words alone', () => {
    const acronyms: Array<[string, string]> = [['DGMO', 'Director General of Military Operations'], ['UN', 'United Nations'], ['GBC', 'General Border Committee']];
    expect(expandAcronyms('When do the DGMOs meet?', acronyms)).toBe('When do the DGMOs (Director General of Military Operations) meet?');
    expect(expandAcronyms('what did the un say', acronyms)).toBe('what did the un (United Nations) say');
    expect(expandAcronyms('What did the United Nations (UN) say?', acronyms)).toBe('What did the United Nations (UN) say?');
    expect(expandAcronyms('Who runs the UNHCR and the GBC_x?', acronyms)).toBe('Who runs the UNHCR and the GBC_x?');
  });

  it('writes out an acronym that a long form written in names, when it comes later in the list', () => {
    const acronyms: Array<[string, string]> = [['UNSC', 'UN Security Council'], ['UN', 'United Nations']];
    expect(expandAcronyms('What did the UNSC decide?', acronyms)).toBe('What did the UNSC (UN (United Nations) Security Council) decide?');
    expect(expandAcronyms('What did the UNSC decide?', [...acronyms].reverse())).toBe('What did the UNSC (UN Security Council) decide?');
  });

  it('gives what trying every acronym in turn gives, on random questions and lists', () => {
    const words = ['ab', 'AB', 'abs', 'ABC', 'bc', 'R&D', 'r&d', 'x', 'AB_', '_AB', 'ABé', 'éAB', 'C3', 'c3s', 'the', 'of'];
    const shorts = ['AB', 'ABC', 'BC', 'R&D', 'C3', 'X', 'AT&T'];
    const longs = ['Alpha Beta', 'AB Centre', 'the BC and AB', 'Research R&D', 'x of C3', 'Ab', 'ABC'];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 3000; round++) {
      const acronyms = Array.from({ length: 1 + next(6) }, (): [string, string] => [shorts[next(shorts.length)]!, longs[next(longs.length)]!]);
      const question = Array.from({ length: 1 + next(7) }, () => words[next(words.length)]!).join(next(3) ? ' ' : ', ');
      expect(expandAcronyms(question, acronyms)).toBe(everyAcronymTried(question, acronyms));
    }
  });
});
