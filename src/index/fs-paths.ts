import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data folder's layout: articles/<id>.md, index.json (the whole index of the last build), segments/ (indexes
 * of articles added since, and manifest.json naming them), index-texts/ (the article texts of a large index.json, in
 * parts), register/ (the article register: ids and duplicate-check keys of the indexed articles, one file per
 * generation that changed it, named by the manifest), journal.json (an unfinished change) and sources.json.
 */
export function dataPaths(dir: string) {
  const segments = join(dir, 'segments');
  return {
    articles: join(dir, 'articles'), index: join(dir, 'index.json'), texts: join(dir, 'index-texts'), segments, manifest: join(segments, 'manifest.json'),
    register: join(dir, 'register'), journal: join(dir, 'journal.json'), sources: join(dir, 'sources.json'),
  };
}

/** Writes a file by writing a temporary sibling first and renaming it into place, so readers never see half a file. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
