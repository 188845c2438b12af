/**
 * Long work written as a generator that yields between steps, so one piece of code runs either at once (runSteps:
 * the CLI, a compaction, tests) or paced (runPaced: a server reloading its corpus, which keeps answering from the old
 * one meanwhile instead of stalling every request until the reload is done).
 *
 * Why not a library: Node 20 has no `scheduler.yield`, and what is needed here is a generator and a loop; the
 * pacing policy (pause only when a slice has run its budget) is the whole of it.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs steps, awaiting `pause()` whenever the work since the last pause has run `sliceMs` or more, so nothing else
 * waits much longer than a slice (plus the longest single step) for its turn.
 */
export async function runPaced<T>(steps: Steps<T>, pause: () => Promise<void>, sliceMs = 20): Promise<T> {
  let since = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}
