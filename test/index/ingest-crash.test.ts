// kill -9 at random moments of a 300-article `sitrep ingest` (a real child process), 20 times: each time the corpus
// loads, its articles and its index agree, no temporary file is left, and rerunning the same command completes.
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/synthetic.ts';
import { serializeArticle } from '../../src/core/ingest/article-file.ts';
import { openCorpus, readArticles, storedArticleIds } from '../../src/index/fs-corpus.ts';
import { ingestKilled, random } from '../helpers/kill-ingest.ts';
import { copyOfData, runCli } from '../helpers/run-cli.ts';
import { fixedClock, ROOT } from '../helpers/seed-corpus.ts';

const RUNS = Number(process.env.SITREP_CRASH_RUNS ?? 20);
const ARTICLES = 300;
let inputs: string[];
let seedCount: number;

beforeAll(async () => {
  const seeds = await readArticles(`${ROOT}data`);
  seedCount = seeds.length;
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-crash-in-'));
  inputs = generateCorpus(3, ARTICLES, seeds).map((article) => {
    const path = join(dir, `${article.id}.md`);
    writeFileSync(path, serializeArticle(article));
    return path;
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** The corpus loads, answers from exactly the stored articles, and nothing of an unfinished change is left. */
async function expectConsistent(data: string): Promise<number> {
  const notices: string[] = [];
  const corpus = await openCorpus(data, fixedClock(), { notice: (m) => notices.push(m) });
  const onDisk = await storedArticleIds(data);
  expect(corpus.data.articles.map((a) => a.id).sort()).toEqual(onDisk);
  expect(notices.filter((n) => /not in the index|no file/.test(n))).toEqual([]);
  await readArticles(data);
  const leftovers = filesUnder(data).filter((path) => /\.tmp$|journal\.json$|\.lock$/.test(path));
  expect(leftovers).toEqual([]);
  return onDisk.length;
}

describe('sitrep ingest killed with SIGKILL', () => {
  it(`leaves a loadable, consistent corpus that a rerun completes (${RUNS} kills of a ${ARTICLES}-article ingest)`, async () => {
    const next = random(20261202);
    const outcomes: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const data = copyOfData();
      // Most kills land while articles and segments are written (the moments that used to leave debris), the rest anywhere.
      const moment = run % 3 === 0 ? { afterLine: null, delayMs: Math.floor(next() * 9000) } : { afterLine: `indexing ${ARTICLES}/${ARTICLES}`, delayMs: Math.floor(next() * 300) };
      const stderr = await ingestKilled(inputs, data, moment);
      const written = existsSync(join(data, 'articles')) ? readdirSync(join(data, 'articles')).filter((n) => n.endsWith('.md')).length - seedCount : 0;
      const interrupted = existsSync(join(data, 'journal.json'));
      outcomes.push(`${interrupted ? 'mid-change' : 'before or after'} (${written} article files, ${stderr.trim().split('\n').at(-1) ?? 'no output'})`);
      const afterKill = await expectConsistent(data);
      expect([seedCount, seedCount + ARTICLES], `run ${run}`).toContain(afterKill);
      const rerun = runCli(['ingest', ...inputs, '--data', data]);
      expect(rerun.code, `run ${run}: ${rerun.stderr}`).toBe(0);
      expect(await expectConsistent(data)).toBe(seedCount + ARTICLES);
    }
    console.log(`kill -9 outcomes:\n${outcomes.join('\n')}`);
    expect(outcomes.filter((o) => o.startsWith('mid-change')).length).toBeGreaterThan(0);
  }, 900_000);
});
