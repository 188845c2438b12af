// Work in steps (src/core/store/steps.ts): the same generator run at once or paced gives the same result, and paced it
// lets other work run between slices. The merge of index files and the preparation of a corpus are written that way
// so a server reloading its corpus keeps answering.
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCorpusSteps } from '../../../src/core/answer/prepare.ts';
import { passagesByDay, passagesByDaySteps } from '../../../src/core/answer/answer.ts';
import { peopleIndex, peopleIndexSteps } from '../../../src/core/answer/people-index.ts';
import type { Article } from '../../../src/core/schema.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadCorpus, loadMergedSteps } from '../../../src/core/store/corpus-index.ts';
import { mergeIndexFiles, mergeIndexFilesSteps } from '../../../src/core/store/segments.ts';
import { runPaced, runSteps, type Steps } from '../../../src/core/store/steps.ts';
import { readArticles } from '../../../src/index/fs-corpus.ts';
import { ROOT } from '../../helpers/seed-corpus.ts';

function* counting(log: string[], n: number): Steps<number> {
  for (let i = 0; i < n; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('runSteps and runPaced', () => {
  it('runs every step and returns the result, at once or paced', async () => {
    const once: string[] = [];
    expect(runSteps(counting(once, 5))).toBe(5);
    const paced: string[] = [];
    expect(await runPaced(counting(paced, 5), async () => {}, 0)).toBe(5);
    expect(paced).toEqual(once);
  });

  it('pauses between slices only once a slice has run its budget', async () => {
    const log: string[] = [];
    const pause = async () => void log.push('pause');
    await runPaced(counting(log, 3), pause, 0);
    expect(log).toEqual(['step 0', 'pause', 'step 1', 'pause', 'step 2', 'pause']);
    const unhurried: string[] = [];
    await runPaced(counting(unhurried, 3), async () => void unhurried.push('pause'), 60_000);
    expect(unhurried).toEqual(['step 0', 'step 1', 'step 2']);
  });

  it('lets other work run while paced work goes on', async () => {
    const log: string[] = [];
    const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const work = runPaced(counting(log, 4), nextTurn, 0);
    setImmediate(() => log.push('a request'));
    await work;
    const at = log.indexOf('a request');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(log.length - 1);
  });

  it('stops at a step that throws, and the error reaches the caller', async () => {
    const log: string[] = [];
    function* failing(): Steps<number> {
      log.push('one');
      yield;
      throw new Error('damaged part');
    }
    await expect(runPaced(failing(), async () => {}, 0)).rejects.toThrow('damaged part');
    expect(() => runSteps(failing())).toThrow('damaged part');
    expect(log).toEqual(['one', 'one']);
  });
});

describe('the merge and the preparation in steps', () => {
  let seeds: Article[];
  beforeAll(async () => {
    seeds = await readArticles(`${ROOT}data`);
  });
  const built = new Date('2026-01-05T09:00:00Z');

  it('merges index files paced into exactly what the merge at once gives, pausing between slices', async () => {
    const files = [buildIndex(seeds.slice(0, 2), built), buildIndex(seeds.slice(2, 4), built), buildIndex(seeds.slice(4), built)];
    let pauses = 0;
    const paced = await runPaced(mergeIndexFilesSteps(files), async () => void pauses++, 0);
    expect(paced).toEqual(mergeIndexFiles(files));
    expect(pauses).toBeGreaterThanOrEqual(4);
    // and the merged file loads in steps into the corpus loadCorpus makes of it
    const corpus = runSteps(loadMergedSteps(paced));
    expect(corpus.data.passages.length).toBe(loadCorpus(paced).data.passages.length);
    expect(() => runSteps(loadMergedSteps({ ...paced, texts: paced.texts.slice(1) }))).toThrow(/checksum/);
  });

  it('keeps a lookup a question made while the corpus was being prepared', () => {
    const corpus = loadCorpus(buildIndex(seeds, built));
    // each lookup's steps paused half-way, when a question arrives and makes the lookup itself
    const daySteps = passagesByDaySteps(corpus);
    const peopleSteps = peopleIndexSteps(corpus.data.people);
    expect(daySteps.next().done).toBe(false);
    expect(peopleSteps.next().done).toBe(false);
    const days = passagesByDay(corpus);
    const people = peopleIndex(corpus.data.people);
    // the steps end on the lookup the question made, so every later question reads the same one
    expect(runSteps(daySteps)).toBe(days);
    expect(runSteps(peopleSteps)).toBe(people);
    runSteps(prepareCorpusSteps(corpus));
    expect(passagesByDay(corpus)).toBe(days);
    expect(peopleIndex(corpus.data.people)).toBe(people);
    expect(days.size).toBeGreaterThan(0);
  });
});
