import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { joinSplitIndex, type StoredSplitFile } from '../../../src/core/store/index-split.ts';
import { passagesOf } from '../../../src/core/store/passages.ts';
import { asciiJson, packSearchPart, unpackSearchPart, searchPartRef } from '../../../src/core/store/search-part.ts';
import { ITEM_BYTES, itemBytes, termIdsInto } from '../../../src/core/store/byte-items.ts';
import { packStrings } from '../../../src/core/store/packed-strings.ts';
import { fixedClock } from '../../helpers/seed-corpus.ts';
import { seedArticles as articles, seedBuilt as built, SMALL_LAYOUT as SMALL, SPLIT_QUESTIONS as QUESTIONS, storedFormat6, thrownBy as error } from '../../helpers/split-index.ts';

/** Item d's term ids as a list, read into a buffer that starts at one id so its growing is tested too. */
function idsAt(items: ReturnType<typeof itemBytes>, d: number): number[] {
  const into = { ids: new Int32Array(1) };
  const count = termIdsInto(items, d, into);
  return [...into.ids.subarray(0, count)];
}


describe('the search part (format 6)', () => {
  it('packs postings, term lists and annotations and gives each back as it was, non-ASCII annotations included', () => {
    const lists = { postings: ['0,1,a', '', '5'], docs: ['0,2.3', '1'], annotations: ['{"s":"Café – “quoted”"}', ''] };
    const bytes = packSearchPart(lists);
    const back = unpackSearchPart(searchPartRef('x', bytes), bytes, { terms: 3, passages: 2 });
    expect([...back.postings]).toEqual(lists.postings);
    expect([...back.docs]).toEqual(lists.docs);
    expect([...back.annotations]).toEqual(lists.annotations);
    expect(back.docs[2]).toBeUndefined();
  });

  it('loads reading the search part once and no text part, and answers as the one-file index', () => {
    const whole = loadCorpus(JSON.parse(JSON.stringify(built)));
    const stored = storedFormat6(built, SMALL);
    expect((stored.main as { format: number }).format).toBe(6);
    const corpus = loadCorpus(stored.main, { readTextPart: stored.readTextPart });
    expect(stored.reads).toEqual([stored.searchName]);
    expect([...corpus.docs]).toEqual(built.lunr.docs);
    expect([...corpus.data.lunr.postings]).toEqual(built.lunr.postings);
    expect(corpus.data.annotations.map((a) => a)).toEqual(whole.data.annotations.map((a) => a));
    for (const q of QUESTIONS) expect(answerQuestion(q, { corpus, clock: fixedClock() })).toEqual(answerQuestion(q, { corpus: whole, clock: fixedClock() }));
    expect([...corpus.data.passages]).toEqual(passagesOf(built));
  });

  it('joins back into the one-file index', () => {
    const stored = storedFormat6(built, SMALL);
    const joined = joinSplitIndex(stored.main as StoredSplitFile, stored.readTextPart);
    expect({ ...joined, checksum: '' }).toEqual({ ...built, checksum: '' });
    expect(loadCorpus(JSON.parse(JSON.stringify(joined))).data.passages.length).toBe(passagesOf(built).length);
  });

  it('refuses a search part damaged, cut short or of another build at load, with a clear error', () => {
    const flipped = storedFormat6(built, SMALL);
    const bytes = flipped.binaries.get(flipped.searchName)!.slice();
    bytes[bytes.length >> 1]! ^= 1;
    flipped.binaries.set(flipped.searchName, bytes);
    expect(error(() => loadCorpus(flipped.main, { readTextPart: flipped.readTextPart }))).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/search part a\.search is damaged or belongs to another build \(its checksum does not match\); run `sitrep build`/) });
    const cut = storedFormat6(built, SMALL);
    cut.binaries.set(cut.searchName, cut.binaries.get(cut.searchName)!.subarray(0, 1000));
    expect(error(() => loadCorpus(cut.main, { readTextPart: cut.readTextPart }))?.message).toMatch(/search part a\.search is damaged .*1000 bytes/);
    // another build's part (fewer articles) under this build's name
    const other = storedFormat6(buildIndex(articles.slice(1), new Date('2026-01-01T00:00:00Z')), SMALL);
    const foreign = storedFormat6(built, SMALL);
    foreign.binaries.set(foreign.searchName, other.binaries.get(other.searchName)!);
    expect(error(() => loadCorpus(foreign.main, { readTextPart: foreign.readTextPart }))?.message).toMatch(/search part a\.search is damaged or belongs to another build/);
  });

  it('refuses a part whose checksum matches but whose lists do not (a consistent forgery), before loading anything', () => {
    const stored = storedFormat6(built, SMALL);
    const good = stored.binaries.get(stored.searchName)!;
    const short = packSearchPart({ postings: built.lunr.postings.slice(1), docs: built.lunr.docs, annotations: built.annotations });
    const main = stored.main as { searchPart: { checksum: string; bytes: number } };
    const forged = { ...main, searchPart: { ...main.searchPart, ...searchPartRef(stored.searchName, short) } };
    stored.binaries.set(stored.searchName, short);
    // the main file's checksum covers its search part's: the edited main file is not trusted
    expect(error(() => loadCorpus(forged, { readTextPart: stored.readTextPart }))?.message).toMatch(/checksum does not match/);
    // and a part that is whole by its own checksum but holds other lists than the main file's is refused by its counts
    expect(error(() => unpackSearchPart(searchPartRef('x', short), short, { terms: built.lunr.terms.length, passages: built.lunr.docs.length }))?.message)
      .toMatch(/search part x is damaged or belongs to another build \(\d+ terms and \d+ passages, not/);
    expect(unpackSearchPart(searchPartRef('x', good), good, { terms: built.lunr.terms.length, passages: built.lunr.docs.length }).docs.length).toBe(built.lunr.docs.length);
  });

  it('says when the runtime cannot read binary parts', () => {
    const stored = storedFormat6(built, SMALL);
    expect(error(() => loadCorpus(stored.main, { readTextPart: (name) => stored.readTextPart(name) }))).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/binary part, which this runtime cannot read/) });
    expect(error(() => loadCorpus(stored.main))).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/texts in part files, which this runtime cannot read/) });
  });

  it('keeps a list packed (packStrings) and gives each item back as it was, ASCII or not', () => {
    for (const list of [['0,1.2,a', '', 'zz'], ['plain', 'Café – “quoted” 😀', '']]) {
      const packed = packStrings(list);
      expect(packed).toHaveLength(list.length);
      expect([...packed]).toEqual(list);
      // an ASCII list also carries its bytes, which scoring reads in place; another is only strings
      const own = (packed as unknown as Record<symbol, unknown>)[ITEM_BYTES];
      expect(own !== undefined).toBe(list[0] === '0,1.2,a');
      if (own) expect(idsAt(itemBytes(packed), 0)).toEqual([0, 1, 11]);
      expect(packed[list.length]).toBeUndefined();
    }
  });

  it('writes the main file in ASCII that parses to the same value', () => {
    const value = { a: 'Café – “quoted” 😀', b: ['plain'] };
    expect(asciiJson(value)).toMatch(/^[\x00-\x7f]*$/);
    expect(JSON.parse(asciiJson(value))).toEqual(value);
  });
});
