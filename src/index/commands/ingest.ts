import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SitrepError, splitFrontMatter } from '../../core/ingest/article-file.ts';
import { checkRawBytes, prepareArticle, type IngestOptions } from '../../core/ingest/ingest.ts';
import type { Article, Clock } from '../../core/schema.ts';
import { readArticles, rebuildIndex, saveArticles } from '../fs-corpus.ts';

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

/**
 * `sitrep ingest FILE...`: every file is checked before anything is written, so one bad file leaves the corpus
 * exactly as it was; the index is rebuilt only after the articles are safely on disk.
 */
export async function runIngest(files: string[], flags: IngestOptions, dir: string, clock: Clock): Promise<number> {
  if (!files.length) throw new SitrepError('usage', 'ingest needs at least one file: sitrep ingest article.txt [--published YYYY-MM-DD]');
  if (files.length > 1 && (flags.id || flags.title || flags.url)) {
    throw new SitrepError('usage', '--id, --title and --url name one article: ingest one file at a time with them');
  }
  const existing = await readArticles(dir);
  const today = clock.now().toISOString().slice(0, 10);
  const prepared: Article[] = [];
  for (const file of files) {
    const label = basename(file);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new SitrepError('unreadable', `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const text = checkRawBytes(bytes, file);
    const { body, options } = optionsFor(text, label, flags);
    prepared.push(prepareArticle(body, file, options, [...existing, ...prepared], today));
  }
  await saveArticles(dir, prepared);
  const built = await rebuildIndex(dir, clock);
  for (const article of prepared) process.stdout.write(`ingested ${article.id} (${article.published}, ${article.paragraphs.length} paragraphs)\n`);
  process.stdout.write(`index rebuilt: ${built.articles} articles, ${built.passages} passages\n`);
  return 0;
}
