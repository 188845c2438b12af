import { admitArticle, resolveInput, type AddedArticle, type ArticleInput } from '../adapters/feeds/add-article.ts';
import { pollSources, type PollDeps } from '../adapters/feeds/poll-sources.ts';
import { SitrepError } from '../core/ingest/article-file.ts';
import type { Article, Clock } from '../core/schema.ts';
import type { DuplicateCandidates } from '../core/sources/duplicate-candidates.ts';
import { draftInput } from '../core/sources/prepare-input.ts';
import { Registry, type SourceRef } from '../core/sources/registry.ts';
import { newSource, normalizeSourceUrl, SourceListSchema, type SourceRecord } from '../core/sources/source-record.ts';
import { CorpusWriter, withCorpusWriter } from './fs-commit.ts';
import { readArticles, storedArticleIds } from './fs-corpus.ts';
import { readJson } from './fs-journal.ts';
import { storedCandidates } from './fs-register.ts';
import { dataPaths, writeFileAtomic } from './fs-paths.ts';

/** What a round of polling, or one added article, changed. */
export interface LiveChange {
  added: Article[];
  alternates: number;
  fetched: number;
}

/**
 * Followed sources and live ingest over a data folder on Node: sources.json holds the sources and their last fetch;
 * new articles, their segments and the source registry are committed together through the folder's writer.
 */
export class FsLive {
  constructor(readonly dir: string, private readonly clock: Clock, private readonly deps: Omit<PollDeps, 'now'>) {}

  private get pollDeps(): PollDeps {
    return { ...this.deps, now: () => this.clock.now() };
  }

  /** The followed sources (no lock: the file is replaced atomically). */
  async listSources(): Promise<SourceRecord[]> {
    const parsed = SourceListSchema.safeParse(await readJson(dataPaths(this.dir).sources));
    return parsed.success ? parsed.data.sources : [];
  }

  private async writeSources(sources: SourceRecord[]): Promise<void> {
    await writeFileAtomic(dataPaths(this.dir).sources, `${JSON.stringify({ format: 1, sources }, null, 2)}\n`);
  }

  /** Follows a feed; following one twice is refused. */
  async addSource(url: string, options: { name?: string | null; intervalSeconds?: number }): Promise<SourceRecord> {
    const normalized = normalizeSourceUrl(url);
    if (!normalized) throw new SitrepError('invalid_url', `"${url}" is not an http(s) URL`);
    return withCorpusWriter(this.dir, this.clock, async () => {
      const sources = await this.listSources();
      if (sources.some((s) => s.url === normalized)) throw new SitrepError('duplicate_source', `${normalized} is already followed`);
      const record = newSource(normalized, options, this.clock.now());
      await this.writeSources([...sources, record]);
      return record;
    });
  }

  /** Stops following a feed (its articles stay); unknown URLs are refused. */
  async removeSource(url: string): Promise<void> {
    const normalized = normalizeSourceUrl(url) ?? url;
    await withCorpusWriter(this.dir, this.clock, async () => {
      const sources = await this.listSources();
      if (!sources.some((s) => s.url === normalized)) throw new SitrepError('unknown_source', `${normalized} is not followed`);
      await this.writeSources(sources.filter((s) => s.url !== normalized));
    });
  }

  /** The articles new items are compared with: recent ones in full (read when the register says they may match), the rest by id. */
  private async candidates(writer: CorpusWriter, registry: Registry): Promise<DuplicateCandidates> {
    return storedCandidates(this.dir, await writer.articleRegister(), registry.data.recent.map((r) => r.id));
  }

  private async commit(writer: CorpusWriter, articles: Article[], registry: Registry): Promise<void> {
    await writer.add(articles, { registry: registry.data });
    await writer.compact();
  }

  /** Fetches every due source (or all) once and commits what they brought, with the sources' new state. */
  async poll(which: 'due' | 'all' = 'due'): Promise<LiveChange> {
    return withCorpusWriter(this.dir, this.clock, async (writer) => {
      const sources = await this.listSources();
      if (!sources.length) return { added: [], alternates: 0, fetched: 0 };
      const registry = new Registry(await writer.registry());
      const before = JSON.stringify(registry.data);
      const round = await pollSources(sources, { registry, stored: await this.candidates(writer, registry) }, this.pollDeps, which);
      // Unchanged feeds change the sources' state only, not the corpus.
      if (round.articles.length || JSON.stringify(registry.data) !== before) await this.commit(writer, round.articles, registry);
      // Sources added or removed meanwhile (by `follow add` waiting for the lock) cannot happen: the lock is held.
      await this.writeSources(round.sources);
      return { added: round.articles, alternates: round.alternates, fetched: round.fetched };
    });
  }

  /** Adds one article from text (with ingest options) or from a page URL; a copy of a recent article becomes one of its sources. */
  async addArticle(input: ArticleInput): Promise<AddedArticle> {
    const resolved = await resolveInput(input, this.pollDeps);
    return withCorpusWriter(this.dir, this.clock, async (writer) => {
      const registry = new Registry(await writer.registry());
      const stored = await this.candidates(writer, registry);
      const today = this.clock.now().toISOString().slice(0, 10);
      await stored.load(draftInput(resolved.text, resolved.label, resolved.options, today).draft);
      const result = admitArticle(resolved, registry, stored, this.clock.now());
      if (result.status !== 'already_stored') await this.commit(writer, result.status === 'added' ? [result.article] : [], registry);
      return result;
    });
  }

  /** An article's sources: its own, then the syndicated copies counted with it; null when there is no such article. */
  async articleSources(id: string): Promise<{ article: Article; sources: SourceRef[] } | null> {
    if (!(await storedArticleIds(this.dir)).includes(id)) return null;
    const [article] = await readArticles(this.dir, [id]);
    // Read without the lock: a registry file is never changed, only replaced by a newer one the manifest names.
    const registry = new Registry(await new CorpusWriter(this.dir, this.clock).registry().catch(() => new CorpusWriter(this.dir, this.clock).registry()));
    return { article: article!, sources: registry.sourcesOf(article!) };
  }
}
