import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArticle } from '../core/ingest/article-file.ts';
import { loadCorpus, loadMergedSteps, type Corpus, type IndexFile } from '../core/store/corpus-index.ts';
import type { Manifest } from '../core/store/segment-manifest.ts';
import { mergeIndexFilesSteps } from '../core/store/segments.ts';
import { runPaced, runSteps, type Steps } from '../core/store/steps.ts';
import type { Article, Clock } from '../core/schema.ts';
import { lockHolder, lockPath, withWriteLock } from './fs-lock.ts';
import { JournalSchema, readJson, readManifest, recoverCorpus } from './fs-journal.ts';
import { dataPaths } from './fs-paths.ts';
import { textPartReader, wholeIndexSteps, type StoredIndex } from './fs-index-file.ts';

export { dataPaths, writeFileAtomic } from './fs-paths.ts';

/** Ids of the stored articles (file names under DIR/articles). */
export async function storedArticleIds(dir: string): Promise<string[]> {
  try {
    return (await readdir(dataPaths(dir).articles)).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Files read at once: one open file per article overran the process's limit (EMFILE at 20,000 of 50,000 articles). */
const READ_BATCH = 256;

/** Reads and validates stored articles: all of them, or the ids given, a batch of files at a time. */
export async function readArticles(dir: string, ids?: string[]): Promise<Article[]> {
  const { articles } = dataPaths(dir);
  const names = (ids ?? (await storedArticleIds(dir))).map((id) => join(articles, `${id}.md`));
  const out: Article[] = [];
  for (let i = 0; i < names.length; i += READ_BATCH) {
    out.push(...(await Promise.all(names.slice(i, i + READ_BATCH).map(async (path) => parseArticle(await readFile(path, 'utf8'), path)))));
  }
  return out;
}

/** The committed index files: data/index.json and the segments the manifest names (skipped when a build replaced them). */
async function readCommitted(dir: string): Promise<{ files: StoredIndex[]; manifest: Manifest | null }> {
  const paths = dataPaths(dir);
  const manifest = await readManifest(dir);
  const base = (await readJson(paths.index)) as StoredIndex | undefined;
  const files = base ? [base] : [];
  const baseReplaced = base && manifest && (!manifest.base || base.builtAt > manifest.base.builtAt);
  if (manifest && !baseReplaced) {
    for (const entry of manifest.segments) files.push((await readJson(join(paths.segments, `${entry.name}.json`)).then((json) => {
      if (json === undefined) throw Object.assign(new Error(`segment ${entry.name} is missing`), { code: 'ENOENT' });
      return json;
    })) as StoredIndex);
  }
  return { files, manifest };
}

export interface OpenOptions {
  /** told about anything unusual: a recovered change, articles not in the index */
  notice?: (message: string) => void;
  /**
   * Merging index files (a base and its segments) pauses on this every slice of work (steps.ts): a server passes a
   * turn of its event loop, so requests are answered from the corpus it has while the new one is merged.
   */
  pause?: () => Promise<void>;
  /** the work between two pauses, in ms (runPaced's default when not given) */
  sliceMs?: number;
}

/**
 * The committed index files of a data folder: index.json and the committed segments. A change whose writer died is
 * finished or rolled back first; a change in progress is not seen; articles on disk that no index holds (put there by
 * hand) are indexed in memory and reported.
 */
async function readCorpusFiles(dir: string, clock: Clock, options: OpenOptions): Promise<StoredIndex[]> {
  const notice = options.notice ?? (() => {});
  const paths = dataPaths(dir);
  const lockLeft = (await readFile(lockPath(dir)).then(() => true, () => false)) && (await lockHolder(dir)) === null;
  if (lockLeft || (await readJson(paths.journal).catch(() => undefined)) !== undefined) {
    if ((await lockHolder(dir)) === null) {
      try {
        const { summary } = await withWriteLock(dir, () => recoverCorpus(dir), 0);
        if (summary) notice(`${dir}: ${summary}`);
      } catch (error) {
        notice(`${dir}: an interrupted change could not be recovered (${(error as Error).message}); answering from what was committed`);
      }
    }
  }
  const journal = JournalSchema.safeParse(await readJson(paths.journal).catch(() => undefined));
  const pending = new Set(journal.success ? journal.data.articles : []);
  let committed: { files: StoredIndex[] } | undefined;
  // A compaction may delete a segment between our reading the manifest and the segment: read again.
  for (let attempt = 0; !committed; attempt++) {
    try {
      committed = await readCommitted(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 4) throw error;
    }
  }
  const files = committed.files;
  const indexed = new Set(files.flatMap((f) => f.articles.map((a) => a.id)));
  const onDisk = await storedArticleIds(dir);
  const strays = onDisk.filter((id) => !indexed.has(id) && !pending.has(id));
  if (strays.length) {
    files.push((await indexBuilder())(await readArticles(dir, strays), clock.now()));
    notice(`${dir}: ${strays.length} article${strays.length === 1 ? ' is' : 's are'} not in the index (${strays.slice(0, 3).join(', ')}${strays.length > 3 ? ', ...' : ''}); answering with them included. Run \`sitrep build\` to index them for good`);
  }
  const disk = new Set(onDisk);
  const missing = [...indexed].filter((id) => !disk.has(id));
  if (missing.length && onDisk.length) notice(`${dir}: ${missing.length} indexed article${missing.length === 1 ? ' has' : 's have'} no file in articles/ (${missing.slice(0, 3).join(', ')}); run \`sitrep build\``);
  if (!files.length) files.push((await indexBuilder())([], clock.now()));
  return files;
}

/** The index of a data folder as one file: its index files merged with corpus-wide statistics (see readCorpusFiles). */
export async function readCorpusIndex(dir: string, clock: Clock, options: OpenOptions = {}): Promise<IndexFile> {
  return runSteps(mergedSteps(dir, await readCorpusFiles(dir, clock, options)));
}

/** Index files read whole (every text part of a split one) and merged, in steps (steps.ts). */
function* mergedSteps(dir: string, files: StoredIndex[]): Steps<IndexFile> {
  const whole: IndexFile[] = [];
  for (const file of files) whole.push(yield* wholeIndexSteps(dir, file));
  return yield* mergeIndexFilesSteps(whole);
}

/**
 * Loads the corpus of a data folder, ready to answer from. A lone index.json split in parts is loaded as it is, its
 * texts read when questions need them; with segments beside it, every file is read whole and merged.
 */
export async function openCorpus(dir: string, clock: Clock, options: OpenOptions = {}): Promise<Corpus> {
  const files = await readCorpusFiles(dir, clock, options);
  if (files.length === 1) return loadCorpus(files[0], { readTextPart: textPartReader(dir) });
  function* merged(): Steps<Corpus> {
    return yield* loadMergedSteps(yield* mergedSteps(dir, files));
  }
  return options.pause ? runPaced(merged(), options.pause, options.sliceMs) : runSteps(merged());
}

/**
 * The index builder, loaded only when an index must be built: it brings wink-nlp's model and the world-countries
 * data, which a `sitrep ask` on an up-to-date index never needs (and which cost it start-up time).
 */
export async function indexBuilder(): Promise<typeof import('../core/store/build-index-node.ts').buildIndex> {
  return (await import('../core/store/build-index-node.ts')).buildIndex;
}
