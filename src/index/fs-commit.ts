import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeArticle } from '../core/ingest/article-file.ts';
import { type IndexFile } from '../core/store/corpus-index.ts';
import { emptyManifest, planCompaction, registerName, registryName, segmentName, type Manifest, type SegmentEntry } from '../core/store/segment-manifest.ts';
import { ArticleRegister } from '../core/sources/article-register.ts';
import { mergeIndexFiles, segmentMonth } from '../core/store/segments.ts';
import type { Article, Clock } from '../core/schema.ts';
import { indexBuilder, readArticles, storedArticleIds } from './fs-corpus.ts';
import { withWriteLock } from './fs-lock.ts';
import { baseBuiltAt, readJson, readManifest, recoverCorpus, type Journal } from './fs-journal.ts';
import { dataPaths, writeFileAtomic } from './fs-paths.ts';
import { partStamp, removeOldParts, writeIndex } from './fs-index-file.ts';
import { DEFAULT_SPLIT_LAYOUT, type SplitLayout } from '../core/store/index-split.ts';
import { readRegister, rebuildRegister, registerFileText } from './fs-register.ts';

/** Rebuilding a register of this many articles takes long enough to say why the change is slow. */
const REGISTER_NOTICE_FROM = 1000;

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
  /** the committed article register, once read or rebuilt */
  private register: ArticleRegister | null = null;
  /** the register was rebuilt from the article files: the next commit writes it even if it adds nothing */
  private registerRebuilt = false;

  constructor(readonly dir: string, private readonly clock: Clock, private readonly layout: SplitLayout = DEFAULT_SPLIT_LAYOUT, private readonly notice?: (message: string) => void) {}

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

  /**
   * The committed article register (see article-register.ts); when there is none to trust (a folder written before
   * registers, or by an older sitrep) it is rebuilt from the index and article files, once: the next commit writes it.
   */
  async articleRegister(): Promise<ArticleRegister> {
    if (this.register) return this.register;
    const manifest = await this.manifest();
    const read = await readRegister(this.dir, manifest);
    if (read) return (this.register = read);
    const started = Date.now();
    const rebuilt = await rebuildRegister(this.dir, manifest);
    if (rebuilt.size >= REGISTER_NOTICE_FROM) this.notice?.(`${this.dir}: made the article register from ${rebuilt.size} indexed articles in ${((Date.now() - started) / 1000).toFixed(1)} s (once: it is kept with the index from now on)`);
    this.registerRebuilt = true;
    return (this.register = rebuilt);
  }

  private async writeRegisterFile(name: string, text: string): Promise<void> {
    await mkdir(this.paths.register, { recursive: true });
    await writeFileAtomic(join(this.paths.register, `${name}.json`), text);
  }

  private async run(journal: Journal, write: () => Promise<void>, manifest: Manifest): Promise<void> {
    await mkdir(this.paths.segments, { recursive: true });
    await writeFileAtomic(this.paths.journal, JSON.stringify(journal));
    await write();
    await writeFileAtomic(this.paths.manifest, JSON.stringify(manifest));
    for (const name of journal.obsolete) await rm(join(this.paths.segments, `${name}.json`), { force: true });
    if (journal.register?.obsolete) await rm(join(this.paths.register, `${journal.register.obsolete}.json`), { force: true });
    await rm(this.paths.journal, { force: true });
  }

  /**
   * Adds articles (and any article files put there by hand that no index holds) as new segments, one per month,
   * with the registry that goes with them; nothing is visible to readers until the manifest is written.
   */
  async add(articles: Article[], options: { registry?: unknown; onProgress?: ProgressReport } = {}): Promise<CommitSummary> {
    const manifest = await this.manifest();
    const generation = manifest.generation + 1;
    const register = await this.articleRegister();
    // Article files put there by hand: those the register (every indexed id) does not know.
    const strays = (await storedArticleIds(this.dir)).filter((id) => !register.has(id));
    const all = [...articles, ...(strays.length ? await readArticles(this.dir, strays) : [])];
    if (!all.length && options.registry === undefined && !this.registerRebuilt) return { articles: 0, passages: 0, segments: [] };
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
    const registerChanged = all.length > 0 || this.registerRebuilt;
    const nextRegister = registerChanged ? registerName(generation) : manifest.register ?? null;
    for (const article of all) register.add(article);
    const registerFile = registerChanged ? registerFileText(register.data(), await baseBuiltAt(this.dir)) : null;
    const written = [...segments.map(([e]) => e.name), ...(registry !== manifest.registry && registry ? [registry] : [])];
    const obsolete = registry !== manifest.registry && manifest.registry ? [manifest.registry] : [];
    const next: Manifest = { ...manifest, generation, segments: [...manifest.segments, ...segments.map(([e]) => e)], registry, register: nextRegister };
    const registerFiles = { written: registerChanged ? nextRegister : null, obsolete: registerChanged ? manifest.register ?? null : null };
    await this.run({ op: 'add', generation, articles: articles.map((a) => a.id), written, obsolete, baseBuiltAt: null, manifest: null, register: registerFiles }, async () => {
      await mkdir(this.paths.articles, { recursive: true });
      let done = 0;
      for (const article of articles) {
        await writeFileAtomic(join(this.paths.articles, `${article.id}.md`), serializeArticle(article));
        options.onProgress?.('write', ++done, articles.length);
      }
      for (const [entry, file] of segments) await writeFileAtomic(join(this.paths.segments, `${entry.name}.json`), JSON.stringify(file));
      if (registry && registry !== manifest.registry) await writeFileAtomic(join(this.paths.segments, `${registry}.json`), JSON.stringify(options.registry));
      if (registerFile) await this.writeRegisterFile(nextRegister!, registerFile);
    }, next).catch((error: unknown) => {
      // The register now holds articles that were not committed: read it again if this writer is used after.
      this.register = null;
      throw error;
    });
    this.registerRebuilt = false;
    return { articles: all.length, passages: segments.reduce((n, [e]) => n + e.passages, 0), segments: segments.map(([e]) => e.name) };
  }

  /** Rebuilds index.json from every stored article (its texts in parts when large); the segments it now holds are removed. */
  async build(): Promise<{ articles: number; passages: number; bytes: number }> {
    const manifest = await this.manifest();
    const articles = await readArticles(this.dir);
    const file = (await indexBuilder())(articles, this.clock.now());
    const generation = manifest.generation + 1;
    const register = new ArticleRegister();
    for (const article of articles) register.add(article);
    const nextRegister = registerName(generation);
    const next: Manifest = { ...manifest, generation, base: { builtAt: file.builtAt }, segments: [], register: nextRegister };
    const textStamp = partStamp(file.builtAt);
    const obsolete = manifest.segments.map((s) => s.name);
    const journal: Journal = { op: 'build', generation, articles: [], written: [], obsolete, baseBuiltAt: file.builtAt, manifest: next, textStamp, register: { written: nextRegister, obsolete: manifest.register ?? null } };
    let bytes = 0;
    await this.run(journal, async () => {
      // The register first: a build counts as committed once index.json is written, and the manifest then names it.
      await this.writeRegisterFile(nextRegister, registerFileText(register.data(), file.builtAt));
      bytes = (await writeIndex(this.dir, file, textStamp, this.layout)).bytes;
    }, next);
    this.register = register;
    this.registerRebuilt = false;
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
    return fn(new CorpusWriter(dir, clock, layout, notice));
  });
}

/** `sitrep build`: rebuilds DIR/index.json from the stored articles. */
export async function rebuildIndex(dir: string, clock: Clock, notice?: (message: string) => void, layout?: SplitLayout): Promise<{ articles: number; passages: number; bytes: number }> {
  return withCorpusWriter(dir, clock, (writer) => writer.build(), notice, layout);
}
