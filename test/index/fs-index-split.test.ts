import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { serializeArticle } from '../../src/core/ingest/article-file.ts';
import type { Article } from '../../src/core/schema.ts';
import { buildIndex } from '../../src/core/store/build-index-node.ts';
import { loadCorpus, type Corpus } from '../../src/core/store/corpus-index.ts';
import { splitIndexFile, type SplitLayout } from '../../src/core/store/index-split.ts';
import { rebuildIndex, withCorpusWriter } from '../../src/index/fs-commit.ts';
import { openCorpus, readArticles } from '../../src/index/fs-corpus.ts';
import type { Journal } from '../../src/index/fs-journal.ts';
import { fixedClock, ROOT } from '../helpers/seed-corpus.ts';

const SMALL: SplitLayout = { splitAboveChars: 100, partChars: 3000 };
const QUESTIONS = ['latest casualty figures', 'who is Tea Seiha', 'where are the talks held', 'what did China do', 'what happened on 24 December'];
const clockAt = (day: number) => fixedClock(`2026-01-${String(day).padStart(2, '0')}T09:00:00Z`);
let seeds: Article[];

beforeAll(async () => {
  seeds = await readArticles(`${ROOT}data`);
});

const answersOf = (corpus: Corpus) => QUESTIONS.map((question) => answerQuestion(question, { corpus, clock: fixedClock() }));
const fullBuild = (articles: Article[]) => loadCorpus(JSON.parse(JSON.stringify(buildIndex(articles, new Date('2026-01-01T00:00:00Z')))));

function folderWith(articles: Article[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-split-'));
  mkdirSync(join(dir, 'articles'));
  for (const article of articles) writeFileSync(join(dir, 'articles', `${article.id}.md`), serializeArticle(article));
  return dir;
}
const parts = (dir: string) => readdirSync(join(dir, 'index-texts')).sort();
const stamps = (dir: string) => [...new Set(parts(dir).map((n) => n.split('.')[0]))];

describe('a data folder whose index keeps its texts in parts', () => {
  it('is written as index.json and parts by `sitrep build`, answers as a full build, and keeps the previous build\'s parts only', async () => {
    const dir = folderWith(seeds);
    await rebuildIndex(dir, clockAt(1), undefined, SMALL);
    const text = readFileSync(join(dir, 'index.json'), 'utf8');
    const main = JSON.parse(text) as { format: number; texts?: unknown; annotations?: unknown; textParts: Array<{ name: string }>; searchPart: { name: string } };
    expect(main.format).toBe(6);
    expect(main.texts).toBeUndefined();
    expect(main.annotations).toBeUndefined();
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(parts(dir)).toEqual([...main.textParts.map((p) => `${p.name}.json`), `${main.searchPart.name}.bin`].sort());
    expect(answersOf(await openCorpus(dir, fixedClock()))).toEqual(answersOf(fullBuild(seeds)));
    const first = stamps(dir)[0];
    await rebuildIndex(dir, clockAt(2), undefined, SMALL);
    expect(stamps(dir)).toHaveLength(2);
    await rebuildIndex(dir, clockAt(3), undefined, SMALL);
    expect(stamps(dir)).toHaveLength(2);
    expect(stamps(dir)).not.toContain(first);
    expect(answersOf(await openCorpus(dir, fixedClock()))).toEqual(answersOf(fullBuild(seeds)));
  });

  it('recovers from a build killed after writing its parts (rolled back) or after index.json (finished)', async () => {
    const dir = folderWith(seeds);
    await rebuildIndex(dir, clockAt(1), undefined, SMALL);
    const before = readFileSync(join(dir, 'index.json'), 'utf8');
    const committed = stamps(dir);
    // what a build killed before its commit leaves: a journal and the new parts, index.json still the old one
    const next = buildIndex(seeds.slice(1), new Date('2026-01-02T09:00:00Z'));
    const split = splitIndexFile(next, (k) => `20260102T090000000Z-killed.${k}`, SMALL);
    for (const part of split.parts) writeFileSync(join(dir, 'index-texts', `${part.name}.json`), part.text);
    writeFileSync(join(dir, 'index-texts', 'half.json.123.tmp'), '["cut sh');
    const journal: Journal = { op: 'build', generation: 2, articles: [], written: [], obsolete: [], baseBuiltAt: next.builtAt, manifest: { format: 1, generation: 2, base: { builtAt: next.builtAt }, segments: [], registry: null }, textStamp: '20260102T090000000Z-killed' };
    writeFileSync(join(dir, 'journal.json'), JSON.stringify(journal));
    const notices: string[] = [];
    expect(answersOf(await openCorpus(dir, fixedClock(), { notice: (m) => notices.push(m) }))).toEqual(answersOf(fullBuild(seeds)));
    expect(notices.join()).toMatch(/rolled back an interrupted build/);
    expect(stamps(dir)).toEqual(committed);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(before);
    // killed after index.json was replaced: the build is finished, its parts and the previous ones kept
    for (const part of split.parts) writeFileSync(join(dir, 'index-texts', `${part.name}.json`), part.text);
    writeFileSync(join(dir, 'index.json'), JSON.stringify(split.main));
    writeFileSync(join(dir, 'journal.json'), JSON.stringify(journal));
    // (the new index lacks one article whose file is there: it is indexed in memory beside it, as ever)
    expect(answersOf(await openCorpus(dir, fixedClock(), { notice: (m) => notices.push(m) }))).toEqual(answersOf(fullBuild(seeds)));
    expect(notices.join()).toMatch(/finished an interrupted build.*1 article is not in the index/);
    expect(stamps(dir)).toEqual([...committed, '20260102T090000000Z-killed'].sort());
  });

  it('takes an incremental add as a new segment only (index.json and its parts untouched), answering as a full build', async () => {
    const dir = folderWith(seeds.slice(0, 4));
    await rebuildIndex(dir, clockAt(1), undefined, SMALL);
    const snapshot = () => ['index.json', ...parts(dir).map((n) => `index-texts/${n}`)].map((n) => [n, readFileSync(join(dir, n), 'utf8')]);
    const before = snapshot();
    const summary = await withCorpusWriter(dir, clockAt(2), (writer) => writer.add([seeds[4]!]), undefined, SMALL);
    expect(summary.articles).toBe(1);
    expect(summary.segments).toHaveLength(1);
    expect(readdirSync(join(dir, 'segments')).sort()).toEqual([`${summary.segments[0]}.json`, 'manifest.json']);
    expect(snapshot()).toEqual(before);
    expect(answersOf(await openCorpus(dir, fixedClock()))).toEqual(answersOf(fullBuild(seeds)));
  });

  it('says which part is missing', async () => {
    const dir = folderWith(seeds);
    await rebuildIndex(dir, clockAt(1), undefined, SMALL);
    const corpus = await openCorpus(dir, fixedClock());
    const gone = parts(dir)[0]!;
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'index-texts', gone));
    expect(() => corpus.data.passages[0]).toThrow(new RegExp(`index text part ${gone.replace('.json', '').replace(/\./g, '\\.')} is missing`));
  });
});
