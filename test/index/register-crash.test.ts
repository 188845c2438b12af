// kill -9 at random moments of a `sitrep ingest` into a data folder that has an article register (as in
// ingest-crash.test.ts): each time the register the manifest names is there and holds exactly the indexed articles,
// no other register file is left, and a rerun completes with the register covering every article.
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/synthetic.ts';
import { serializeArticle } from '../../src/core/ingest/article-file.ts';
import { openCorpus, readArticles, storedArticleIds } from '../../src/index/fs-corpus.ts';
import { readManifest } from '../../src/index/fs-journal.ts';
import { readRegister } from '../../src/index/fs-register.ts';
import { ingestKilled, random } from '../helpers/kill-ingest.ts';
import { copyOfData, runCli } from '../helpers/run-cli.ts';
import { fixedClock, ROOT } from '../helpers/seed-corpus.ts';

const RUNS = Number(process.env.SITREP_CRASH_RUNS ?? 8);
const ARTICLES = 120;
let inputs: string[];
let base: string;

function files(articles: ReturnType<typeof generateCorpus>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-register-crash-in-'));
  return articles.map((article) => {
    const path = join(dir, `${article.id}.md`);
    writeFileSync(path, serializeArticle(article));
    return path;
  });
}

beforeAll(async () => {
  const corpus = generateCorpus(5, ARTICLES + 10, await readArticles(`${ROOT}data`));
  base = copyOfData();
  const first = runCli(['ingest', ...files(corpus.slice(0, 10)), '--data', base]);
  expect(first.code, first.stderr).toBe(0);
  inputs = files(corpus.slice(10));
}, 120_000);

/** The register the manifest names holds exactly the articles the corpus answers from; no other register file. */
async function expectRegisterConsistent(data: string): Promise<number> {
  const corpus = await openCorpus(data, fixedClock());
  const ids = corpus.data.articles.map((a) => a.id).sort();
  expect(ids).toEqual(await storedArticleIds(data));
  const manifest = (await readManifest(data))!;
  const register = await readRegister(data, manifest);
  expect(register, 'the manifest names a register that reads back').not.toBeNull();
  expect(register!.size).toBe(ids.length);
  for (const id of ids) expect(register!.has(id)).toBe(true);
  expect(readdirSync(join(data, 'register'))).toEqual([`${manifest.register}.json`]);
  return ids.length;
}

describe('sitrep ingest killed with SIGKILL, with an article register', () => {
  it(`leaves a register that matches the index, and a rerun completes (${RUNS} kills)`, async () => {
    const before = await expectRegisterConsistent(base);
    const next = random(20261203);
    const outcomes: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const data = mkdtempSync(join(tmpdir(), 'sitrep-register-crash-'));
      cpSync(base, data, { recursive: true });
      // Most kills land while articles, segments and the register are written, the rest anywhere.
      const moment = run % 3 === 0 ? { afterLine: null, delayMs: Math.floor(next() * 8000) } : { afterLine: `writing ${(ARTICLES * 9) / 10}/${ARTICLES}`, delayMs: Math.floor(next() * 60) };
      const stderr = await ingestKilled(inputs, data, moment);
      outcomes.push(`${existsSync(join(data, 'journal.json')) ? 'mid-change' : 'before or after'} (${stderr.trim().split('\n').at(-1) ?? 'no output'})`);
      expect([before, before + ARTICLES], `run ${run}`).toContain(await expectRegisterConsistent(data));
      const rerun = runCli(['ingest', ...inputs, '--data', data]);
      expect(rerun.code, `run ${run}: ${rerun.stderr}`).toBe(0);
      expect(await expectRegisterConsistent(data)).toBe(before + ARTICLES);
    }
    console.log(`kill -9 outcomes:\n${outcomes.join('\n')}`);
    expect(outcomes.filter((o) => o.startsWith('mid-change')).length).toBeGreaterThan(0);
  }, 900_000);
});
