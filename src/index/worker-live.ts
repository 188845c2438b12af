// Live news on Workers: the corpus as the bundled index plus the segments in R2 (picked up by every isolate within
// REFRESH_MS), followed sources polled by the cron, and the /v1/sources and /v1/articles store. No node:* here.
import { admitArticle, resolveInput, type AddedArticle, type ArticleInput } from '../adapters/feeds/add-article.ts';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from '../adapters/feeds/fetch-limited.ts';
import { pollSources, type PollDeps } from '../adapters/feeds/poll-sources.ts';
import type { LiveStore } from '../adapters/http/live-routes.ts';
import type { Logger } from '../adapters/logger.ts';
import { SitrepError } from '../core/ingest/article-file.ts';
import type { Article } from '../core/schema.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../core/store/corpus-index.ts';
import { mergeIndexFiles } from '../core/store/segments.ts';
import { packIndexFile } from '../core/store/pack-index.ts';
import { DuplicateCandidates } from '../core/sources/duplicate-candidates.ts';
import { Registry, type SourceRef } from '../core/sources/registry.ts';
import { newSource, normalizeSourceUrl, SourceListSchema, type SourceRecord } from '../core/sources/source-record.ts';
import { CommitConflict, R2Corpus, type BlobBucket } from './r2-corpus.ts';

/**
 * The cron that polls followed sources (wrangler.toml [triggers]); the other cron posts the digest. Not exported from
 * worker.ts: workerd refuses an entry module whose named exports are not handlers ("Incorrect type for map entry").
 */
export const POLL_CRON = '*/5 * * * *';

/** The R2 bucket binding (wrangler.toml [[r2_buckets]]) that holds articles, segments and followed sources. */
export const BUCKET_BINDING = 'SITREP_BUCKET';
/** An isolate checks the manifest's etag at most this often, so a new segment is answered from within a minute. */
export const REFRESH_MS = 30_000;
const SOURCES_KEY = 'sources.json';

/** The bucket binding, when the Worker has one. */
export function bucketOf(env: Record<string, unknown>): BlobBucket | null {
  const b = env[BUCKET_BINDING] as Partial<BlobBucket> | undefined;
  return b && typeof b.get === 'function' && typeof b.put === 'function' && typeof b.list === 'function' ? (b as BlobBucket) : null;
}

/** Articles in `base` keep their place; a segment holding any of them (made before a redeploy that bundles them) is left out. */
function withoutOverlap(base: IndexFile, segments: IndexFile[], logger: Logger): IndexFile[] {
  const seen = new Set(base.articles.map((a) => a.id));
  return segments.filter((segment) => {
    if (segment.articles.some((a) => seen.has(a.id))) {
      logger.warn({ msg: 'segment left out: its articles are already in the bundled index', articles: segment.articles.length });
      return false;
    }
    for (const a of segment.articles) seen.add(a.id);
    return true;
  });
}

/** The answering corpus of an isolate: the bundled index merged with R2's committed segments, refreshed by etag. */
export class LiveCorpus {
  private current: { corpus: Corpus; etag: string | null; checkedAt: number } | null = null;
  private pending: Promise<Corpus> | null = null;

  constructor(private readonly base: () => IndexFile, readonly r2: R2Corpus, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  /** The corpus to answer from: cached, re-read when the manifest changed (checked at most every REFRESH_MS). */
  get(): Promise<Corpus> {
    if (this.current && this.now() - this.current.checkedAt < REFRESH_MS) return Promise.resolve(this.current.corpus);
    this.pending ??= this.refresh().catch((error: unknown) => this.fallback(error)).finally(() => (this.pending = null));
    return this.pending;
  }

  /** R2 unreachable or a segment unreadable: keep answering from what this isolate has, else from the bundled index. */
  private fallback(error: unknown): Corpus {
    this.logger.error({ msg: 'could not read the segments in R2; answering from the last corpus loaded', error: (error as Error).message });
    if (this.current) {
      this.current.checkedAt = this.now();
      return this.current.corpus;
    }
    const corpus = loadCorpus(this.base());
    this.current = { corpus, etag: null, checkedAt: this.now() };
    return corpus;
  }

  /** Makes the next question re-check R2 (after this isolate committed something). */
  invalidate(): void {
    if (this.current) this.current.checkedAt = 0;
  }

  private async refresh(): Promise<Corpus> {
    const etag = await this.r2.manifestEtag();
    if (this.current && etag === this.current.etag) {
      this.current.checkedAt = this.now();
      return this.current.corpus;
    }
    const read = await this.r2.readManifest();
    const base = this.base();
    const files = [base, ...withoutOverlap(base, await this.r2.segments(read.manifest), this.logger)];
    // The merge is held packed, and the segments it was made of are not kept: an isolate has 128 MB.
    const corpus = loadCorpus(files.length === 1 ? base : packIndexFile(mergeIndexFiles(files)));
    this.current = { corpus, etag: read.etag, checkedAt: this.now() };
    return corpus;
  }
}

/** Followed sources and live articles kept in R2, for the cron and the /v1 routes. */
export class R2Live implements LiveStore {
  constructor(private readonly bucket: BlobBucket, private readonly corpus: LiveCorpus, private readonly deps: { fetcher: PollDeps['fetcher']; limits?: FetchLimits; logger: Logger; now: () => Date }) {}

  private get pollDeps(): PollDeps {
    return { fetcher: this.deps.fetcher, limits: this.deps.limits ?? DEFAULT_FETCH_LIMITS, logger: this.deps.logger, now: this.deps.now };
  }

  private async readSources(): Promise<{ sources: SourceRecord[]; etag: string | null }> {
    const object = await this.bucket.get(SOURCES_KEY);
    if (!object) return { sources: [], etag: null };
    const parsed = SourceListSchema.safeParse(JSON.parse(await object.text()));
    return { sources: parsed.success ? parsed.data.sources : [], etag: object.etag };
  }

  /** Changes the source list with a conditional write, re-reading and retrying when another writer got there first. */
  private async updateSources<T>(change: (sources: SourceRecord[]) => { sources: SourceRecord[]; result: T }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const { sources, etag } = await this.readSources();
      const { sources: next, result } = change(sources);
      const written = await this.bucket.put(SOURCES_KEY, JSON.stringify({ format: 1, sources: next }), { onlyIf: etag ? { etagMatches: etag } : { etagDoesNotMatch: '*' } });
      if (written) return result;
      if (attempt >= 4) throw new SitrepError('busy', 'the source list kept changing; try again');
    }
  }

  async listSources(): Promise<SourceRecord[]> {
    return (await this.readSources()).sources;
  }

  async addSource(url: string, options: { name?: string | null; intervalSeconds?: number }): Promise<SourceRecord> {
    const normalized = normalizeSourceUrl(url);
    if (!normalized) throw new SitrepError('invalid_url', `"${url}" is not an http(s) URL`);
    return this.updateSources((sources) => {
      if (sources.some((s) => s.url === normalized)) throw new SitrepError('duplicate_source', `${normalized} is already followed`);
      const record = newSource(normalized, options, this.deps.now());
      return { sources: [...sources, record], result: record };
    });
  }

  async removeSource(url: string): Promise<void> {
    const normalized = normalizeSourceUrl(url) ?? url;
    await this.updateSources((sources) => {
      if (!sources.some((s) => s.url === normalized)) throw new SitrepError('unknown_source', `${normalized} is not followed`);
      return { sources: sources.filter((s) => s.url !== normalized), result: undefined };
    });
  }

  /** Recent articles in full, every indexed one by id. */
  private async candidates(registry: Registry): Promise<DuplicateCandidates> {
    const corpus = await this.corpus.get();
    const stored = new DuplicateCandidates(await this.corpus.r2.articles([...new Set(registry.data.recent.map((r) => r.id))]));
    for (const a of corpus.data.articles) stored.addId(a.id);
    return stored;
  }

  async poll(which: 'due' | 'all'): Promise<{ added: Article[]; alternates: number; fetched: number }> {
    const { sources } = await this.readSources();
    if (!sources.length) return { added: [], alternates: 0, fetched: 0 };
    const read = await this.corpus.r2.readManifest();
    const registry = new Registry(await this.corpus.r2.registry(read.manifest));
    const before = JSON.stringify(registry.data);
    const round = await pollSources(sources, { registry, stored: await this.candidates(registry) }, this.pollDeps, which);
    if (!round.fetched) return { added: [], alternates: 0, fetched: 0 };
    // Nothing new (every feed unchanged): the source records change, the corpus does not.
    if (!round.articles.length && JSON.stringify(registry.data) === before) {
      await this.saveSourceState(round.sources);
      return { added: [], alternates: 0, fetched: round.fetched };
    }
    const committed = await this.corpus.r2.add(read, round.articles, registry.data);
    await this.corpus.r2.compact({ manifest: committed, etag: await this.corpus.r2.manifestEtag() }).catch((error: unknown) => {
      this.deps.logger.warn({ msg: 'compaction skipped', error: (error as Error).message });
    });
    this.corpus.invalidate();
    await this.saveSourceState(round.sources);
    return { added: round.articles, alternates: round.alternates, fetched: round.fetched };
  }

  /** Stores the sources' new fetch state, keeping sources added or removed meanwhile. */
  private async saveSourceState(polled: SourceRecord[]): Promise<void> {
    const byUrl = new Map(polled.map((s) => [s.url, s]));
    await this.updateSources((current) => ({ sources: current.map((s) => byUrl.get(s.url) ?? s), result: undefined }));
  }

  async addArticle(input: ArticleInput): Promise<AddedArticle> {
    const resolved = await resolveInput(input, this.pollDeps);
    // Another writer committing first (the cron, another request) only means deciding again on the newer corpus.
    for (let attempt = 0; ; attempt++) {
      const read = await this.corpus.r2.readManifest();
      const registry = new Registry(await this.corpus.r2.registry(read.manifest));
      const result = admitArticle(resolved, registry, await this.candidates(registry), this.deps.now());
      if (result.status === 'already_stored') return result;
      try {
        await this.corpus.r2.add(read, result.status === 'added' ? [result.article] : [], registry.data);
      } catch (error) {
        if (!(error instanceof CommitConflict) || attempt >= 3) throw error;
        this.corpus.invalidate();
        continue;
      }
      this.corpus.invalidate();
      return result;
    }
  }

  async articleSources(id: string): Promise<{ article: Article; sources: SourceRef[] } | null> {
    const [article] = await this.corpus.r2.articles([id]);
    if (!article) return null;
    const read = await this.corpus.r2.readManifest();
    return { article, sources: new Registry(await this.corpus.r2.registry(read.manifest)).sourcesOf(article) };
  }

  /** The cron's part: poll due sources, then sweep objects that failed commits left. */
  async scheduledRound(): Promise<{ added: number; alternates: number; fetched: number; swept: number }> {
    const change = await this.poll('due');
    const read = await this.corpus.r2.readManifest();
    const corpus = await this.corpus.get();
    const swept = await this.corpus.r2.sweep(read.manifest, new Set(corpus.data.articles.map((a) => a.id)));
    return { added: change.added.length, alternates: change.alternates, fetched: change.fetched, swept };
  }

  /** /healthz: each source's last fetch, status and error. */
  async health(): Promise<Record<string, unknown>> {
    const sources = await this.listSources();
    return { sources: sources.map(({ url, name, lastFetchAt, lastStatus, lastError, nextFetchAt, added, skipped }) => ({ url, name, lastFetchAt, lastStatus, lastError, nextFetchAt, added, skipped })) };
  }
}
