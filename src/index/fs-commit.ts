import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeArticle } from '../core/ingest/article-file.ts';
import { type IndexFile } from '../core/store/corpus-index.ts';
import { emptyManifest, planCompaction, registryName, segmentName, type Manifest, type SegmentEntry } from '../core/store/segment-manifest.ts';
import { mergeIndexFiles, segmentMonth } from '../core/store/segments.ts';
import type { Article, Clock } from '../core/schema.ts';
import { indexBuilder, readArticles, storedArticleIds } from './fs-corpus.ts';
import { withWriteLock } from './fs-lock.ts';
import { baseBuiltAt, readJson, readManifest, recoverCorpus, type Journal } from './fs-journal.ts';
import { dataPaths, writeFileAtomic } from './fs-paths.ts';
import { partStamp, removeOldParts, writeIndex } from './fs-index-file.ts';
import { DEFAULT_SPLIT_LAYOUT, type SplitLayout } from '../core/store/index-split.ts';

/** Progress of a long change: what stage, how far. */
export type ProgressReport = (stage: 'index' | 'write', done: number, total: number) => void;

export interface CommitSummary {
  articles: number;
  passages: number;
  segments: string[];
}

function entryFor(name: string, month: string, file: IndexFile): SegmentEntry {
  return { name, month, articles: file.articles.length, passages: file.lunr.docs.length, builtAt: file.builtAt };
}

/**
 * A writer of one data folder, holding its lock: every change writes a journal, then new files beside the old ones,
 * then the manifest (the commit), then removes what it replaced; a kill at any point is finished or undone by
 * `recoverCorpus` on the next run.
 */
export class CorpusWriter {
  constructor(readonly dir: string, private readonly clock: Clock, private readonly layout: SplitLayout = DEFAULT_SPLIT_LAYOUT) {}

  private get paths() {
    return dataPaths(this.dir);
  }

  /** The committed manifest (an empty one over index.json when no segment was written yet). */
  async manifest(): Promise<Manifest> {
    return (await readManifest(this.dir)) ?? emptyManifest(await baseBuiltAt(this.dir));
  }

  /** The source registry as of the last commit (null before the first). */
  async registry(): Promise<unknown> {
    const { registry } = await this.manifest();
    return registry ? (await readJson(join(this.paths.segments, `${registry}.json`))) ?? null : null;
  }

  private async run(journal: Journal, write: () => Promise<void>, manifest: Manifest): Promise<void> {
    await mkdir(this.paths.segments, { recursive: true });
    await writeFileAtomic(this.paths.journal, JSON.stringify(journal));
    await write();
    await writeFileAtomic(this.paths.manifest, JSON.stringify(manifest));
    for (const name of journal.obsolete) await rm(join(this.paths.segments, `${name}.json`), { force: true });
    await rm(this.paths.journal, { force: true });
  }

  /**
   * Adds articles (and any article files put there by hand that no index holds) as new segments, one per month,
   * with the registry that goes with them; nothing is visible to readers until the manifest is written.
   */
  async add(articles: Article[], options: { registry?: unknown; onProgress?: ProgressReport } = {}): Promise<CommitSummary> {
    const manifest = await this.manifest();
    const generation = manifest.generation + 1;
    const strays = await this.unindexed(manifest);
    const all = [...articles, ...(strays.length ? await readArticles(this.dir, strays) : [])];
    if (!all.length && options.registry === undefined) return { articles: 0, passages: 0, segments: [] };
    const months = new Map<string, Article[]>();
    for (const article of all) months.set(segmentMonth(article), [...(months.get(segmentMonth(article)) ?? []), article]);
    const segments: Array<[SegmentEntry, IndexFile]> = [];
    let indexed = 0;
    const buildIndex = await indexBuilder();
    for (const [month, group] of [...months].sort()) {
      const file = buildIndex(group, this.clock.now());
      segments.push([entryFor(segmentName(month, generation), month, file), file]);
      options.onProgress?.('index', (indexed += group.length), all.length);
    }
    const registry = options.registry === undefined ? manifest.registry : registryName(generation);
    const written = [...segments.map(([e]) => e.name), ...(registry !== manifest.registry && registry ? [registry] : [])];
    const obsolete = registry !== manifest.registry && manifest.registry ? [manifest.registry] : [];
    const next: Manifest = { ...manifest, generation, segments: [...manifest.segments, ...segments.map(([e]) => e)], registry };
    await this.run({ op: 'add', generation, articles: articles.map((a) => a.id), written, obsolete, baseBuiltAt: null, manifest: null }, async () => {
      await mkdir(this.paths.articles, { recursive: true });
      let done = 0;
      for (const article of articles) {
        await writeFileAtomic(join(this.paths.articles, `${article.id}.md`), serializeArticle(article));
        options.onProgress?.('write', ++done, articles.length);
      }
      for (const [entry, file] of segments) await writeFileAtomic(join(this.paths.segments, `${entry.name}.json`), JSON.stringify(file));
      if (registry && registry !== manifest.registry) await writeFileAtomic(join(this.paths.segments, `${registry}.json`), JSON.stringify(options.registry));
    }, next);
    return { articles: all.length, passages: segments.reduce((n, [e]) => n + e.passages, 0), segments: segments.map(([e]) => e.name) };
  }

  /** Ids of article files that neither index.json nor a segment holds. */
  private async unindexed(manifest: Manifest): Promise<string[]> {
    const indexed = new Set<string>();
    const base = (await readJson(this.paths.index)) as IndexFile | undefined;
    for (const a of base?.articles ?? []) indexed.add(a.id);
    for (const entry of manifest.segments) {
      const file = (await readJson(join(this.paths.segments, `${entry.name}.json`))) as IndexFile | undefined;
      for (const a of file?.articles ?? []) indexed.add(a.id);
    }
    return (await storedArticleIds(this.dir)).filter((id) => !indexed.has(id));
  }

  /** Rebuilds index.json from every stored article (its texts in parts when large); the segments it now holds are removed. */
  async build(): Promise<{ articles: number; passages: number; bytes: number }> {
    const manifest = await this.manifest();
    const articles = await readArticles(this.dir);
    const file = (await indexBuilder())(articles, this.clock.now());
    const generation = manifest.generation + 1;
    const next: Manifest = { ...manifest, generation, base: { builtAt: file.builtAt }, segments: [] };
    const textStamp = partStamp(file.builtAt);
    const journal: Journal = { op: 'build', generation, articles: [], written: [], obsolete: manifest.segments.map((s) => s.name), baseBuiltAt: file.builtAt, manifest: next, textStamp };
    let bytes = 0;
    await this.run(journal, async () => {
      bytes = (await writeIndex(this.dir, file, textStamp, this.layout)).bytes;
    }, next);
    await removeOldParts(this.dir, textStamp);
    return { articles: articles.length, passages: file.lunr.docs.length, bytes };
  }

  /** Merges small segments of the same month (planCompaction); returns how many segments were merged away. */
  async compact(): Promise<number> {
    const manifest = await this.manifest();
    const plans = planCompaction(manifest);
    if (!plans.length) return 0;
    const generation = manifest.generation + 1;
    const merged: Array<[SegmentEntry, IndexFile]> = [];
    for (const group of plans) {
      const files = await Promise.all(group.map(async (e) => JSON.parse(await readFile(join(this.paths.segments, `${e.name}.json`), 'utf8')) as IndexFile));
      const file = mergeIndexFiles(files, this.clock.now().toISOString());
      merged.push([entryFor(segmentName(group[0]!.month, generation), group[0]!.month, file), file]);
    }
    const replaced = new Set(plans.flat().map((e) => e.name));
    const next: Manifest = { ...manifest, generation, segments: [...manifest.segments.filter((e) => !replaced.has(e.name)), ...merged.map(([e]) => e)] };
    const journal: Journal = { op: 'compact', generation, articles: [], written: merged.map(([e]) => e.name), obsolete: [...replaced], baseBuiltAt: null, manifest: null };
    await this.run(journal, async () => {
      for (const [entry, file] of merged) await writeFileAtomic(join(this.paths.segments, `${entry.name}.json`), JSON.stringify(file));
    }, next);
    return replaced.size - merged.length;
  }
}

/**
 * Runs `fn` with the folder's writer: takes the lock, finishes or undoes a change a killed process left, and
 * reports what recovery did through `notice`.
 */
export async function withCorpusWriter<T>(dir: string, clock: Clock, fn: (writer: CorpusWriter) => Promise<T>, notice?: (message: string) => void, layout?: SplitLayout): Promise<T> {
  return withWriteLock(dir, async () => {
    const { summary } = await recoverCorpus(dir);
    if (summary) notice?.(`${dir}: ${summary}`);
    return fn(new CorpusWriter(dir, clock, layout));
  });
}

/** `sitrep build`: rebuilds DIR/index.json from the stored articles. */
export async function rebuildIndex(dir: string, clock: Clock, notice?: (message: string) => void, layout?: SplitLayout): Promise<{ articles: number; passages: number; bytes: number }> {
  return withCorpusWriter(dir, clock, (writer) => writer.build(), notice, layout);
}
