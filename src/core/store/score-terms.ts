import { bm25, parseTerm, termIdf, type CompactLunr } from './lunr-compact.ts';
import { storeCounters } from './counters.ts';
import { frequenciesAt, itemBytes, postingsAt } from './byte-items.ts';
import { runSteps, type Steps } from './steps.ts';

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
 * lunr's per-match objects, sets and field references, and it never builds a document's whole vector: one pass over
 * the document's encoded terms gives its length and the frequencies of the question's terms, which is all the dot
 * product needs (building and caching whole vectors was most of a question's time and garbage at 5,000 articles).
 * Postings and term lists are parsed as the bytes they are stored as (byte-items.ts), not made into strings first.
 */
export function scoreTerms(compact: CompactLunr, termIds: Map<string, number>, docs: string[], terms: Array<{ stem: string; boost: number }>, limit = Infinity): Scored[] {
  const query = new Map<number, number>();
  const postings: number[][] = [];
  const postingBytes = itemBytes(compact.postings);
  for (const { stem: term, boost } of terms) {
    const { stem, limit } = parseTerm(term);
    const id = termIds.get(stem);
    if (id === undefined) continue;
    if (query.has(id)) {
      query.set(id, query.get(id)! + boost);
      continue;
    }
    query.set(id, boost);
    const found = postingsAt(postingBytes, id, limit);
    storeCounters.postingsRead += found.length;
    postings.push(found);
  }
  const ids = [...query.keys()].sort((a, b) => a - b);
  const weights = ids.map((id) => query.get(id)!);
  const n = compact.documents ?? docs.length;
  const idfs = ids.map((id) => termIdf(n, compact.df[id]!));
  let sumOfSquares = 0;
  for (const w of weights) sumOfSquares += w * w;
  const magnitude = Math.sqrt(sumOfSquares);
  const tfs = new Float64Array(ids.length);
  const lengths = lengthsOf(docs);
  const docBytes = itemBytes(docs);
  const seen = seenMarks(docs.length);
  let met = 0;
  for (const found of postings) {
    for (const doc of found) {
      if (seen.marks[doc] === seen.round) continue;
      seen.marks[doc] = seen.round;
      let length = lengths[doc]!;
      const counted = frequenciesAt(docBytes, doc, ids, tfs, length > 0);
      if (!(length > 0)) lengths[doc] = length = counted;
      let dot = 0;
      for (let i = 0; i < ids.length; i++) if (tfs[i]) dot += weights[i]! * bm25(idfs[i]!, tfs[i]!, length, compact.averageFieldLength);
      if (met === scratch.docs.length) growScratch();
      scratch.docs[met] = doc;
      scratch.scores[met++] = dot / magnitude || 0;
    }
  }
  return best(met, limit);
}

/**
 * The documents one scoring met and their scores, in the order met: arrays every scoring reuses (a question scores
 * up to 3,000 documents, and an object per document was the largest share of a question's garbage).
 */
let scratch = { docs: new Int32Array(4096), scores: new Float64Array(4096) };

function growScratch(): void {
  const docs = new Int32Array(scratch.docs.length * 2);
  const scores = new Float64Array(scratch.scores.length * 2);
  docs.set(scratch.docs);
  scores.set(scratch.scores);
  scratch = { docs, scores };
}

/**
 * The first `limit` of the `met` scored documents (in scratch) as a stable sort by score (highest first) orders them,
 * without sorting them all: a question scores up to 3,000 documents and reads the best 300. The limit-th best score
 * is found on a copy of the scores (a typed array sorts without a comparator); the results above it, then those
 * equal to it in the order met, are all the stable sort would put first. Only those become objects.
 */
function best(met: number, limit: number): Scored[] {
  const { docs, scores } = scratch;
  let threshold = -Infinity;
  let equal = met;
  if (met > limit) {
    const sorted = scores.slice(0, met).sort();
    threshold = sorted[met - limit]!;
    let above = 0;
    for (let i = 0; i < met; i++) if (scores[i]! > threshold) above++;
    equal = limit - above;
  }
  const kept: Scored[] = [];
  for (let i = 0; i < met; i++) {
    const score = scores[i]!;
    if (score > threshold) kept.push({ doc: docs[i]!, score });
    else if (score === threshold && equal > 0) {
      kept.push({ doc: docs[i]!, score });
      equal--;
    }
  }
  return kept.sort((a, b) => b.score - a.score);
}

/** Documents' lengths (their term frequencies summed) as first counted, per list of documents: 0 is not yet counted. */
const lengthTables = new WeakMap<string[], Float64Array>();

function lengthsOf(docs: string[]): Float64Array {
  let lengths = lengthTables.get(docs);
  if (!lengths) lengthTables.set(docs, (lengths = new Float64Array(docs.length)));
  return lengths;
}

/**
 * Counts every document's length ahead of the first question (a server calls it after loading, see prepareCorpus):
 * then scoring a document reads its term list only up to the question's last term id. A question otherwise reads
 * the whole list of each document it meets first, which is most of them at 20,000 articles and more (each question
 * meets up to 3,000 documents, and distinct questions meet new ones).
 */
export function countDocumentLengths(docs: string[]): void {
  runSteps(countDocumentLengthsSteps(docs));
}

/** countDocumentLengths in steps (steps.ts), a step every few thousand documents. */
export function* countDocumentLengthsSteps(docs: string[]): Steps<void> {
  const lengths = lengthsOf(docs);
  const bytes = itemBytes(docs);
  const none = new Float64Array(0);
  for (let d = 0; d < docs.length; d++) {
    if (d % 8192 === 8191) yield;
    if (!(lengths[d]! > 0)) lengths[d] = frequenciesAt(bytes, d, [], none, false);
  }
}

/**
 * Which documents one scoring has met: a mark per document holding the round that met it, so a scoring starts by
 * moving to the next round instead of clearing or allocating a set of thousands of documents.
 */
let seenTable = { marks: new Uint32Array(0), round: 0 };

function seenMarks(size: number): { marks: Uint32Array; round: number } {
  if (seenTable.marks.length < size || seenTable.round >= 0xffffffff) seenTable = { marks: new Uint32Array(size), round: 0 };
  seenTable.round++;
  return seenTable;
}
