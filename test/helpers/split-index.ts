import type { IndexFile } from '../../src/core/store/corpus-index.ts';
import { splitIndexFile, withSearchPart, type ReadTextPart, type SplitLayout } from '../../src/core/store/index-split.ts';
import { asciiJson } from '../../src/core/store/search-part.ts';

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
