// The article register: `sitrep ingest` and live news compare a new text with the few stored articles that could
// refuse it, found in the register, and give the outcomes they gave when every stored article was read.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/synthetic.ts';
import { silentLogger } from '../../src/adapters/logger.ts';
import { DEFAULT_FETCH_LIMITS } from '../../src/adapters/feeds/fetch-limited.ts';
import { serializeArticle, SitrepError } from '../../src/core/ingest/article-file.ts';
import { DUPLICATE_SHARE, fingerprint } from '../../src/core/ingest/ingest.ts';
import type { Article } from '../../src/core/schema.ts';
import { runIngest } from '../../src/index/commands/ingest.ts';
import { openCorpus, readArticles, storedArticleIds } from '../../src/index/fs-corpus.ts';
import { readManifest } from '../../src/index/fs-journal.ts';
import { FsLive } from '../../src/index/fs-live.ts';
import { readRegister } from '../../src/index/fs-register.ts';
import { copyOfData } from '../helpers/run-cli.ts';
import { fixedClock, ROOT } from '../helpers/seed-corpus.ts';

const clock = fixedClock('2026-01-05T09:00:00Z');
let stored: Article[];
let fresh: Article[];
/** The seed data folder with `stored` ingested: it has a register, made by that ingest. */
let base: string;

function inbox(articles: Article[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-register-in-'));
  return articles.map((article, i) => {
    const path = join(dir, `${i}-${article.id}.md`);
    writeFileSync(path, serializeArticle(article));
    return path;
  });
}

/** `sitrep ingest` in this process: what it printed, or the refusal's code and message. */
async function ingest(dir: string, articles: Article[]): Promise<string> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => lines.push(chunk)) as unknown as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    await runIngest(inbox(articles), {}, dir, clock);
    return lines.filter((l) => /^(ingested|already)/.test(l)).map((l) => l.replace(/ \(.*$/s, '')).join('; ');
  } catch (error) {
    if (error instanceof SitrepError) return `${error.code}: ${error.message.replace(/^.*?\.md: /, '')}`;
    throw error;
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** Whether `draft` shares enough of its paragraphs with `other` to be refused as its copy (prepareArticle's rule). */
function sharesEnough(draft: Article, other: Article): boolean {
  const mine = fingerprint(draft.paragraphs);
  const theirs = fingerprint(other.paragraphs);
  return [...mine].filter((p) => theirs.has(p)).length / mine.size >= DUPLICATE_SHARE;
}

function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'sitrep-register-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Overwrites every stored article file but `keep` with text no reader accepts: reading one now fails the command. */
function spoilArticles(dir: string, keep: string[] = []): void {
  for (const name of readdirSync(join(dir, 'articles'))) if (!keep.includes(name.slice(0, -3))) writeFileSync(join(dir, 'articles', name), 'not an article\n');
}

beforeAll(async () => {
  const corpus = generateCorpus(11, 70, await readArticles(join(ROOT, 'data')));
  stored = corpus.slice(0, 60);
  fresh = corpus.slice(60);
  base = copyOfData();
  expect(await ingest(base, stored)).toMatch(/^ingested/);
}, 120_000);

describe('the article register', () => {
  it('is written with the commit and holds every indexed article', async () => {
    const manifest = (await readManifest(base))!;
    expect(manifest.register).toMatch(/^register\.\d{6}$/);
    expect(readdirSync(join(base, 'register'))).toEqual([`${manifest.register}.json`]);
    const register = (await readRegister(base, manifest))!;
    const corpus = await openCorpus(base, clock);
    expect(register.size).toBe(corpus.data.articles.length);
    for (const article of corpus.data.articles) expect(register.has(article.id)).toBe(true);
  });

  it('lets an ingest read none of the stored articles but those that could refuse its texts', async () => {
    const dir = copyOf(base);
    const copied = stored[7]!;
    spoilArticles(dir, [copied.id]);
    expect(await ingest(dir, fresh.slice(0, 5))).toBe(fresh.slice(0, 5).map((a) => `ingested ${a.id}`).join('; '));
    // The same text under another id is still refused, naming the one stored article it had to read.
    expect(await ingest(dir, [{ ...copied, id: '2025-06-01-another-id' }])).toBe(`duplicate_text: the same text is already in the corpus as "${copied.id}"`);
  });

  it('gives the outcomes of comparing with every stored article, kept or rebuilt after it was deleted', async () => {
    const edited = (a: Article, keep: number): Article => ({ ...a, id: `${a.id}-edited`, paragraphs: a.paragraphs.map((p, i) => (i < keep ? p : `${p} Officials later revised the account.`)) });
    const cases: Array<[string, Article[], RegExp]> = [
      ['a new article', [fresh[5]!], /^ingested /],
      ['a stored article again, unchanged', [stored[1]!], new RegExp(`^already ingested ${stored[1]!.id}$`)],
      ['a stored text under another id', [{ ...stored[2]!, id: '2025-05-05-same-text' }], new RegExp(`^duplicate_text: .*"${stored[2]!.id}"$`)],
      ['a stored id with another text', [{ ...fresh[6]!, id: stored[3]!.id }], /^duplicate_id: /],
      ['a text sharing all but its last paragraph', [edited(stored[4]!, stored[4]!.paragraphs.length - 1)], sharesEnough(edited(stored[4]!, stored[4]!.paragraphs.length - 1), stored[4]!) ? /^duplicate_text: / : /^ingested /],
      ['a text sharing half its paragraphs', [edited(stored[5]!, Math.floor(stored[5]!.paragraphs.length / 2))], /^ingested /],
      ['two copies in one batch', [fresh[7]!, { ...fresh[7]!, id: '2025-07-07-twice' }], /^duplicate_text: /],
    ];
    expect(cases.filter(([, , e]) => /duplicate_text/.test(String(e))).length).toBeGreaterThanOrEqual(2);
    const kept = copyOf(base);
    const rebuilt = copyOf(base);
    rmSync(join(rebuilt, 'register'), { recursive: true });
    for (const [name, articles, expected] of cases) {
      // Each on a fresh copy, so one case's articles do not meet the next.
      const [a, b] = [copyOf(kept), copyOf(rebuilt)];
      const outcome = await ingest(a, articles);
      expect(outcome, name).toMatch(expected);
      expect(await ingest(b, articles), name).toBe(outcome);
    }
  }, 120_000);

  it('is rebuilt from the article files when an older sitrep dropped it or it belongs to another index.json', async () => {
    for (const damage of ['dropped', 'stale'] as const) {
      const dir = copyOf(base);
      const manifestPath = join(dir, 'segments', 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      const registerPath = join(dir, 'register', `${String(manifest.register)}.json`);
      if (damage === 'dropped') {
        delete manifest.register;
        writeFileSync(manifestPath, JSON.stringify(manifest));
      } else {
        writeFileSync(registerPath, readFileSync(registerPath, 'utf8').replace(/"baseBuiltAt":(null|"[^"]*")/, '"baseBuiltAt":"2020-01-01T00:00:00.000Z"'));
      }
      expect(await readRegister(dir, (await readManifest(dir))!), damage).toBeNull();
      expect(await ingest(dir, [fresh[8]!]), damage).toBe(`ingested ${fresh[8]!.id}`);
      const register = (await readRegister(dir, (await readManifest(dir))!))!;
      expect(register, damage).not.toBeNull();
      expect(register.size, damage).toBe((await storedArticleIds(dir)).length);
      // Trusted again: an ingest with every stored file unreadable now succeeds.
      spoilArticles(dir);
      expect(await ingest(dir, [fresh[9]!]), damage).toBe(`ingested ${fresh[9]!.id}`);
    }
  }, 60_000);

  it('serves live news too: a new article is added without reading the recent ones, a stored id is still refused', async () => {
    const dir = copyOf(base);
    const live = new FsLive(dir, clock, { fetcher: () => Promise.reject(new Error('no network in this test')), limits: DEFAULT_FETCH_LIMITS, logger: silentLogger });
    const text = (a: Article) => ({ text: a.paragraphs.join('\n\n'), options: { title: a.title, published: a.published, source: a.source } });
    expect((await live.addArticle(text(fresh[0]!))).status).toBe('added');
    expect((await live.addArticle(text(fresh[1]!))).status).toBe('added');
    spoilArticles(dir);
    expect((await live.addArticle(text(fresh[2]!))).status).toBe('added');
    await expect(live.addArticle({ ...text(fresh[3]!), options: { ...text(fresh[3]!).options, id: stored[0]!.id } })).rejects.toThrow(/already exists/);
  });
});
