import { decodeAscending, parseTerm, type CompactLunr } from './lunr-compact.ts';
import { storeCounters } from './counters.ts';

/** One scored document of `scoreTerms`, as lunr's Index.query scores it. */
export interface Scored {
  doc: number;
  score: number;
}

/**
 * What `lunr.Index.query` returns for optional, exact terms (each once) over the compact index, computed directly:
 * the same documents (each term's postings, or the newest `limit` of a limited term), the same scores (the query
 * vector's dot product with each document's BM25 vector over the query vector's magnitude, summed in term id order as
 * lunr sums them) and the same order (score, highest first; ties in the order lunr meets the documents). It skips
 * lunr's per-match objects, sets and field references, which were most of a question's cost on large corpora.
 */
export function scoreTerms(compact: CompactLunr, termIds: Map<string, number>, vectorOf: (doc: number) => number[], terms: Array<{ stem: string; boost: number }>): Scored[] {
  const query = new Map<number, number>();
  const postings: number[][] = [];
  for (const { stem: term, boost } of terms) {
    const { stem, limit } = parseTerm(term);
    const id = termIds.get(stem);
    if (id === undefined) continue;
    if (query.has(id)) {
      query.set(id, query.get(id)! + boost);
      continue;
    }
    query.set(id, boost);
    const docs = decodeAscending(compact.postings[id]!, limit);
    storeCounters.postingsRead += docs.length;
    postings.push(docs);
  }
  const ids = [...query.keys()].sort((a, b) => a - b);
  const weights = ids.map((id) => query.get(id)!);
  let sumOfSquares = 0;
  for (const w of weights) sumOfSquares += w * w;
  const magnitude = Math.sqrt(sumOfSquares);
  const seen = new Set<number>();
  const results: Scored[] = [];
  for (const docs of postings) {
    for (const doc of docs) {
      if (seen.has(doc)) continue;
      seen.add(doc);
      const vector = vectorOf(doc);
      let dot = 0;
      let i = 0;
      let j = 0;
      while (i < ids.length && j < vector.length) {
        const a = ids[i]!;
        const b = vector[j]!;
        if (a < b) i++;
        else if (a > b) j += 2;
        else {
          dot += weights[i]! * vector[j + 1]!;
          i++;
          j += 2;
        }
      }
      results.push({ doc, score: dot / magnitude || 0 });
    }
  }
  return results.sort((a, b) => b.score - a.score);
}
