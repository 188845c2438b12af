import { mkdtempSync, readdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { EvalFileSchema } from '../../src/core/evaluate.ts';
import type { Article } from '../../src/core/schema.ts';
import { loadCorpus, type Corpus } from '../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../src/core/store/build-index-node.ts';
import { withCorpusWriter } from '../../src/index/fs-commit.ts';
import { openCorpus, readArticles } from '../../src/index/fs-corpus.ts';
import { fixedClock, ROOT, SHARED } from '../helpers/seed-corpus.ts';

const clock = fixedClock();
const dev = EvalFileSchema.parse(JSON.parse(readFileSync(`${SHARED}/eval/dev.json`, 'utf8'))).questions;
let seeds: Article[];

beforeAll(async () => {
  seeds = await readArticles(`${ROOT}data`);
});

const answersOf = (corpus: Corpus) => dev.map(({ question }) => answerQuestion(question, { corpus, clock }));

describe('incremental adds', () => {
  it('give the same answers on the dev questions as a full rebuild, one article at a time and after compaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-incr-'));
    const full = loadCorpus(JSON.parse(JSON.stringify(buildIndex(seeds, clock.now()))));
    const expected = answersOf(full);
    // Four seed articles are of December 2025, one of October: five adds make four December segments and one October one.
    for (const article of seeds) await withCorpusWriter(dir, clock, (writer) => writer.add([article]));
    const december = () => readdirSync(join(dir, 'segments')).filter((n) => n.startsWith('2025-12.'));
    expect(december()).toHaveLength(4);
    expect(answersOf(await openCorpus(dir, clock))).toEqual(expected);
    const merged = await withCorpusWriter(dir, clock, (writer) => writer.compact());
    expect(merged).toBe(3);
    expect(december()).toEqual(['2025-12.000006.json']);
    expect(answersOf(await openCorpus(dir, clock))).toEqual(expected);
  });

  it('keeps the registry with the commit that wrote it, and only that one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-reg-'));
    await withCorpusWriter(dir, clock, (writer) => writer.add([seeds[0]!], { registry: { n: 1 } }));
    await withCorpusWriter(dir, clock, (writer) => writer.add([seeds[1]!], { registry: { n: 2 } }));
    await withCorpusWriter(dir, clock, (writer) => writer.add([seeds[2]!]));
    expect(await withCorpusWriter(dir, clock, (writer) => writer.registry())).toEqual({ n: 2 });
    expect(readdirSync(join(dir, 'segments')).filter((n) => n.startsWith('registry.'))).toEqual(['registry.000002.json']);
  });
});
