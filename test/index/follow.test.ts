import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { silentLogger, type LogFields } from '../../src/adapters/logger.ts';
import { DEFAULT_FETCH_LIMITS } from '../../src/adapters/feeds/fetch-limited.ts';
import { openCorpus } from '../../src/index/fs-corpus.ts';
import { FsLive } from '../../src/index/fs-live.ts';
import { startFakeFeedServer, type FakeFeedServer } from '../helpers/fake-feed-server.ts';
import { rssFeed, STORIES, WIRE_OUTLETS } from '../helpers/feed-fixtures.ts';
import { copyOfData, runCliAsync } from '../helpers/run-cli.ts';

const clock = { now: () => new Date() };
let site: FakeFeedServer;

beforeAll(async () => {
  site = await startFakeFeedServer();
});
afterAll(() => site.close());
beforeEach(() => site.reset());

function live(dir: string, logs: LogFields[] = []): FsLive {
  const logger = { ...silentLogger, warn: (f: LogFields) => logs.push(f), info: (f: LogFields) => logs.push(f) };
  return new FsLive(dir, clock, { fetcher: (input, init) => fetch(input, init), limits: { ...DEFAULT_FETCH_LIMITS, timeoutMs: 1000 }, logger });
}

async function ask(dir: string, question: string) {
  return answerQuestion(question, { corpus: await openCorpus(dir, clock), clock });
}

describe('following feeds on Node', () => {
  it('reads RSS, Atom and JSON Feed items into articles that the next question is answered from', async () => {
    const dir = copyOfData();
    const l = live(dir);
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json']) await l.addSource(`${site.url}${path}`, {});
    const change = await l.poll('all');
    expect(change.added.map((a) => a.title).sort()).toEqual([STORIES.bridge!.title, STORIES.floods!.title, STORIES.rice!.title].sort());
    expect(change.added.find((a) => a.title === STORIES.bridge!.title)?.source).toBe('Atom Wire');
    const answer = await ask(dir, 'How many villages were evacuated in Savannakhet?');
    expect(answer.answer).toContain('12');
    expect(answer.citations[0]?.url).toBe(`${site.url}/news/floods`);
    expect(site.requests().every((r) => r.userAgent.startsWith('sitrep'))).toBe(true);
  });

  it('never fetches an unchanged feed body twice (ETag / Last-Modified), and picks up a new item', async () => {
    const dir = copyOfData();
    const l = live(dir);
    await l.addSource(`${site.url}/rss.xml`, {});
    await l.addSource(`${site.url}/atom.xml`, {});
    await l.poll('all');
    await l.poll('all');
    expect(site.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/rss.xml 200', '/atom.xml 200', '/rss.xml 304', '/atom.xml 304']);
    site.set('/rss.xml', { body: rssFeed('Riverwatch', site.url, [STORIES.floods!, STORIES.ferry!]), type: 'application/rss+xml' });
    const change = await l.poll('all');
    expect(change.added.map((a) => a.title)).toEqual([STORIES.ferry!.title]);
    expect((await l.listSources()).find((s) => s.url.endsWith('/rss.xml'))).toMatchObject({ lastStatus: 'ok', added: 2, skipped: 1 });
    expect((await ask(dir, 'How many extra ferries were put into service at Nakhon Phanom?')).answer).toMatch(/\b(4|four)\b/i);
  });

  it('survives a 500, a 429, a slow response, malformed XML and a 5 MB item, and says so per source', async () => {
    const dir = copyOfData();
    const logs: LogFields[] = [];
    const l = live(dir, logs);
    for (const path of ['/error.xml', '/busy.xml', '/slow.xml', '/malformed.xml', '/huge.xml', '/feed.json']) await l.addSource(`${site.url}${path}`, { intervalSeconds: 60 });
    const change = await l.poll('all');
    expect(change.added.map((a) => a.title)).toEqual([STORIES.rice!.title]);
    const byPath = Object.fromEntries((await l.listSources()).map((s) => [new URL(s.url).pathname, s]));
    expect(byPath['/error.xml']).toMatchObject({ lastStatus: 'error', lastError: 'HTTP 500', failures: 1 });
    expect(byPath['/busy.xml']!.lastError).toBe('HTTP 429 (retry after 3600 s)');
    expect(Date.parse(byPath['/busy.xml']!.nextFetchAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(Date.parse(byPath['/error.xml']!.nextFetchAt) - Date.now()).toBeGreaterThan(100_000);
    expect(byPath['/slow.xml']!.lastError).toBe('no complete response within 1000 ms');
    expect(byPath['/malformed.xml']!.lastError).toMatch(/^not a feed sitrep can read/);
    expect(byPath['/huge.xml']).toMatchObject({ lastStatus: 'ok', added: 0, skipped: 1 });
    expect(logs.find((f) => f.msg === 'item refused')).toMatchObject({ code: 'too_large' });
    // Due sources only: the failed ones wait for their backoff.
    expect((await l.poll('due')).fetched).toBe(0);
  });

  it('fetches the page of a teaser-only item and reads it with Readability', async () => {
    const dir = copyOfData();
    const l = live(dir);
    await l.addSource(`${site.url}/teasers.xml`, { name: 'Teaser Wire' });
    const [article] = (await l.poll('all')).added;
    expect(article?.title).toBe(STORIES.ferry!.title);
    expect(article?.paragraphs).toEqual(STORIES.ferry!.paragraphs);
    expect(article?.url).toBe(`${site.url}/pages/news/ferry.html`);
  });

  it('counts five syndicated copies of one wire story as one article with five sources', async () => {
    const dir = copyOfData();
    const l = live(dir);
    for (let i = 0; i < WIRE_OUTLETS.length; i++) await l.addSource(`${site.url}/wire/${i}.xml`, {});
    const change = await l.poll('all');
    expect(change.added).toHaveLength(1);
    expect(change.alternates).toBe(4);
    const found = await l.articleSources(change.added[0]!.id);
    expect(found?.sources.map((s) => s.source)).toEqual(WIRE_OUTLETS);
    const corpus = await openCorpus(dir, clock);
    expect(corpus.data.articles.filter((a) => /landslide/i.test(a.title))).toHaveLength(1);
    // The same GUIDs and URLs again are ignored.
    for (let i = 0; i < WIRE_OUTLETS.length; i++) {
      const body = (await (await fetch(`${site.url}/wire/${i}.xml`)).text()).replace('</channel>', '<!-- edited --></channel>');
      site.set(`/wire/${i}.xml`, { body, type: 'application/rss+xml' });
    }
    const again = await l.poll('all');
    expect(again.added.length + again.alternates).toBe(0);
  });
});

describe('sitrep follow and sitrep ingest URL', () => {
  it('add, list, poll and remove from the command line', async () => {
    const dir = copyOfData();
    const add = await runCliAsync(['follow', 'add', `${site.url}/rss.xml`, '--name', 'Riverwatch', '--every', '10m', '--data', dir]);
    expect(add.code, add.stderr).toBe(0);
    expect((await runCliAsync(['follow', 'add', `${site.url}/rss.xml`, '--data', dir])).stderr).toMatch(/already followed/);
    const poll = await runCliAsync(['follow', 'poll', '--data', dir]);
    expect(poll.stdout).toMatch(/1 sources fetched: 1 new articles/);
    const list = await runCliAsync(['follow', 'list', '--data', dir]);
    expect(list.stdout).toMatch(/\(Riverwatch\)\n  every 600 s; last: ok at /);
    expect((await runCliAsync(['ask', 'how many people were moved to shelters in Savannakhet?', '--data', dir])).stdout).toContain('3,400');
    expect((await runCliAsync(['follow', 'remove', `${site.url}/rss.xml`, '--data', dir])).code).toBe(0);
    expect((await runCliAsync(['follow', 'list', '--data', dir])).stdout).toMatch(/no followed sources/);
  });

  it('ingests a web page by URL: title, date and body, without the navigation and footer', async () => {
    const dir = copyOfData();
    const result = await runCliAsync(['ingest', `${site.url}/pages/news/bridge.html`, '--data', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ingested \S+friendship-bridge\S* \(\d{4}-\d{2}-\d{2}, 3 paragraphs\)/);
    const corpus = await openCorpus(dir, clock);
    const article = corpus.data.articles.find((a) => a.title === STORIES.bridge!.title);
    expect(article).toMatchObject({ url: `${site.url}/pages/news/bridge.html`, published: STORIES.bridge!.date.slice(0, 10) });
    expect(corpus.data.texts.join(' ')).not.toMatch(/Most read|All rights reserved|By Somchai/);
    const missing = await runCliAsync(['ingest', `${site.url}/pages/nothing.html`, '--data', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing\.html: HTTP 404/);
  });
});
