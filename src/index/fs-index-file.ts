import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SitrepError } from '../core/ingest/article-file.ts';
import type { IndexFile } from '../core/store/corpus-index.ts';
import { DEFAULT_SPLIT_LAYOUT, isTrustedSplit, joinSplitIndexSteps, SEARCH_FORMAT, shouldSplit, splitIndexFile, SPLIT_FORMAT, withSearchPart, type ReadTextPart, type StoredSplitFile, type SplitLayout } from '../core/store/index-split.ts';
import { asciiJson } from '../core/store/search-part.ts';
import { dataPaths, writeFileAtomic } from './fs-paths.ts';
import type { Steps } from '../core/store/steps.ts';

/** A committed index file as read: one-file (format 4) or the main file of a split index (formats 5 and 6). */
export type StoredIndex = IndexFile | StoredSplitFile;

export function isSplitIndex(file: StoredIndex): file is StoredSplitFile {
  const { format } = file as { format: number };
  return format === SPLIT_FORMAT || format === SEARCH_FORMAT;
}

/**
 * Reads parts of DIR's index, synchronously (a question reads them): text parts from DIR/index-texts/<name>.json,
 * the search part (`bytes`) from DIR/index-texts/<name>.bin.
 */
export function textPartReader(dir: string): ReadTextPart {
  const folder = dataPaths(dir).texts;
  const read = <T>(name: string, what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SitrepError('invalid_index', `index ${what} part ${name} is missing from ${folder}; run \`sitrep build\``);
      throw error;
    }
  };
  const text = (name: string) => read(name, 'text', () => readFileSync(join(folder, `${name}.json`), 'utf8'));
  return Object.assign(text, { bytes: (name: string) => read(name, 'search', () => readFileSync(join(folder, `${name}.bin`)) as Uint8Array) });
}

/** A stored index as one IndexFile, every text part of a split one read now (what a merge needs), in steps (steps.ts). */
export function* wholeIndexSteps(dir: string, file: StoredIndex): Steps<IndexFile> {
  if (!isSplitIndex(file)) return file;
  if (!isTrustedSplit(file)) throw new SitrepError('invalid_index', 'index file is damaged or was changed by hand (its checksum does not match); run `sitrep build`');
  return yield* joinSplitIndexSteps(file, textPartReader(dir));
}

/**
 * Writes DIR/index.json for a built index: one file, or (texts over the layout's limit) its text parts and its search
 * part under DIR/index-texts/ first, named `<stamp>.<k>` and `<stamp>.search` (`partStamp`: no other build uses it),
 * then the main file (format 6). Parts of older indexes stay until `removeOldParts` (after the commit).
 */
export async function writeIndex(dir: string, file: IndexFile, stamp: string, layout: SplitLayout = DEFAULT_SPLIT_LAYOUT): Promise<{ bytes: number; parts: string[] }> {
  const paths = dataPaths(dir);
  if (!shouldSplit(file, layout)) {
    const json = JSON.stringify(file);
    await writeFileAtomic(paths.index, json);
    return { bytes: Buffer.byteLength(json), parts: [] };
  }
  const split = splitIndexFile(file, (k) => `${stamp}.${String(k).padStart(4, '0')}`, layout);
  const { parts } = split;
  const search = withSearchPart(split.main, `${stamp}.search`);
  await mkdir(paths.texts, { recursive: true });
  let bytes = 0;
  for (const part of parts) {
    await writeFileAtomic(join(paths.texts, `${part.name}.json`), part.text);
    bytes += Buffer.byteLength(part.text);
  }
  await writeFileAtomic(join(paths.texts, `${search.main.searchPart.name}.bin`), search.bytes);
  const json = asciiJson(search.main);
  await writeFileAtomic(paths.index, json);
  return { bytes: bytes + search.bytes.length + Buffer.byteLength(json), parts: [...parts.map((p) => p.name), search.main.searchPart.name] };
}

/** A stamp for a build's part names: its build time first (so stamps sort by build), then random digits. */
export function partStamp(builtAt: string): string {
  return `${builtAt.replace(/[^\dTZ]/g, '')}-${randomBytes(4).toString('hex')}`;
}

const stampOf = (fileName: string) => fileName.split('.')[0]!;

/**
 * After the index with parts `stamp` is committed: removes every part file but its own and the previous build's,
 * which a process still serving the previous index may read until it reloads; temporaries go too.
 */
export async function removeOldParts(dir: string, stamp: string): Promise<number> {
  const folder = dataPaths(dir).texts;
  const names = await readdir(folder).catch(() => [] as string[]);
  const previous = names.map(stampOf).filter((s) => s < stamp).sort().at(-1);
  const doomed = names.filter((n) => n.endsWith('.tmp') || (stampOf(n) !== stamp && stampOf(n) !== previous));
  for (const name of doomed) await rm(join(folder, name), { force: true });
  return doomed.length;
}

/** Removes the part files of a build that was never committed. */
export async function removeParts(dir: string, stamp: string): Promise<number> {
  const folder = dataPaths(dir).texts;
  const doomed = (await readdir(folder).catch(() => [] as string[])).filter((n) => stampOf(n) === stamp);
  for (const name of doomed) await rm(join(folder, name), { force: true });
  return doomed.length;
}
