import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ManifestSchema, type Manifest } from '../core/store/segment-manifest.ts';
import { dataPaths, writeFileAtomic } from './fs-paths.ts';
import { removeOldParts, removeParts } from './fs-index-file.ts';

/**
 * What an unfinished change wrote or will delete, written before it touches anything else. A change is committed
 * when the manifest reaches `generation` (or, for a full build, when index.json carries `baseBuiltAt`).
 */
export const JournalSchema = z.object({
  op: z.enum(['add', 'build', 'compact']),
  generation: z.number().int(),
  /** article files this change adds */
  articles: z.array(z.string()),
  /** segment and registry files this change writes */
  written: z.array(z.string()),
  /** segment and registry files to delete once committed */
  obsolete: z.array(z.string()),
  baseBuiltAt: z.string().nullable(),
  /** the manifest to write when a build is rolled forward */
  manifest: ManifestSchema.nullable(),
  /** a build's text parts (index-texts/<stamp>.*): removed when it is rolled back, the older ones when finished */
  textStamp: z.string().nullable().optional(),
  /** the article register file (register/<name>.json) this change writes, and the one it replaces */
  register: z.object({ written: z.string().nullable(), obsolete: z.string().nullable() }).optional(),
});
export type Journal = z.infer<typeof JournalSchema>;

export async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The committed manifest, or null when the folder has no segments yet. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const json = await readJson(dataPaths(dir).manifest);
  if (json === undefined) return null;
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${dataPaths(dir).manifest} is not a segment manifest (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** builtAt of data/index.json, read from the file's first bytes (it is written first) without parsing all of it. */
export async function baseBuiltAt(dir: string): Promise<string | null> {
  try {
    const handle = await open(dataPaths(dir).index);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(200), 0, 200, 0);
      return /"builtAt":"([^"]+)"/.exec(buffer.subarray(0, bytesRead).toString('utf8'))?.[1] ?? null;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface Recovery {
  /** what was found and done, for a notice; null when there was nothing to do */
  summary: string | null;
}

async function removeTemporaries(dir: string): Promise<number> {
  const { articles, segments, texts, register } = dataPaths(dir);
  let removed = 0;
  for (const [folder, match] of [[dir, /^(index\.json|sources\.json|journal\.json)\..*\.tmp$/], [articles, /\.tmp$/], [segments, /\.tmp$/], [texts, /\.tmp$/], [register, /\.tmp$/]] as const) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => match.test(n))) {
      await rm(join(folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Finishes or rolls back a change that a killed process left (call with the write lock held): a committed change
 * is finished (obsolete files deleted), an uncommitted one undone (its articles and segments deleted); then
 * temporary files and segment files the manifest does not name are removed.
 */
export async function recoverCorpus(dir: string): Promise<Recovery> {
  const paths = dataPaths(dir);
  const parsed = JournalSchema.safeParse(await readJson(paths.journal).catch(() => null));
  const journal = parsed.success ? parsed.data : null;
  let summary: string | null = null;
  let manifest = await readManifest(dir);
  if (journal) {
    const committed = (manifest?.generation ?? 0) >= journal.generation
      || (journal.op === 'build' && journal.baseBuiltAt !== null && (await baseBuiltAt(dir)) === journal.baseBuiltAt);
    if (committed) {
      if (journal.manifest && (manifest?.generation ?? 0) < journal.generation) {
        await writeFileAtomic(paths.manifest, JSON.stringify(journal.manifest));
        manifest = journal.manifest;
      }
      for (const name of journal.obsolete) await rm(join(paths.segments, `${name}.json`), { force: true });
      if (journal.register?.obsolete) await rm(join(paths.register, `${journal.register.obsolete}.json`), { force: true });
      if (journal.textStamp) await removeOldParts(dir, journal.textStamp);
      summary = `finished an interrupted ${journal.op} (generation ${journal.generation})`;
    } else {
      for (const id of journal.articles) await rm(join(paths.articles, `${id}.md`), { force: true });
      for (const name of journal.written) await rm(join(paths.segments, `${name}.json`), { force: true });
      if (journal.register?.written) await rm(join(paths.register, `${journal.register.written}.json`), { force: true });
      if (journal.textStamp) await removeParts(dir, journal.textStamp);
      summary = `rolled back an interrupted ${journal.op}${journal.articles.length ? ` of ${journal.articles.length} articles` : ''}`;
    }
  }
  const temporaries = await removeTemporaries(dir);
  const orphans = await removeOrphanSegments(dir, manifest);
  if (journal || temporaries || orphans) {
    await rm(paths.journal, { force: true });
    summary ??= `removed ${temporaries} temporary and ${orphans} unreferenced files`;
  }
  return { summary };
}

async function removeOrphanSegments(dir: string, manifest: Manifest | null): Promise<number> {
  const { segments, register } = dataPaths(dir);
  const keep = new Set(['manifest.json', ...(manifest?.segments ?? []).map((s) => `${s.name}.json`), ...(manifest?.registry ? [`${manifest.registry}.json`] : [])]);
  const names = (await readdir(segments).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !keep.has(n));
  for (const name of names) await rm(join(segments, name), { force: true });
  // Register files the manifest does not name: an unfinished change's, or one an older sitrep stopped naming.
  const registers = (await readdir(register).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && n !== `${manifest?.register}.json`);
  for (const name of registers) await rm(join(register, name), { force: true });
  return names.length + registers.length;
}
