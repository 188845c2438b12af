import type { Corpus } from '../core/store/corpus-index.ts';
import { readAheadSteps } from '../core/store/index-split.ts';

/** What a read-ahead did: the parts and characters read, and how long it took from start to end (wall, ms). */
export interface ReadAhead {
  parts: number;
  chars: number;
  ms: number;
}

/**
 * Reads a loaded corpus's text parts ahead of the questions (readAheadSteps), up to `maxChars` characters, one part a
 * turn of the event loop, so requests are answered meanwhile (a part takes a few ms). Stops early when `current()`
 * turns false (a reload replaced the corpus). Null for an index with no parts (one file) or a limit of 0.
 */
export async function readTextsAhead(corpus: Corpus, maxChars: number, current: () => boolean = () => true): Promise<ReadAhead | null> {
  if (maxChars <= 0) return null;
  const start = performance.now();
  let parts = 0;
  let chars = 0;
  for (const held of readAheadSteps(corpus.data.texts, maxChars)) {
    parts++;
    chars = held;
    await new Promise((resolve) => setImmediate(resolve));
    if (!current()) break;
  }
  return parts ? { parts, chars, ms: Math.round(performance.now() - start) } : null;
}
