// `sitrep serve` (a child process) with followed sources on a fake site: new items are picked up on schedule and
// answered in the next question, unchanged feeds are never fetched in full twice, and /v1/sources and /v1/articles
// work with the token (and refuse without one).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFeedServer, type FakeFeedServer } from '../helpers/fake-feed-server.ts';
import { rssFeed, STORIES, wireCopy } from '../helpers/feed-fixtures.ts';
import { copyOfData, runCliAsync } from '../helpers/run-cli.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

const TOKEN = 'serve-live-test-token-0123456789';
let site: FakeFeedServer;

beforeAll(async () => {
  site = await startFakeFeedServer();
});
afterAll(() => site.close());

async function startServe(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; logs: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    cwd: ROOT, env: { ...process.env, PORT: '', SITREP_API_TOKEN: '', SITREP_POLL_SECONDS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${stderr}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d;
      const match = /on\s+HTTP API\s+(http:\/\/\S+)\/v1\/ask/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { child, url, logs: () => stdout + stderr };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Asks until the answer cites an article whose title matches, or gives up after `ms`. */
async function askUntil(url: string, question: string, title: RegExp, ms = 20_000, headers: Record<string, string> = {}): Promise<{ answer: string; citations: Array<{ title: string }> }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = (await (await fetch(`${url}/v1/ask?q=${encodeURIComponent(question)}`, { headers })).json()) as { answer: string; citations: Array<{ title: string }> };
    if (answer.citations.some((c) => title.test(c.title)) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('sitrep serve with followed sources', () => {
  it('picks up new items on schedule, answers about them, and never fetches an unchanged body twice', async () => {
    site.reset();
    const data = copyOfData();
    expect((await runCliAsync(['follow', 'add', `${site.url}/rss.xml`, '--every', '1s', '--data', data])).code).toBe(0);
    const { child, url, logs } = await startServe(data, {});
    try {
      expect(logs()).toMatch(/on\s+sources\s+followed sources checked every 1 s/);
      const first = await askUntil(url, 'How many villages were evacuated in Savannakhet?', /Floods Force Evacuation/);
      expect(first.citations[0]?.title).toBe(STORIES.floods!.title);
      site.set('/rss.xml', { body: rssFeed('Riverwatch', site.url, [STORIES.floods!, STORIES.ferry!]), type: 'application/rss+xml' });
      const second = await askUntil(url, 'How many extra ferries were put into service at Nakhon Phanom?', /Extra Ferries/);
      expect(second.citations.map((c) => c.title)).toContain(STORIES.ferry!.title);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const health = (await (await fetch(`${url}/healthz`)).json()) as { articles: number; sources: Array<{ lastStatus: string; added: number }> };
      expect(health.articles).toBe(7);
      expect(health.sources[0]).toMatchObject({ lastStatus: 'not_modified', added: 2 });
      const feedFetches = site.requests().filter((r) => r.path === '/rss.xml');
      expect(feedFetches.filter((r) => r.status === 200)).toHaveLength(2);
      expect(feedFetches.filter((r) => r.status === 304).length).toBeGreaterThan(0);
      expect(feedFetches.slice(1).every((r) => r.conditional)).toBe(true);
    } finally {
      await stop(child);
    }
  });

  it('answers from articles another process ingested while it serves', async () => {
    const data = copyOfData();
    const { child, url, logs } = await startServe(data, {});
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'sitrep-in-')), 'monitors.txt');
      writeFileSync(file, 'Monitors Reach Preah Vihear\n\nThirty-two ASEAN monitors reached the Preah Vihear temple area on Friday to observe the truce, the bloc said.\n');
      expect((await runCliAsync(['ingest', file, '--published', '2025-12-26', '--data', data])).code).toBe(0);
      const answer = await askUntil(url, 'How many ASEAN monitors reached Preah Vihear?', /Monitors Reach Preah Vihear/);
      expect(answer.citations[0]?.title).toBe('Monitors Reach Preah Vihear');
      // the per-corpus lookups are made at start-up and for the reloaded corpus before it answers
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = logs().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; ms?: number; preparedMs?: number });
      expect(lines.find((l) => l.msg === 'corpus prepared')?.ms).toEqual(expect.any(Number));
      expect(lines.find((l) => l.msg === 'corpus reloaded')?.preparedMs).toEqual(expect.any(Number));
    } finally {
      await stop(child);
    }
  });

  it('serves /v1/sources and /v1/articles with the token, and refuses them without one', async () => {
    site.reset();
    const data = copyOfData();
    const { child, url } = await startServe(data, { SITREP_API_TOKEN: TOKEN, SITREP_POLL_SECONDS: '3600' });
    const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    try {
      expect((await fetch(`${url}/v1/sources`)).status).toBe(401);
      const added = await fetch(`${url}/v1/sources`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `${site.url}/atom.xml`, every: '30m' }) });
      expect(added.status).toBe(201);
      expect((await fetch(`${url}/v1/sources`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `${site.url}/atom.xml` }) })).status).toBe(409);
      const poll = (await (await fetch(`${url}/v1/sources/poll`, { method: 'POST', headers: auth })).json()) as { added: Array<{ title: string }> };
      expect(poll.added.map((a) => a.title)).toEqual([STORIES.bridge!.title]);
      const list = (await (await fetch(`${url}/v1/sources`, { headers: auth })).json()) as { sources: Array<{ intervalSeconds: number; lastStatus: string }> };
      expect(list.sources[0]).toMatchObject({ intervalSeconds: 1800, lastStatus: 'ok' });
      const text = wireCopy(0).paragraphs.join('\n\n');
      const article = await fetch(`${url}/v1/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ text, title: wireCopy(0).title, source: 'Delta Post', published: wireCopy(0).date.slice(0, 10) }) });
      expect(article.status).toBe(201);
      const { article: stored } = (await article.json()) as { article: { id: string } };
      const copy = await fetch(`${url}/v1/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ text: wireCopy(1).paragraphs.join('\n\n'), title: wireCopy(1).title, source: 'River Times', published: wireCopy(1).date.slice(0, 10) }) });
      expect(await copy.json()).toMatchObject({ status: 'copy', copyOf: stored.id });
      const sources = (await (await fetch(`${url}/v1/articles/${stored.id}`, { headers: auth })).json()) as { sources: Array<{ source: string }> };
      expect(sources.sources.map((s) => s.source)).toEqual(['Delta Post', 'River Times']);
      const page = await fetch(`${url}/v1/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `${site.url}/pages/news/rice.html` }) });
      expect(page.status).toBe(201);
      const answer = await askUntil(url, 'How many hectares of paddy fields were under water?', /Rice Harvest/, 1000, auth);
      expect(answer.answer).toContain('21,000');
      const bad = await fetch(`${url}/v1/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'too short' }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('too_short');
    } finally {
      await stop(child);
    }
    const open = await startServe(copyOfData(), { SITREP_POLL_SECONDS: '3600' });
    try {
      const refused = await fetch(`${open.url}/v1/sources`);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('token_required');
    } finally {
      await stop(open.child);
    }
  });
});
