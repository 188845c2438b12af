import lunr from 'lunr';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../../bench/questions.ts';
import { generateCorpus } from '../../../bench/synthetic.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadCorpus, type Corpus } from '../../../src/core/store/corpus-index.ts';
import { countDocumentLengths, scoreTerms } from '../../../src/core/store/score-terms.ts';
import { frequenciesAt, itemBytes, postingsAt, termIdsInto } from '../../../src/core/store/byte-items.ts';
import { decodeAscending, decodeDoc, encodeAscending } from '../../../src/core/store/lunr-compact.ts';
import { buildConcepts, queryTerms } from '../../../src/core/store/retrieve.ts';
import { readArticles } from '../../../src/index/fs-corpus.ts';
import { ROOT, seedCorpus } from '../../helpers/seed-corpus.ts';
import { storedFormat6 } from '../../helpers/split-index.ts';

/** Item d's term ids as a list, read into a buffer that starts at one id so its growing is tested too. */
function idsAt(items: ReturnType<typeof itemBytes>, d: number): number[] {
  const into = { ids: new Int32Array(1) };
  const count = termIdsInto(items, d, into);
  return [...into.ids.subarray(0, count)];
}

let synthetic: Corpus;
/** the same index stored as format 6 (postings and term lists read from its binary search part) */
let syntheticSearchPart: Corpus;

beforeAll(async () => {
  const seeds = await readArticles(`${ROOT}data`);
  const built = buildIndex(generateCorpus(21, 60, seeds), new Date('2026-01-01T00:00:00Z'));
  synthetic = loadCorpus(JSON.parse(JSON.stringify(built)));
  const stored = storedFormat6(built, { splitAboveChars: 0, partChars: 20_000 });
  syntheticSearchPart = loadCorpus(stored.main, { readTextPart: stored.readTextPart });
  // one corpus has its documents' lengths counted ahead (as a server prepares it), the others count them as met
  countDocumentLengths(syntheticSearchPart.docs);
}, 60_000);

/** What lunr's own Index.query returns for the terms. */
function viaLunr(corpus: Corpus, terms: Array<{ stem: string; boost: number }>) {
  return corpus.index.query((q) => {
    for (const { stem, boost } of terms) q.term(stem, { usePipeline: false, boost, presence: lunr.Query.presence.OPTIONAL });
  }).map((r) => ({ doc: Number(r.ref), score: r.score }));
}

describe('scoreTerms (lunr\'s query computed directly)', () => {
  it('returns the documents, scores and order lunr\'s Index.query returns, limited terms included', () => {
    let compared = 0;
    let tiesAtCut = 0;
    for (const corpus of [seedCorpus(), synthetic, syntheticSearchPart]) {
      for (const question of benchQuestions(4)) {
        const words = question.match(/[\p{L}\p{N}]+/gu) ?? [];
        const concepts = buildConcepts(corpus, words);
        for (const terms of [queryTerms(corpus, concepts), concepts.flatMap((c) => [...c.stems].map((stem) => ({ stem, boost: 0.7 })))]) {
          const known = terms.filter((t) => corpus.termIds.has(t.stem.split('\u0001')[0]!));
          if (!known.length) continue;
          const full = scoreTerms(corpus.data.lunr, corpus.termIds, corpus.docs, known);
          expect(full, question).toEqual(viaLunr(corpus, known));
          compared++;
          // the best few, without sorting all: what a stable sort of all puts first, ties at the cut in the order met
          for (const limit of [1, 7, 40]) {
            expect(scoreTerms(corpus.data.lunr, corpus.termIds, corpus.docs, known, limit), question).toEqual(full.slice(0, limit));
            if (full.length > limit && full[limit - 1]!.score === full[limit]!.score) tiesAtCut++;
          }
        }
      }
      // a term limited to its newest documents, as the postings budget sends it
      const common = corpus.data.lunr.terms.map((t, i) => ({ t, df: corpus.data.lunr.df[i]! })).sort((a, b) => b.df - a.df).slice(0, 3);
      const limited = common.map(({ t, df }) => ({ stem: `${t}\u0001${Math.ceil(df / 3)}`, boost: 1 }));
      expect(scoreTerms(corpus.data.lunr, corpus.termIds, corpus.docs, limited)).toEqual(viaLunr(corpus, limited));
    }
    expect(compared).toBeGreaterThan(60);
    expect(tiesAtCut).toBeGreaterThan(0);
  });

  it('reads a stored document\'s length and the asked terms\' frequencies from its bytes as decoding its string does', () => {
    // a list held as strings (packed on first use) and one read from a search part's bytes (format 6)
    for (const corpus of [synthetic, syntheticSearchPart]) {
      const { docs } = corpus;
      const bytes = itemBytes(docs);
      let matched = 0;
      for (let d = 0; d < docs.length; d += 7) {
        const { ids, tfs } = decodeDoc(docs[d]!);
        expect(idsAt(bytes, d)).toEqual(ids);
        const asked = [...new Set([ids[0]!, ids.at(-1)! + 1, ...ids.filter((_, i) => i % 3 === 1), ids[Math.floor(ids.length / 2)]! + 1])].sort((a, b) => a - b);
        const out = new Float64Array(asked.length);
        expect(frequenciesAt(bytes, d, asked, out, false)).toBe(tfs.reduce((a, b) => a + b, 0));
        const expected = asked.map((id) => tfs[ids.indexOf(id)] ?? 0);
        expect([...out]).toEqual(expected);
        matched += expected.filter((tf) => tf > 1).length;
      }
      expect(matched).toBeGreaterThan(0);
      const { postings } = corpus.data.lunr;
      const postingBytes = itemBytes(postings);
      for (let t = 0; t < postings.length; t += 5) {
        expect(postingsAt(postingBytes, t)).toEqual(decodeAscending(postings[t]!));
        expect(postingsAt(postingBytes, t, 2)).toEqual(decodeAscending(postings[t]!, 2));
      }
    }
    // the search part's lists are read in place (past its header), a list of strings is packed once
    expect(itemBytes(syntheticSearchPart.docs).base).toBeGreaterThan(0);
    expect(itemBytes(synthetic.docs)).toBe(itemBytes(synthetic.docs));
    const empty = itemBytes(['', encodeAscending([3, 40, 41, 1300], [1, 12, 1, 2])]);
    expect(frequenciesAt(empty, 0, [1, 2], new Float64Array(2), false)).toBe(0);
    expect(idsAt(empty, 0)).toEqual([]);
    expect(idsAt(empty, 1)).toEqual([3, 40, 41, 1300]);
    const tfs = new Float64Array(2);
    expect(frequenciesAt(empty, 1, [40, 1300], tfs, false)).toBe(16);
    expect([...tfs]).toEqual([12, 2]);
    expect(decodeDoc(encodeAscending([3, 40, 41, 1300], [1, 12, 1, 2]))).toEqual({ ids: [3, 40, 41, 1300], tfs: [1, 12, 1, 2] });
    expect(decodeDoc('')).toEqual({ ids: [], tfs: [] });
  });
});
