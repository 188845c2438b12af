import { prepareCorpusSteps } from '../core/answer/prepare.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import { runPaced } from '../core/store/steps.ts';

/** One turn of the event loop: what a paced step (steps.ts) waits for, so requests waiting for the loop run first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * prepareCorpus a lookup at a time, a turn of the event loop between them, so a server answers meanwhile (a question
 * that needs a lookup not yet made makes it itself); returns the milliseconds it took from start to end.
 */
export async function preparedPaced(corpus: Corpus, pause: () => Promise<void> = nextTurn, sliceMs?: number): Promise<number> {
  const start = performance.now();
  await runPaced(prepareCorpusSteps(corpus), pause, sliceMs);
  return Math.round(performance.now() - start);
}
