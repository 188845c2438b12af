import lunr from 'lunr';
import { encodeAscending, type CompactLunr } from './lunr-compact.ts';

/**
 * The compact index `compactBuilder` gives for these documents (refs 0..n-1, one field), built directly: lunr's
 * tokenizer rules (lower case, split on spaces and hyphens) and the pipeline's steps run once per distinct word and
 * memoised, terms numbered in order of first use as lunr's Builder numbers them. No Builder, no per-token objects.
 */
export function buildCompact(texts: Iterable<string>, field: string, pipeline: lunr.Pipeline): CompactLunr {
  const termOf = new Map<string, number>();
  const terms: string[] = [];
  const postings: number[][] = [];
  const wordTerm = new Map<string, number>();
  const docs: string[] = [];
  let totalLength = 0;
  // A document's count of each term and the terms it has, reused from one document to the next: a Map a document
  // was garbage made a million times over in a large build, when the heap is largest and collections dearest.
  let counts = new Uint32Array(1024);
  const ids: number[] = [];
  for (const text of texts) {
    const d = docs.length;
    let length = 0;
    for (const word of text.toLowerCase().split(/[\s-]/)) {
      if (!word) continue;
      let id = wordTerm.get(word);
      if (id === undefined) {
        const out = pipeline.run([new lunr.Token(word, {})]);
        if (out.length > 1) throw new Error('buildCompact expects a pipeline giving at most one term a word');
        const term = out.length ? out[0]!.toString() : null;
        if (term === null) id = -1;
        else {
          id = termOf.get(term) ?? -1;
          if (id < 0) {
            id = terms.length;
            termOf.set(term, id);
            terms.push(term);
            postings.push([]);
            if (id >= counts.length) {
              const grown = new Uint32Array(counts.length * 2);
              grown.set(counts);
              counts = grown;
            }
          }
        }
        wordTerm.set(word, id);
      }
      if (id < 0) continue;
      length++;
      if (!counts[id]) {
        ids.push(id);
        postings[id]!.push(d);
      }
      counts[id] = counts[id]! + 1;
    }
    totalLength += length;
    ids.sort((a, b) => a - b);
    docs.push(encodeAscending(ids, ids.map((id) => counts[id]!)));
    for (const id of ids) counts[id] = 0;
    ids.length = 0;
  }
  return {
    version: lunr.version, field, pipeline: pipeline.toJSON() as unknown as string[],
    averageFieldLength: docs.length ? totalLength / docs.length : 1,
    terms, df: postings.map((p) => p.length), postings: postings.map((p) => encodeAscending(p)), docs,
  };
}
