import { B, decodeAscending, K1, parseTerm, type CompactLunr } from './lunr-compact.ts';
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
 * lunr's per-match objects, sets and field references, and builds no document vector: a document's stored term list
 * is scanned once for its length and the query terms' frequencies, and only those terms are weighed (at 20,000
 * articles decoding whole vectors was most of a question's cost).
 */
export function scoreTerms(compact: CompactLunr, termIds: Map<string, number>, docs: string[], terms: Array<{ stem: string; boost: number }>): Scored[] {
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
    const found = decodeAscending(compact.postings[id]!, limit);
    storeCounters.postingsRead += found.length;
    postings.push(found);
  }
  const ids = [...query.keys()].sort((a, b) => a - b);
  const weights = ids.map((id) => query.get(id)!);
  let sumOfSquares = 0;
  for (const w of weights) sumOfSquares += w * w;
  const magnitude = Math.sqrt(sumOfSquares);
  const n = compact.documents ?? docs.length;
  const idfs = ids.map((id) => {
    const df = compact.df[id]!;
    return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
  });
  const tfs = new Float64Array(ids.length);
  const seen = new Set<number>();
  const results: Scored[] = [];
  for (const found of postings) {
    for (const doc of found) {
      if (seen.has(doc)) continue;
      seen.add(doc);
      const length = scanDoc(docs[doc] ?? '', ids, tfs);
      let dot = 0;
      for (let i = 0; i < ids.length; i++) {
        const tf = tfs[i]!;
        if (!tf) continue;
        // lunr's Builder's BM25 weight and rounding (documentVector in lunr-compact.ts)
        const score = (idfs[i]! * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / compact.averageFieldLength)) + tf);
        dot += weights[i]! * (Math.round(score * 1000) / 1000);
      }
      results.push({ doc, score: dot / magnitude || 0 });
    }
  }
  return results.sort((a, b) => b.score - a.score);
}

/**
 * One pass over a stored document (ascending term ids as base-36 deltas, ".tf" after a repeated term, see
 * encodeAscending): returns its length (the sum of its term frequencies) and sets tfs[i] to the frequency of ids[i]
 * (ascending), 0 when absent. Hand-written because it runs for up to 3,000 documents a question and
 * `split`/`parseInt` allocate for each.
 */
export function scanDoc(text: string, ids: number[], tfs: Float64Array): number {
  tfs.fill(0);
  const end = text.length;
  let length = 0;
  let last = 0;
  let i = 0;
  let pos = 0;
  while (pos < end) {
    let value = 0;
    let c = text.charCodeAt(pos);
    while (pos < end && c !== 44 && c !== 46) {
      value = value * 36 + (c <= 57 ? c - 48 : c - 87);
      c = text.charCodeAt(++pos);
    }
    let tf = 1;
    if (pos < end && c === 46) {
      tf = 0;
      c = text.charCodeAt(++pos);
      while (pos < end && c !== 44) {
        tf = tf * 10 + (c - 48);
        c = text.charCodeAt(++pos);
      }
    }
    pos++;
    last += value;
    length += tf;
    while (i < ids.length && ids[i]! < last) i++;
    if (i < ids.length && ids[i] === last) tfs[i] = tf;
  }
  return length;
}
