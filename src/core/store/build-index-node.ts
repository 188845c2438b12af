import { countryOf, isCapital } from '../annotate/geo.ts';
import { winkTagger } from '../annotate/wink-tagger.ts';
import type { Article } from '../schema.ts';
import { buildIndexWith } from './build-index.ts';
import type { IndexFile } from './corpus-index.ts';

/** Builds the index with the full annotator: wink-nlp's tagger and the world-countries data (Node and tests). */
export function buildIndex(articles: Article[], builtAt: Date): IndexFile {
  return buildIndexWith(articles, builtAt, { tagger: winkTagger, countryOf, isCapital });
}
