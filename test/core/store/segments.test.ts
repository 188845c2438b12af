// The segment merge against a full rebuild: if these fail after the index format changed, extend mergeIndexFiles
// (src/core/store/segments.ts) for the new field; the diff below names the field that differs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../../bench/questions.ts';
import { generateCorpus } from '../../../bench/synthetic.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { EvalFileSchema } from '../../../src/core/evaluate.ts';
import type { Article } from '../../../src/core/schema.ts';
import { loadCorpus, type IndexFile } from '../../../src/core/store/corpus-index.ts';
import { passagesOf } from '../../../src/core/store/passages.ts';
import { checksumOf, nameTable } from '../../../src/core/store/index-check.ts';
import { decodeAnnotation } from '../../../src/core/store/annotations.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { buildConcepts, searchPassages } from '../../../src/core/store/retrieve.ts';
import { MERGED_FIELDS, mergeIndexFiles, segmentMonth } from '../../../src/core/store/segments.ts';
import { readArticles } from '../../../src/index/fs-corpus.ts';
import { fixedClock, ROOT, SHARED } from '../../helpers/seed-corpus.ts';

const BUILT = new Date('2026-01-05T09:00:00Z');
const clock = fixedClock();
let seeds: Article[];
const dev = EvalFileSchema.parse(JSON.parse(readFileSync(`${SHARED}/eval/dev.json`, 'utf8'))).questions.map((q) => q.question);

beforeAll(async () => {
  seeds = await readArticles(`${ROOT}data`);
});

/** Splits articles into groups by a key, each built on its own as a segment would be. */
function segmentsBy(articles: Article[], key: (a: Article, i: number) => string): IndexFile[] {
  const groups = new Map<string, Article[]>();
  articles.forEach((a, i) => groups.set(key(a, i), [...(groups.get(key(a, i)) ?? []), a]));
  return [...groups.values()].map((group) => buildIndex(group, BUILT));
}

const answers = (file: IndexFile, questions: string[]) => {
  const corpus = loadCorpus(JSON.parse(JSON.stringify(file)));
  return questions.map((q) => answerQuestion(q, { corpus, clock }));
};

/**
 * People as a set: a segment keeps each role but not the name of the mention it came from, so the merge cannot
 * repeat the full build's order of people and roles (which follows mention name lengths); who holds which role is equal.
 */
const peopleSet = (file: IndexFile) => file.people
  .map((person) => ({ name: person.name, roles: [...person.roles].sort((a, b) => a.p - b.p || a.role.localeCompare(b.role)) }))
  .sort((a, b) => a.name.localeCompare(b.name) || a.roles[0]!.p - b.roles[0]!.p);

/** Every field of the merged file equals the full rebuild's, field by field so a failure names the field. */
function expectSameIndex(merged: IndexFile, full: IndexFile): void {
  for (const field of MERGED_FIELDS) {
    if (field === 'builtAt') continue;
    if (field === 'people') {
      expect(peopleSet(merged), 'people').toEqual(peopleSet(full));
    } else if (field === 'annotations') {
      // A name's type is settled by the evidence of all its mentions in the files it was built from, so a segment can
      // type a name otherwise than a full build (`sitrep build` settles it again); everything else must be equal.
      const untyped = (file: IndexFile) => file.annotations.map(decodeAnnotation).map(({ n, ...rest }) => ({ ...rest, n: (n ?? []).map(([start, end]) => [start, end]) }));
      const spans = (file: IndexFile) => untyped(file).map((a) => a.n.length);
      expect(untyped(merged).map(({ n: _n, ...rest }) => rest), 'annotations').toEqual(untyped(full).map(({ n: _n, ...rest }) => rest));
      expect(spans(merged).reduce((x, y) => x + y, 0), 'annotated names').toBeGreaterThanOrEqual(spans(full).reduce((x, y) => x + y, 0) * 0.9);
    } else if (field === 'countries') {
      const byName = (file: IndexFile) => new Map(file.countries.map(([name, ...forms]) => [name, new Set(forms)]));
      expect([...byName(merged).keys()].sort(), 'countries').toEqual([...byName(full).keys()].sort());
    } else if (field === 'names') {
      // counted over the merged annotations (typed per segment, see above), as a full build counts its own
      expect(merged.names, 'names').toEqual(nameTable(passagesOf(merged), merged.annotations.map(decodeAnnotation)));
      expect(merged.names.length, 'names').toBeGreaterThanOrEqual(full.names.length * 0.9);
    } else if (field === 'checksum') {
      expect(merged.checksum, 'checksum').toBe(checksumOf(merged));
    } else if (field === 'lunr') {
      for (const key of Object.keys(full.lunr) as Array<keyof IndexFile['lunr']>) expect(merged.lunr[key], `lunr.${key}`).toEqual(full.lunr[key]);
    } else {
      expect(merged[field], field).toEqual(full[field]);
    }
  }
  expect(Object.keys(merged).sort(), 'fields of the index file').toEqual(Object.keys(full).sort());
}

describe('mergeIndexFiles', () => {
  it('gives the full rebuild of the seed corpus from one segment per article, in any order', () => {
    const full = buildIndex(seeds, BUILT);
    const perArticle = segmentsBy(seeds, (a) => a.id).reverse();
    expectSameIndex(mergeIndexFiles(perArticle, BUILT.toISOString()), full);
  });

  it('gives the same answers and top passages on the dev questions as a full rebuild', () => {
    const full = buildIndex(seeds, BUILT);
    const merged = mergeIndexFiles(segmentsBy(seeds, (_a, i) => String(i % 2)), BUILT.toISOString());
    expect(answers(merged, dev)).toEqual(answers(full, dev));
    const fullCorpus = loadCorpus(JSON.parse(JSON.stringify(full)));
    const mergedCorpus = loadCorpus(JSON.parse(JSON.stringify(merged)));
    for (const question of ['ceasefire talks border', 'displaced people', 'defence ministers meeting Chanthaburi']) {
      const top = (corpus: typeof fullCorpus) => searchPassages(corpus, buildConcepts(corpus, question.split(' ')), 10);
      expect(top(mergedCorpus), question).toEqual(top(fullCorpus));
    }
  });

  it('gives the full rebuild of 120 synthetic articles split into interleaved segments and by month', () => {
    const articles = generateCorpus(5, 120, seeds);
    const full = buildIndex(articles, BUILT);
    expectSameIndex(mergeIndexFiles(segmentsBy(articles, (_a, i) => String(i % 7)), BUILT.toISOString()), full);
    const byMonth = segmentsBy(articles, segmentMonth);
    expect(byMonth.length).toBeGreaterThan(6);
    const merged = mergeIndexFiles(byMonth, BUILT.toISOString());
    expectSameIndex(merged, full);
    const questions = benchQuestions(5).slice(0, 24);
    expect(answers(merged, questions)).toEqual(answers(full, questions));
  });

  it('merges merged segments again (compaction of compacted segments)', () => {
    const articles = generateCorpus(9, 40, seeds);
    const parts = segmentsBy(articles, (_a, i) => String(i % 4));
    const twice = mergeIndexFiles([mergeIndexFiles(parts.slice(0, 2)), mergeIndexFiles(parts.slice(2))], BUILT.toISOString());
    expectSameIndex(twice, buildIndex(articles, BUILT));
  });

  it('refuses an article held by two segments, and a field it does not know how to merge', () => {
    const one = buildIndex(seeds.slice(0, 2), BUILT);
    expect(() => mergeIndexFiles([one, buildIndex(seeds.slice(1, 3), BUILT)])).toThrow(/in two segments/);
    const extended = { ...buildIndex(seeds.slice(3), BUILT), summaries: [] } as IndexFile;
    expect(() => mergeIndexFiles([one, extended])).toThrow(/summaries.*extend mergeIndexFiles/);
  });
});
