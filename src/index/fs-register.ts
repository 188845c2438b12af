import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { IndexFile } from '../core/store/corpus-index.ts';
import type { Manifest } from '../core/store/segment-manifest.ts';
import { ArticleRegister, type RegisterData } from '../core/sources/article-register.ts';
import { DuplicateCandidates } from '../core/sources/duplicate-candidates.ts';
import { readArticles, storedArticleIds } from './fs-corpus.ts';
import { baseBuiltAt, readJson } from './fs-journal.ts';
import { dataPaths } from './fs-paths.ts';

/** Articles read at a time while rebuilding a register, so a large corpus is never held whole. */
const REBUILD_BATCH = 1024;

/**
 * register/<name>.json: the ids, and the (hash, id index) pairs as little-endian 32-bit integers in base 64, which
 * reads back into a typed array without parsing a number (a JSON array of a million numbers takes ~100 ms).
 */
const RegisterFileSchema = z.object({
  format: z.literal(1),
  /** builtAt of the index.json it goes with: beside another index.json it is stale */
  baseBuiltAt: z.string().nullable(),
  /** checked by ArticleRegister.check: a zod walk over 50,000 ids costs more than reading them */
  ids: z.array(z.unknown()),
  postings: z.string(),
});

/** The text of a register file. */
export function registerFileText(data: RegisterData, baseBuiltAt: string | null): string {
  const bytes = Buffer.alloc(data.postings.length * 4);
  data.postings.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return JSON.stringify({ format: 1, baseBuiltAt, ids: data.ids, postings: bytes.toString('base64') });
}

/**
 * The committed article register of a data folder, or null when there is none to trust: the manifest names none
 * (a folder written before registers, or by an older sitrep, which drops the name), the file is gone or damaged, or
 * it was made for another index.json than the one there.
 */
export async function readRegister(dir: string, manifest: Manifest): Promise<ArticleRegister | null> {
  if (!manifest.register) return null;
  const text = await readFile(join(dataPaths(dir).register, `${manifest.register}.json`), 'utf8').catch(() => null);
  const parsed = RegisterFileSchema.safeParse((() => {
    try {
      return text === null ? null : (JSON.parse(text) as unknown);
    } catch {
      return null;
    }
  })());
  if (!parsed.success || parsed.data.baseBuiltAt !== (await baseBuiltAt(dir))) return null;
  const bytes = Buffer.from(parsed.data.postings, 'base64');
  if (bytes.byteLength % 8) return null;
  const postings = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < postings.length; i++) postings[i] = bytes.readUInt32LE(i * 4);
  const data = ArticleRegister.check({ ids: parsed.data.ids, postings });
  return data && new ArticleRegister(data);
}

/** Ids the committed index holds: index.json's and the manifest's segments'. */
async function indexedIds(dir: string, manifest: Manifest): Promise<Set<string>> {
  const paths = dataPaths(dir);
  const indexed = new Set<string>();
  const base = (await readJson(paths.index)) as IndexFile | undefined;
  for (const a of base?.articles ?? []) indexed.add(a.id);
  for (const entry of manifest.segments) {
    const file = (await readJson(join(paths.segments, `${entry.name}.json`))) as IndexFile | undefined;
    for (const a of file?.articles ?? []) indexed.add(a.id);
  }
  return indexed;
}

/**
 * A register made from what is there: the ids the index holds (every index file parsed, once) and the stored
 * article files of those ids (an indexed article without a file is registered without keys).
 */
export async function rebuildRegister(dir: string, manifest: Manifest): Promise<ArticleRegister> {
  const indexed = await indexedIds(dir, manifest);
  const onDisk = (await storedArticleIds(dir)).filter((id) => indexed.has(id));
  const register = new ArticleRegister();
  for (let i = 0; i < onDisk.length; i += REBUILD_BATCH) for (const article of await readArticles(dir, onDisk.slice(i, i + REBUILD_BATCH))) register.add(article);
  for (const id of indexed) if (!register.has(id)) register.set(id, []);
  return register;
}

/**
 * The stored articles a new text is compared with, read only when the register says they could refuse it. `recent`
 * (live news) narrows the texts compared to those ids, the others known by id only; without it every stored article
 * counts, as `sitrep ingest` always did. Article files no index holds are read now: the register lacks them.
 */
export async function storedCandidates(dir: string, register: ArticleRegister, recent?: string[]): Promise<DuplicateCandidates> {
  const onDisk = await storedArticleIds(dir);
  const present = new Set(onDisk);
  const strays = new ArticleRegister();
  for (const article of await readArticles(dir, onDisk.filter((id) => !register.has(id)))) strays.add(article);
  // The place of each compared article in the order the whole set was once read in: it decides which one a refusal names.
  const rank = new Map((recent ? [...new Set(recent)].filter((id) => present.has(id)) : onDisk).map((id, i) => [id, i]));
  return new DuplicateCandidates([], async (draft, loaded) => {
    const wanted = new Set([...register.candidates(draft.paragraphs), ...strays.candidates(draft.paragraphs)].filter((id) => rank.has(id)));
    if (rank.has(draft.id)) wanted.add(draft.id);
    const articles = await readArticles(dir, [...wanted].filter((id) => !loaded(id)));
    return { articles: articles.map((article) => ({ article, rank: rank.get(article.id)! })), ids: present.has(draft.id) ? [draft.id] : [] };
  });
}
