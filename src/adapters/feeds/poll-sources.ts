// One polling round over the followed sources, the same on Node (`serve`, `follow poll`) and Workers (the cron):
// fetch what is due, read the feeds, and turn new items into articles, counting syndicated copies once.
// Storage is the caller's: it commits the new articles, the registry and the source records together.
import { SitrepError } from '../../core/ingest/article-file.ts';
import { checkRawBytes } from '../../core/ingest/ingest.ts';
import type { Article } from '../../core/schema.ts';
import type { DuplicateCandidates } from '../../core/sources/duplicate-candidates.ts';
import { hasFullText, ingestInput, isoDay, itemKeys, type FeedItem } from '../../core/sources/feed-item.ts';
import { draftInput, prepareInput } from '../../core/sources/prepare-input.ts';
import type { Registry } from '../../core/sources/registry.ts';
import { afterFetch, isDue, type FetchOutcome } from '../../core/sources/schedule.ts';
import type { SourceRecord } from '../../core/sources/source-record.ts';
import type { Logger } from '../logger.ts';
import { extractPage } from './extract-page.ts';
import { fetchLimited, type Fetcher, type FetchLimits } from './fetch-limited.ts';
import { FeedParseError, readFeed } from './parse-feed.ts';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export interface PollDeps {
  fetcher: Fetcher;
  limits: FetchLimits;
  now: () => Date;
  logger: Logger;
}

export interface PollRound {
  /** every source, those fetched updated */
  sources: SourceRecord[];
  /** new articles, in the order they were found */
  articles: Article[];
  /** items that were copies of an article and became one of its sources */
  alternates: number;
  /** sources fetched this round */
  fetched: number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** The text of an item: its own when it carries the full article, else its page's, read with Readability. */
async function itemText(item: FeedItem, deps: PollDeps): Promise<{ paragraphs: string[]; published: string | null; fetchedPage: boolean }> {
  if (hasFullText(item) || !item.url) return { paragraphs: item.paragraphs, published: item.published, fetchedPage: false };
  const page = await fetchLimited(item.url, { accept: PAGE_ACCEPT }, deps.limits, deps.fetcher, deps.now);
  const article = page.kind === 'ok' ? extractPage(page.body) : null;
  if (!article && page.kind === 'error' && !item.paragraphs.length) throw new SitrepError('page_unavailable', `${item.url}: ${page.message}`);
  if (!article) return { paragraphs: item.paragraphs, published: item.published, fetchedPage: true };
  return { paragraphs: article.paragraphs, published: item.published ?? article.published, fetchedPage: true };
}

/** Handles one item: ignored when already seen, an alternate source when it copies a recent article, else a new article. */
async function takeItem(source: SourceRecord, outlet: string, item: FeedItem, state: { registry: Registry; stored: DuplicateCandidates; round: PollRound }, deps: PollDeps): Promise<'added' | 'skipped'> {
  const keys = itemKeys(source.url, item);
  if (state.registry.seen(keys)) return 'skipped';
  const label = `${source.url} item "${item.title ?? item.url ?? item.guid ?? '?'}"`;
  const now = deps.now();
  try {
    const { paragraphs, published } = await itemText(item, deps);
    const { text, options } = ingestInput({ ...item, published }, paragraphs, outlet);
    checkRawBytes(new TextEncoder().encode(text), label);
    const today = now.toISOString().slice(0, 10);
    const drafted = draftInput(text, label, options, today);
    await state.stored.load(drafted.draft);
    const prepared = prepareInput(text, label, options, state.stored, today, (draft) => state.registry.copyOf(draft)?.id ?? null, drafted);
    const copy = prepared.alreadyStored ? prepared.article.id : prepared.copyOf;
    if (copy) {
      state.registry.addAlternate(copy, { source: outlet, url: options.url ?? null, title: prepared.article.title, at: now.toISOString() }, keys);
      state.round.alternates++;
      deps.logger.info({ msg: 'item is a copy of an article: added as another source', source: source.url, item: item.url, article: copy });
      return 'skipped';
    }
    state.registry.addArticle(prepared.article, keys, now.toISOString());
    state.stored.add(prepared.article);
    state.round.articles.push(prepared.article);
    return 'added';
  } catch (error) {
    if (!(error instanceof SitrepError)) throw error;
    // A page that could not be fetched may be there next time; any other refusal would repeat.
    if (error.code !== 'page_unavailable') state.registry.markRefused(keys, error.code, now.toISOString());
    deps.logger.warn({ msg: 'item refused', source: source.url, item: item.url ?? item.guid, code: error.code, reason: error.message });
    return 'skipped';
  }
}

/** Fetches one source and takes its new items; never throws for anything the network or the feed does. */
async function pollSource(source: SourceRecord, state: { registry: Registry; stored: DuplicateCandidates; round: PollRound }, deps: PollDeps): Promise<SourceRecord> {
  const response = await fetchLimited(source.url, { etag: source.etag, lastModified: source.lastModified, accept: FEED_ACCEPT }, deps.limits, deps.fetcher, deps.now);
  let outcome: FetchOutcome;
  if (response.kind !== 'ok') {
    outcome = response;
  } else {
    try {
      const feed = readFeed(response.body);
      const outlet = source.name ?? feed.title ?? hostOf(source.url);
      let added = 0;
      let skipped = 0;
      for (const item of feed.items) {
        if ((await takeItem(source, outlet, item, state, deps)) === 'added') added++;
        else skipped++;
      }
      outcome = { kind: 'ok', etag: response.etag, lastModified: response.lastModified, added, skipped };
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      outcome = { kind: 'error', message: error.message };
    }
  }
  if (outcome.kind === 'error') deps.logger.warn({ msg: 'source fetch failed', source: source.url, error: outcome.message, status: outcome.status });
  return afterFetch(source, outcome, deps.now());
}

/** One round: every due source (or all, for `follow poll`), one after another; the registry is updated in place. */
export async function pollSources(sources: SourceRecord[], state: { registry: Registry; stored: DuplicateCandidates }, deps: PollDeps, which: 'due' | 'all' = 'due'): Promise<PollRound> {
  const round: PollRound = { sources: [], articles: [], alternates: 0, fetched: 0 };
  for (const source of sources) {
    if (which === 'due' && !isDue(source, deps.now())) {
      round.sources.push(source);
      continue;
    }
    round.fetched++;
    try {
      round.sources.push(await pollSource(source, { ...state, round }, deps));
    } catch (error) {
      // A bug in reading one source must not stop the others, nor the poller.
      deps.logger.error({ msg: 'source poll failed', source: source.url, error });
      round.sources.push(afterFetch(source, { kind: 'error', message: `internal error: ${(error as Error).message}` }, deps.now()));
    }
  }
  state.registry.prune(deps.now());
  return round;
}

/** `sitrep ingest URL` and POST /v1/articles with a URL: the page as ingest text and options. */
export async function fetchPageInput(url: string, deps: Pick<PollDeps, 'fetcher' | 'limits' | 'now'>): Promise<{ text: string; title: string | null; published: string | undefined; byline: string | null }> {
  const page = await fetchLimited(url, { accept: PAGE_ACCEPT }, deps.limits, deps.fetcher, deps.now);
  if (page.kind !== 'ok') throw new SitrepError('fetch_failed', `${url}: ${page.kind === 'error' ? page.message : 'no content'}`);
  const article = extractPage(page.body);
  if (!article) throw new SitrepError('no_article', `${url}: no article text found on the page`);
  return { text: article.paragraphs.join('\n\n'), title: article.title, published: isoDay(article.published), byline: article.byline };
}
