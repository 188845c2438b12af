import lunr from 'lunr';
import { storeCounters } from './counters.ts';
import { runSteps, type Steps } from './steps.ts';

/**
 * lunr's index in a compact, fast-to-load shape. Document refs are passage numbers; terms keep lunr's `_index`
 * order; postings and each document's terms are delta-encoded base-36 strings, decoded only when a query
 * touches them; field vectors are recomputed on first use with lunr's own BM25 formula and rounding.
 * Loading therefore parses strings instead of building lunr's token-set trie and every vector up front.
 */
export interface CompactLunr {
  version: string;
  field: string;
  pipeline: string[];
  averageFieldLength: number;
  terms: string[];
  /** df[termIndex]: number of documents holding the term */
  df: number[];
  /** postings[termIndex]: ascending document numbers, delta-encoded, base 36, comma-separated */
  postings: string[];
  /** docs[document]: ascending term indices, delta-encoded, base 36, ".tf" when a term occurs more than once */
  docs: string[];
  /** documents in the whole corpus when this index holds only some of them (a store's per-question part) */
  documents?: number;
}

/** lunr's BM25 parameters (its Builder's defaults) */
export const K1 = 1.2;
export const B = 0.75;

/** Encodes ascending numbers as base-36 deltas, with ".count" after a value counted more than once. */
export function encodeAscending(values: number[], counts?: number[]): string {
  return values.map((v, i) => `${(i === 0 ? v : v - values[i - 1]!).toString(36)}${counts && counts[i]! > 1 ? `.${counts[i]}` : ''}`).join(',');
}

/** Decodes a posting string into document numbers: all of them, or the first `limit`. */
export function decodeAscending(text: string, limit = Infinity): number[] {
  if (!text) return [];
  const out: number[] = [];
  let last = 0;
  let start = 0;
  while (start < text.length && out.length < limit) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length;
    last += parseInt(text.slice(start, end), 36);
    out.push(last);
    start = end + 1;
  }
  return out;
}

/**
 * Decodes a document string into term indices and their frequencies. Parsed by hand, a character at a time: it runs
 * for hundreds of passages a question, and `split`/`parseInt` allocate a string for every term.
 */
export function decodeDoc(text: string): { ids: number[]; tfs: number[] } {
  const ids: number[] = [];
  const tfs: number[] = [];
  const end = text.length;
  let last = 0;
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
    ids.push((last += value));
    tfs.push(tf);
  }
  return { ids, tfs };
}

interface BuilderInternals {
  invertedIndex: Record<string, { _index: number } & Record<string, Record<string, unknown>>>;
  fieldTermFrequencies: Record<string, Record<string, number>>;
  averageFieldLength: Record<string, number>;
  pipeline: lunr.Pipeline;
}

/** Compacts a lunr.Builder that has built an index over one field with refs 0..docCount-1. */
export function compactBuilder(builder: lunr.Builder, field: string, docCount: number): CompactLunr {
  const internals = builder as unknown as BuilderInternals;
  const terms: string[] = [];
  const df: number[] = [];
  const postings: string[] = [];
  for (const [term, posting] of Object.entries(internals.invertedIndex)) {
    const docs = Object.keys(posting[field] ?? {}).map(Number).sort((a, b) => a - b);
    terms[posting._index] = term;
    df[posting._index] = docs.length;
    postings[posting._index] = encodeAscending(docs);
  }
  const docs: string[] = [];
  for (let d = 0; d < docCount; d++) {
    const frequencies = internals.fieldTermFrequencies[`${field}/${d}`] ?? {};
    const entries = Object.entries(frequencies).map(([term, tf]) => [internals.invertedIndex[term]!._index, tf] as const).sort((a, b) => a[0] - b[0]);
    docs.push(encodeAscending(entries.map((e) => e[0]), entries.map((e) => e[1])));
  }
  return {
    version: lunr.version, field, pipeline: internals.pipeline.toJSON() as unknown as string[],
    averageFieldLength: internals.averageFieldLength[field] ?? 1, terms, df, postings, docs,
  };
}

/** lunr's BM25 weights for one document, as lunr's Builder computes them: [term id, weight, term id, weight, ...]. */
export function documentVector(compact: CompactLunr, docs: string[], doc: number): number[] {
  const { ids, tfs } = decodeDoc(docs[doc] ?? '');
  const length = tfs.reduce((sum, tf) => sum + tf, 0);
  const n = compact.documents ?? docs.length;
  const elements: number[] = [];
  for (let i = 0; i < ids.length; i++) elements.push(ids[i]!, bm25(termIdf(n, compact.df[ids[i]!]!), tfs[i]!, length, compact.averageFieldLength));
  return elements;
}

/** lunr's inverse document frequency of a term held by df of n documents. */
export function termIdf(n: number, df: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** lunr's BM25 weight of a term in one document, rounded to three places as lunr's Builder rounds it. */
export function bm25(idf: number, tf: number, length: number, averageLength: number): number {
  const score = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / averageLength)) + tf);
  return Math.round(score * 1000) / 1000;
}

/** Separates a stem from a posting limit in a query term: `cambodia\u0001300` is "cambodia" in its newest 300 documents. */
const LIMIT_MARK = '\u0001';

/** A query term that lunr looks up as the stem's first `limit` documents (documents are stored newest first). */
export function limitedTerm(stem: string, limit: number): string {
  return `${stem}${LIMIT_MARK}${limit}`;
}

export function parseTerm(term: string): { stem: string; limit: number } {
  const mark = term.indexOf(LIMIT_MARK);
  return mark < 0 ? { stem: term, limit: Infinity } : { stem: term.slice(0, mark), limit: Number(term.slice(mark + 1)) };
}

/** Lazily materialised postings and vectors are kept up to these counts, then dropped and rebuilt on demand. */
const MAX_CACHED_POSTINGS = 4_000;
const MAX_CACHED_VECTORS = 60_000;

/** A real lunr.Index over a compact index, for exact-term queries (the engine uses no wildcards or fuzzy terms). */
export function expandLunr(compact: CompactLunr, termIds: Map<string, number>, docs: string[]): lunr.Index {
  const { field } = compact;
  const postingCache = new Map<string, object>();
  const invertedIndex = new Proxy(Object.create(null) as Record<string, unknown>, {
    get(_target, term) {
      if (typeof term !== 'string') return undefined;
      const cached = postingCache.get(term);
      if (cached) {
        storeCounters.postingsRead += (cached as { size: number }).size;
        return cached;
      }
      const { stem, limit } = parseTerm(term);
      const id = termIds.get(stem);
      if (id === undefined) return undefined;
      const matching: Record<string, object> = Object.create(null);
      // A limited term reads only the head of its posting: the cost is the limit, not the term's frequency.
      const docsOf = decodeAscending(compact.postings[id]!, limit);
      storeCounters.postingsRead += docsOf.length;
      for (const doc of docsOf) matching[doc] = {};
      const posting = { _index: id, [field]: matching };
      // how many documents the posting holds, for the store's counters (not enumerable: lunr sees _index and the field)
      Object.defineProperty(posting, 'size', { value: docsOf.length, enumerable: false });
      if (postingCache.size >= MAX_CACHED_POSTINGS) postingCache.clear();
      postingCache.set(term, posting);
      return posting;
    },
  });
  const vectorCache = new Map<string, lunr.Vector>();
  const prefix = `${field}/`;
  const fieldVectors = new Proxy(Object.create(null) as Record<string, lunr.Vector>, {
    get(_target, ref) {
      if (typeof ref !== 'string' || !ref.startsWith(prefix)) return undefined;
      let vector = vectorCache.get(ref);
      if (!vector) {
        vector = new lunr.Vector(documentVector(compact, docs, Number(ref.slice(prefix.length))));
        if (vectorCache.size >= MAX_CACHED_VECTORS) vectorCache.clear();
        vectorCache.set(ref, vector);
      }
      return vector;
    },
  });
  // lunr asks the token set which index terms a query clause matches; for exact terms that is a lookup.
  const tokenSet = {
    intersect: (clauseSet: lunr.TokenSet) => ({ toArray: () => clauseSet.toArray().filter((t) => termIds.has(parseTerm(t).stem)) }),
  } as unknown as lunr.TokenSet;
  return new lunr.Index({
    invertedIndex: invertedIndex as object,
    fieldVectors: fieldVectors as unknown as Record<string, lunr.Vector>,
    tokenSet,
    fields: [field],
    pipeline: lunr.Pipeline.load(compact.pipeline),
  } as unknown as lunr.Index.Attributes);
}

/** One compact index to merge, with where each of its documents goes in the merged index. */
export interface CompactPart {
  compact: CompactLunr;
  /** docMap[localDoc] = merged document number */
  docMap: number[];
}

/**
 * Merges compact indexes over disjoint documents into the one `compactBuilder` would give for all of them in merged
 * order: terms numbered in order of first use (as lunr's Builder numbers them), df summed, postings and document
 * term lists renumbered, averageFieldLength recomputed. Ranking on the result equals ranking after a full build.
 */
export function mergeCompactLunr(parts: CompactPart[], docCount: number): CompactLunr {
  return runSteps(mergeCompactLunrSteps(parts, docCount));
}

/** mergeCompactLunr in steps (see steps.ts): a step every few hundred documents and every few thousand terms. */
export function* mergeCompactLunrSteps(parts: CompactPart[], docCount: number): Steps<CompactLunr> {
  const first = parts[0]?.compact;
  if (!first) throw new Error('mergeCompactLunr needs at least one index');
  for (const { compact } of parts) {
    if (compact.version !== first.version || compact.field !== first.field || compact.pipeline.join() !== first.pipeline.join()) {
      throw new Error(`cannot merge lunr indexes built differently (${compact.version}/${compact.field}/${compact.pipeline.join()})`);
    }
  }
  // Which part and local document each merged document comes from.
  const source: Array<[number, number]> = new Array(docCount);
  const partDocs = parts.map(({ compact }) => compact.docs);
  parts.forEach(({ docMap }, s) => docMap.forEach((global, local) => (source[global] = [s, local])));
  const globalId = new Map<string, number>();
  const terms: string[] = [];
  const postings: number[][] = [];
  const docs: string[] = new Array(docCount);
  let totalLength = 0;
  for (let g = 0; g < docCount; g++) {
    if (g % 512 === 511) yield;
    const from = source[g];
    if (!from) throw new Error(`document ${g} is missing from every part`);
    const [s, local] = from;
    const { ids, tfs } = decodeDoc(partDocs[s]![local] ?? '');
    const entries: Array<[number, number]> = [];
    // Local ids ascend in the order the part first met its terms; a term new to the merge is new to its part
    // here too, so numbering new terms in local order reproduces lunr's numbering of a full build.
    for (let i = 0; i < ids.length; i++) {
      const term = parts[s]!.compact.terms[ids[i]!]!;
      let id = globalId.get(term);
      if (id === undefined) {
        id = terms.length;
        globalId.set(term, id);
        terms.push(term);
        postings.push([]);
      }
      postings[id]!.push(g);
      entries.push([id, tfs[i]!]);
      totalLength += tfs[i]!;
    }
    entries.sort((a, b) => a[0] - b[0]);
    docs[g] = encodeAscending(entries.map((e) => e[0]), entries.map((e) => e[1]));
  }
  const encoded: string[] = new Array(postings.length);
  // a step every 100,000 postings: the first terms met (the commonest) hold most of them
  let since = 0;
  for (let t = 0; t < postings.length; t++) {
    if (since > 100_000) {
      since = 0;
      yield;
    }
    encoded[t] = encodeAscending(postings[t]!);
    since += postings[t]!.length;
  }
  return {
    version: first.version, field: first.field, pipeline: first.pipeline,
    averageFieldLength: docCount ? totalLength / docCount : 1,
    terms, df: postings.map((p) => p.length), postings: encoded, docs,
  };
}
