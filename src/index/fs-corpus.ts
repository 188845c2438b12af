import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArticle, serializeArticle } from '../core/ingest/article-file.ts';
import { loadCorpus, type Corpus } from '../core/store/corpus-index.ts';
import { buildIndex } from '../core/store/build-index.ts';
import type { Article, Clock } from '../core/schema.ts';

/** The data folder's layout: DIR/articles/<id>.md and DIR/index.json. */
export function dataPaths(dir: string) {
  return { articles: join(dir, 'articles'), index: join(dir, 'index.json') };
}

/** Writes a file by writing a temporary sibling first and renaming it into place. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads and validates every stored article. */
export async function readArticles(dir: string): Promise<Article[]> {
  const { articles } = dataPaths(dir);
  let names: string[];
  try {
    names = (await readdir(articles)).filter((n) => n.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(names.map(async (name) => parseArticle(await readFile(join(articles, name), 'utf8'), join(articles, name))));
}

/** Stores new articles: all temporary files are written before any is renamed into place. */
export async function saveArticles(dir: string, newArticles: Article[]): Promise<void> {
  const { articles } = dataPaths(dir);
  await mkdir(articles, { recursive: true });
  const staged: Array<[string, string]> = [];
  try {
    for (const article of newArticles) {
      const path = join(articles, `${article.id}.md`);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, serializeArticle(article), { encoding: 'utf8', flag: 'wx' });
      staged.push([tmp, path]);
    }
  } catch (error) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw error;
  }
  for (const [tmp, path] of staged) await rename(tmp, path);
}

/** Rebuilds DIR/index.json from the stored articles. */
export async function rebuildIndex(dir: string, clock: Clock): Promise<{ articles: number; passages: number; bytes: number }> {
  const articles = await readArticles(dir);
  const data = buildIndex(articles, clock.now());
  const json = JSON.stringify(data);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(dataPaths(dir).index, json);
  return { articles: articles.length, passages: data.lunr.docs.split(';').length, bytes: Buffer.byteLength(json) };
}

/** Loads DIR/index.json, building it in memory when it is missing or older than the articles. */
export async function openCorpus(dir: string, clock: Clock): Promise<Corpus> {
  const { index, articles } = dataPaths(dir);
  const [indexStat, articlesStat] = await Promise.all([stat(index).catch(() => null), stat(articles).catch(() => null)]);
  if (indexStat && (!articlesStat || indexStat.mtimeMs >= articlesStat.mtimeMs)) {
    return loadCorpus(JSON.parse(await readFile(index, 'utf8')) as unknown);
  }
  return loadCorpus(JSON.parse(JSON.stringify(buildIndex(await readArticles(dir), clock.now()))) as unknown);
}
