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
  for (const text of texts) {
    const d = docs.length;
    const counts = new Map<number, number>();
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
          }
        }
        wordTerm.set(word, id);
      }
      if (id < 0) continue;
      length++;
      const seen = counts.get(id);
      if (seen === undefined) {
        counts.set(id, 1);
        postings[id]!.push(d);
      } else counts.set(id, seen + 1);
    }
    totalLength += length;
    const ids = [...counts.keys()].sort((a, b) => a - b);
    docs.push(encodeAscending(ids, ids.map((id) => counts.get(id)!)));
  }
  return {
    version: lunr.version, field, pipeline: pipeline.toJSON() as unknown as string[],
    averageFieldLength: docs.length ? totalLength / docs.length : 1,
    terms, df: postings.map((p) => p.length), postings: postings.map((p) => encodeAscending(p)), docs,
  };
}
