// `sitrep serve` reloading its corpus after news arrives (src/index/serve-live.ts): the merge and the preparation run a
// slice at a time, so requests are answered from the corpus already loaded until the new one is ready; changes made
// while a reload runs get one more reload after it, not one each, and each caller waits for a reload that saw its change.
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type LogFields } from '../../src/adapters/logger.ts';
import { openCorpus } from '../../src/index/fs-corpus.ts';
import { readManifest } from '../../src/index/fs-journal.ts';
import { serveLive } from '../../src/index/serve-live.ts';
import { copyOfData } from '../helpers/run-cli.ts';
import { fixedClock } from '../helpers/seed-corpus.ts';
import { rmSync } from 'node:fs';

const clock = fixedClock();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pause the test holds shut until it lets the reload go on. */
function heldPause() {
  const state = { held: true, waiting: 0, release: [] as Array<() => void> };
  const pause = () => (state.held ? new Promise<void>((resolve) => { state.waiting++; state.release.push(resolve); }) : Promise.resolve());
  const open = () => {
    state.held = false;
    for (const resolve of state.release.splice(0)) resolve();
  };
  return { state, pause, open };
}

const turns = async (until: () => boolean, max = 500, each?: () => Promise<void>) => {
  for (let i = 0; i < max && !until(); i++) {
    await each?.();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return until();
};

const ARTICLES = [
  { title: 'Border crossing reopens to traders', text: 'Officials reopened the northern border crossing on Sunday after talks between the two governments.\n\nTraders said 40 lorries crossed in the first hour.' },
  { title: 'Flood waters recede in the delta', text: 'Flood waters began to recede in the delta provinces on Monday, the disaster agency said.\n\nAbout 12,000 families remain in shelters.' },
  { title: 'Central bank holds interest rates', text: 'The central bank kept its benchmark rate at 2.5 percent at its quarterly meeting.\n\nThe governor said inflation had eased since March.' },
];
const article = (n: number) => ({ ...ARTICLES[n - 1]!, published: '2026-01-04' });

async function setUp() {
  const dir = copyOfData();
  dirs.push(dir);
  const logs: LogFields[] = [];
  const logger = { ...silentLogger, info: (f: LogFields) => void logs.push(f), warn: (f: LogFields) => void logs.push(f) };
  const pace = heldPause();
  const corpus = await openCorpus(dir, clock);
  const live = await serveLive(dir, {}, corpus, { clock, logger, noToken: false, pace: { pause: pace.pause, sliceMs: 0 } });
  const app = new Hono().route('/v1', live.routes);
  const add = async (n: number): Promise<Response> => app.request('/v1/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(article(n)) });
  const reloads = () => logs.filter((l) => l.msg === 'corpus reloaded').length;
  // articles committed in segments (a compaction may merge segments, never drop an article)
  const committed = async () => ((await readManifest(dir))?.segments ?? []).reduce((sum, s) => sum + s.articles, 0);
  return { live, pace, add, reloads, committed, before: corpus.data.articles.length };
}

describe('serve reloading its corpus', () => {
  it('answers from the corpus it has while the new one is merged, then from the new one', async () => {
    const { live, pace, add, reloads, before } = await setUp();
    let added: Response | undefined;
    const adding = add(1).then((res) => (added = res));
    // the reload has begun and stands at a pause: the corpus served is still the one loaded before
    expect(await turns(() => pace.state.waiting > 0)).toBe(true);
    expect((await live.getCorpus()).data.articles.length).toBe(before);
    expect(added).toBeUndefined();
    pace.open();
    await adding;
    expect(added!.status).toBe(201);
    expect(reloads()).toBe(1);
    const after = await live.getCorpus();
    expect(after.data.articles.length).toBe(before + 1);
    expect(after.data.articles.some((a) => a.title === article(1).title)).toBe(true);
  });

  it('reloads once more for every change made while a reload runs, and each caller waits for it', async () => {
    const { live, pace, add, reloads, committed, before } = await setUp();
    const first = add(1);
    expect(await turns(() => pace.state.waiting > 0)).toBe(true);
    // two more articles arrive while the first reload is held at a pause
    const second = add(2);
    const third = add(3);
    const settled: number[] = [];
    void second.then(() => settled.push(2));
    void third.then(() => settled.push(3));
    // both are committed and wait for a reload that sees them
    let stored = 0;
    expect(await turns(() => stored === 3, 2000, async () => void (stored = await committed()))).toBe(true);
    expect(settled).toEqual([]);
    pace.open();
    const statuses = (await Promise.all([first, second, third])).map((r) => r.status);
    expect(statuses).toEqual([201, 201, 201]);
    // the first reload, then one more for both later changes: two in all, the last holding every article
    expect(reloads()).toBe(2);
    expect((await live.getCorpus()).data.articles.length).toBe(before + 3);
  });
});
