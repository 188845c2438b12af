import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SitrepError, splitFrontMatter } from '../../core/ingest/article-file.ts';
import { checkRawBytes, type IngestOptions } from '../../core/ingest/ingest.ts';
import { draftInput, prepareInput, type Prepared } from '../../core/sources/prepare-input.ts';
import type { Article, Clock } from '../../core/schema.ts';
import { withCorpusWriter } from '../fs-commit.ts';
import { storedCandidates } from '../fs-register.ts';
import { createProgress } from '../progress.ts';

/** Batches at least this long show progress (a bar on a terminal, lines when piped). */
const PROGRESS_FROM = 20;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Front matter of a .md file as ingest options; command-line flags win over it. */
function optionsFor(text: string, name: string, flags: IngestOptions): { body: string; options: IngestOptions } {
  if (!name.endsWith('.md')) return { body: text, options: flags };
  const { meta, body } = splitFrontMatter(text);
  return {
    body,
    options: {
      id: flags.id ?? str(meta.id),
      title: flags.title ?? str(meta.title),
      source: flags.source ?? str(meta.source) ?? null,
      url: flags.url ?? str(meta.url) ?? null,
      published: flags.published ?? (meta.published instanceof Date ? meta.published.toISOString().slice(0, 10) : str(meta.published)),
      standfirst: str(meta.standfirst) ?? null,
    },
  };
}

async function readInput(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SitrepError('unreadable', `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return checkRawBytes(bytes, file);
}

/**
 * `sitrep ingest FILE...`: every file is checked before anything is written, so one bad file leaves the corpus
 * exactly as it was; the articles and their index segment are then committed together (see fs-commit.ts).
 */
export async function runIngest(files: string[], flags: IngestOptions, dir: string, clock: Clock): Promise<number> {
  if (!files.length) throw new SitrepError('usage', 'ingest needs at least one file: sitrep ingest article.txt [--published YYYY-MM-DD]');
  const urls = files.filter((f) => /^https?:\/\//i.test(f));
  if (urls.length) return ingestUrls(urls, files.length, flags, dir, clock);
  if (files.length > 1 && (flags.id || flags.title || flags.url)) {
    throw new SitrepError('usage', '--id, --title and --url name one article: ingest one file at a time with them');
  }
  const notice = (message: string) => process.stderr.write(`sitrep ingest: ${message}\n`);
  const progress = files.length >= PROGRESS_FROM ? createProgress(process.stderr, 'sitrep ingest') : null;
  const today = clock.now().toISOString().slice(0, 10);
  try {
    return await withCorpusWriter(dir, clock, async (writer) => {
      const stored = await storedCandidates(dir, await writer.articleRegister());
      const prepared: Prepared[] = [];
      for (const file of files) {
        const { body, options } = optionsFor(await readInput(file), basename(file), flags);
        const drafted = draftInput(body, file, options, today);
        await stored.load(drafted.draft);
        const result = prepareInput(body, file, options, stored, today, undefined, drafted);
        if (!result.alreadyStored) stored.add(result.article);
        prepared.push(result);
        progress?.update('checking', prepared.length, files.length);
      }
      const added = prepared.filter((p) => !p.alreadyStored);
      const summary = await writer.add(added.map((p) => p.article), { onProgress: (stage, done, total) => progress?.update(stage === 'index' ? 'indexing' : 'writing', done, total) });
      const compacted = await writer.compact();
      progress?.stop();
      for (const { article, yearGuessed, alreadyStored } of prepared) {
        const guessed = yearGuessed ? ', year guessed: the text names none' : '';
        process.stdout.write(alreadyStored
          ? `already ingested ${article.id} (unchanged, skipped)\n`
          : `ingested ${article.id} (${article.published}${guessed}, ${article.paragraphs.length} paragraphs)\n`);
      }
      const corpus = await writer.manifest();
      process.stdout.write(`index updated: ${summary.articles} articles, ${summary.passages} passages added in ${summary.segments.length} segment${summary.segments.length === 1 ? '' : 's'}; ${corpus.segments.length} segments in all${compacted ? ` (${compacted} merged by compaction)` : ''}\n`);
      return 0;
    }, notice);
  } finally {
    progress?.stop();
  }
}

/** `sitrep ingest URL...`: each page fetched and reduced to its article with Readability, then added like a file. */
async function ingestUrls(urls: string[], total: number, flags: IngestOptions, dir: string, clock: Clock): Promise<number> {
  if (urls.length !== total) throw new SitrepError('usage', 'ingest takes files or URLs, not both in one call');
  if (urls.length > 1 && (flags.id || flags.title || flags.url)) throw new SitrepError('usage', '--id, --title and --url name one article: ingest one URL at a time with them');
  const { nodeLive } = await import('./follow.ts');
  const live = nodeLive(dir, clock, process.env);
  for (const url of urls) {
    const { article, status, copyOf } = await live.addArticle({ url, options: flags });
    process.stdout.write(status === 'added' ? `ingested ${article.id} (${article.published}, ${article.paragraphs.length} paragraphs) from ${url}\n`
      : status === 'copy' ? `${url} is a copy of ${copyOf}: counted as another source of it\n`
        : `already ingested ${article.id} (unchanged, skipped)\n`);
  }
  return 0;
}
