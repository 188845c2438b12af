import { prepareCorpus } from '../core/answer/prepare.ts';
import type { Corpus } from '../core/store/corpus-index.ts';

/** Prepares a loaded corpus for questions (prepareCorpus) and returns how long it took, in whole milliseconds. */
export function preparedIn(corpus: Corpus): number {
  const start = performance.now();
  prepareCorpus(corpus);
  return Math.round(performance.now() - start);
}
