import type { IndexFile } from './corpus-index.ts';
import { packStrings } from './packed-strings.ts';

/**
 * The same index file with its texts, annotations, postings and passage term lists held packed (packStrings), each
 * item made a string when read: for a runtime whose memory is tight (a Worker has 128 MB), at some CPU per read.
 * At 5,000 news articles these are about 60% of a loaded index's heap.
 */
export function packIndexFile(file: IndexFile): IndexFile {
  // V8's JSON.parse makes strings of 13 characters or more slices of the text parsed: one id or name kept from a
  // segment keeps the whole segment's text alive (12 segments of 5,000 articles: about 90 MB). What is kept as
  // objects is copied (structuredClone makes new strings), so the parsed texts can go.
  const { articles, figures, people, events, names, countries, acronyms } = file;
  const kept = structuredClone({ articles, figures, people, events, names, countries, acronyms, terms: file.lunr.terms });
  return {
    ...file,
    ...kept,
    texts: packStrings(file.texts),
    annotations: packStrings(file.annotations),
    lunr: { ...file.lunr, terms: kept.terms, postings: packStrings(file.lunr.postings), docs: packStrings(file.lunr.docs) },
  };
}
