import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type Corpus } from '../../src/core/store/corpus-index.ts';
import type { Clock } from '../../src/core/schema.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url));

/** A clock stopped at a given instant. */
export function fixedClock(iso = '2026-01-05T09:00:00Z'): Clock {
  return { now: () => new Date(iso) };
}

let cached: Corpus | null = null;

/** The bundled seed corpus, loaded from data/index.json as a runtime would. */
export function seedCorpus(): Corpus {
  cached ??= loadCorpus(JSON.parse(readFileSync(`${ROOT}data/index.json`, 'utf8')));
  return cached;
}

/** A raw seed article from ../shared/seeds. */
export function rawSeed(prefix: string): string {
  const manifest = JSON.parse(readFileSync(`${SHARED}/seeds/manifest.json`, 'utf8')) as { articles: Array<{ file: string }> };
  const entry = manifest.articles.find((a) => a.file.startsWith(prefix));
  if (!entry) throw new Error(`no seed ${prefix}`);
  return readFileSync(`${SHARED}/seeds/${entry.file}`, 'utf8');
}
