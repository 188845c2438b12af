// Live news inside workerd with the real R2 binding from miniflare: sources added over HTTP, the polling cron picks
// up new items from the fake site on 127.0.0.1 (test/helpers/feed-worker-setup.ts), the next question is answered
// from them, unchanged feeds are not fetched in full twice, and another isolate picks up a new segment by itself.
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import bundledIndex from '../../data/index.json';
import type { IndexFile } from '../../src/core/store/corpus-index.ts';
import { CommitConflict, R2Corpus, type BlobBucket } from '../../src/index/r2-corpus.ts';
import worker from '../../src/index/worker.ts';
import { LiveCorpus, POLL_CRON, R2Live, REFRESH_MS } from '../../src/index/worker-live.ts';

const site = inject('feedSite').url;
const { SITREP_API_TOKEN } = inject('workerBindings');
const auth = { Authorization: `Bearer ${SITREP_API_TOKEN}`, 'Content-Type': 'application/json', 'CF-Connecting-IP': '203.0.113.77' };

interface Recorded { path: string; status: number; conditional: boolean }
const control = async (path: string, body?: unknown) => (await fetch(`${site}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })).json();
const requests = async () => (await control('/__requests')) as Recorded[];

async function runPollCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: POLL_CRON }), env as Record<string, unknown>, ctx);
  await waitOnExecutionContext(ctx);
}

async function ask(question: string): Promise<{ answer: string; citations: Array<{ title: string; url: string | null }> }> {
  return (await SELF.fetch(`https://sitrep.test/v1/ask?q=${encodeURIComponent(question)}`, { headers: auth })).json();
}

beforeAll(async () => {
  await control('/__reset');
});

describe('followed sources on Workers (R2)', () => {
  it('adds sources over HTTP, polls on the cron, answers about the new items, and sends conditional requests after', async () => {
    for (const path of ['/rss.xml', '/atom.xml']) {
      const res = await SELF.fetch('https://sitrep.test/v1/sources', { method: 'POST', headers: auth, body: JSON.stringify({ url: `${site}${path}`, every: '1s' }) });
      expect(res.status).toBe(201);
    }
    await runPollCron();
    const floods = await ask('How many villages were evacuated in Savannakhet?');
    expect(floods.citations[0]?.url).toBe(`${site}/news/floods`);
    expect(floods.answer).toContain('12');
    const manifest = await (env as { SITREP_BUCKET: BlobBucket }).SITREP_BUCKET.get('manifest.json');
    const generation = (JSON.parse(await manifest!.text()) as { generation: number }).generation;

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runPollCron();
    const feedRequests = (await requests()).filter((r) => r.path === '/rss.xml' || r.path === '/atom.xml');
    expect(feedRequests.map((r) => r.status)).toEqual([200, 200, 304, 304]);
    expect(feedRequests.slice(2).every((r) => r.conditional)).toBe(true);
    const after = await (env as { SITREP_BUCKET: BlobBucket }).SITREP_BUCKET.get('manifest.json');
    expect((JSON.parse(await after!.text()) as { generation: number }).generation).toBe(generation);

    const feed = (await (await fetch(`${site}/rss.xml`)).text()).replace('</channel>', `<item><title>Extra Ferries Put On at Nakhon Phanom Crossing</title><link>${site}/news/ferry</link><guid>riverwatch-1002</guid><pubDate>${new Date().toUTCString()}</pubDate><description>Four extra ferries were put into service at the Nakhon Phanom crossing on Tuesday to carry trucks diverted from the closed friendship bridge, port officials said. Queues of up to 300 trucks formed on the Thai side overnight, according to the customs office.</description><content:encoded><![CDATA[<p>Four extra ferries were put into service at the Nakhon Phanom crossing on Tuesday to carry trucks diverted from the closed friendship bridge, port officials said.</p><p>Queues of up to 300 trucks formed on the Thai side overnight, according to the customs office, which said clearance would now run around the clock.</p><p>The ferries can carry about 40 trucks an hour between them, the port authority said.</p>]]></content:encoded></item></channel>`);
    await control('/__set', { path: '/rss.xml', resource: { body: feed, type: 'application/rss+xml' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runPollCron();
    const ferries = await ask('How many extra ferries were put into service at Nakhon Phanom?');
    expect(ferries.citations.map((c) => c.title)).toContain('Extra Ferries Put On at Nakhon Phanom Crossing');

    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { articles: number; sources: Array<{ url: string; lastStatus: string; added: number }> };
    expect(health.articles).toBe(8);
    expect(health.sources.find((s) => s.url.endsWith('/rss.xml'))).toMatchObject({ lastStatus: 'ok', added: 2 });
  });

  it('adds an article by text over POST /v1/articles and lists its sources', async () => {
    const text = 'A landslide blocked the main road between Pakse and the Bolaven plateau on Wednesday, cutting off at least 14 villages, district officials said.\n\nRescue teams using two excavators were working to clear about 200 metres of mud and rock.';
    const res = await SELF.fetch('https://sitrep.test/v1/articles', { method: 'POST', headers: auth, body: JSON.stringify({ text, title: 'Landslide Cuts Off Villages Near Pakse', source: 'Delta Post', published: new Date().toISOString().slice(0, 10) }) });
    expect(res.status).toBe(201);
    const { article } = (await res.json()) as { article: { id: string } };
    const sources = (await (await SELF.fetch(`https://sitrep.test/v1/articles/${article.id}`, { headers: auth })).json()) as { sources: Array<{ source: string }> };
    expect(sources.sources.map((s) => s.source)).toEqual(['Delta Post']);
    expect((await ask('How many villages did the landslide near Pakse cut off?')).answer).toContain('14');
  });

  it('refuses a commit over a manifest that changed meanwhile, keeping the first writer\'s articles and none of its own', async () => {
    const bucket = (env as { SITREP_BUCKET: BlobBucket }).SITREP_BUCKET;
    const r2 = new R2Corpus(bucket, 'base', () => new Date());
    const article = (id: string) => ({ id, title: id, source: null, url: null, published: '2026-11-30', standfirst: null, paragraphs: [`The ${id} convoy reached the border crossing on Monday with food and medicine for 900 families.`] });
    const stale = await r2.readManifest();
    const first = await r2.add(stale, [article('convoy-a')], { format: 1, keys: {}, recent: [], alternates: {} });
    await expect(r2.add(stale, [article('convoy-b')], { format: 1, keys: {}, recent: [], alternates: {} })).rejects.toThrow(CommitConflict);
    // Read back by a fresh isolate's store: the objects themselves, not this one's cache.
    const fresh = new R2Corpus(bucket, 'base', () => new Date());
    const now = await fresh.readManifest();
    expect(now.manifest.generation).toBe(first.generation);
    const names = (await fresh.segments(now.manifest)).flatMap((f) => f.articles.map((a) => a.id));
    expect(names).toContain('convoy-a');
    expect(names).not.toContain('convoy-b');
    const keys = (await bucket.list({ prefix: 'segments/' })).objects.map((o) => o.key);
    expect(keys.filter((k) => k.startsWith('segments/2026-11.'))).toHaveLength(1);
  });

  it('lets another isolate pick up a new segment once its refresh interval has passed', async () => {
    const bucket = (env as { SITREP_BUCKET: BlobBucket }).SITREP_BUCKET;
    const base = () => JSON.parse(bundledIndex as unknown as string) as IndexFile;
    let now = 1_000_000;
    const reader = new LiveCorpus(base, new R2Corpus(bucket, base().builtAt, () => new Date()), silentLogger, () => now);
    const before = (await reader.get()).data.articles.length;
    const writerCorpus = new LiveCorpus(base, new R2Corpus(bucket, base().builtAt, () => new Date()), silentLogger);
    const writer = new R2Live(bucket, writerCorpus, { fetcher: (input, init) => fetch(input, init), logger: silentLogger, now: () => new Date() });
    await writer.addArticle({ url: `${site}/pages/news/rice.html`, options: {} });
    now += REFRESH_MS - 1;
    expect((await reader.get()).data.articles.length).toBe(before);
    now += 2;
    expect((await reader.get()).data.articles.length).toBe(before + 1);
  });
});
