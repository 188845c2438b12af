import { readFileSync, readdirSync } from 'node:fs';
import { parseArticle } from '../../src/core/ingest/article-file.ts';
import { buildIndex } from '../../src/core/store/build-index-node.ts';
import type { IndexFile } from '../../src/core/store/corpus-index.ts';
import { splitIndexFile, withSearchPart, type ReadTextPart, type SplitLayout } from '../../src/core/store/index-split.ts';
import { asciiJson } from '../../src/core/store/search-part.ts';
import { ROOT } from './seed-corpus.ts';

/** The seed articles, questions of several kinds over them, a layout that splits them, and their built index. */
export const seedArticles = readdirSync(`${ROOT}data/articles`).map((name) => parseArticle(readFileSync(`${ROOT}data/articles/${name}`, 'utf8'), name));
export const SPLIT_QUESTIONS = ['latest casualty figures', 'who is Tea Seiha', 'where are the talks held', 'what did China do', 'what happened on 24 December'];
export const SMALL_LAYOUT: SplitLayout = { splitAboveChars: 100, partChars: 3000 };
export const seedBuilt = buildIndex(seedArticles, new Date('2026-01-01T00:00:00Z'));

/** The error `fn` throws (with its code, when a SitrepError), or null when it throws none. */
export function thrownBy(fn: () => unknown): { code?: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e as { code?: string; message: string };
  }
}

/**
 * A built index stored as `sitrep build` stores a large one (format 6: texts in parts, a binary search part), held in
 * memory: the main file as parsed JSON, the parts by name, and a reader over them that records what it reads.
 */
export function storedFormat6(built: IndexFile, layout: SplitLayout, stamp = 'a') {
  const split = splitIndexFile(built, (k) => `${stamp}.${k}`, layout);
  const { main, bytes } = withSearchPart(split.main, `${stamp}.search`);
  const texts = new Map(split.parts.map((p) => [p.name, p.text]));
  const binaries = new Map([[main.searchPart.name, bytes]]);
  const reads: string[] = [];
  const read = <T>(parts: Map<string, T>, name: string): T => {
    reads.push(name);
    const part = parts.get(name);
    if (part === undefined) throw new Error(`no part ${name}`);
    return part;
  };
  const readTextPart: ReadTextPart = Object.assign((name: string) => read(texts, name), { bytes: (name: string) => read(binaries, name) });
  return { main: JSON.parse(asciiJson(main)) as unknown, searchName: main.searchPart.name, textParts: split.parts, texts, binaries, reads, readTextPart };
}
