// Prints the Worker bundle's size, raw and gzipped, and fails above the budget: `tsx scripts/worker-size.ts dist`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The seed corpus's Worker must stay within this many gzipped bytes (Workers' free plan allows 3 MiB). Live news
 * raised it from 300 KiB: a feed parser (feedsmith, about 64 KiB) and a DOM for Readability (linkedom, about 105 KiB);
 * the rule tagger and index builder for segments built on the Worker add about 30 KiB more.
 */
export const WORKER_BUDGET_GZIP = 450 * 1024;

export interface BundleSize {
  files: Array<{ name: string; raw: number; gzip: number }>;
  raw: number;
  gzip: number;
}

/** Sizes of the modules wrangler would upload (source maps and its README left out). */
export async function measureBundle(dir: string): Promise<BundleSize> {
  const names = (await readdir(dir)).filter((n) => !n.endsWith('.map') && n !== 'README.md').sort();
  const files = await Promise.all(names.map(async (name) => {
    const bytes = await readFile(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }));
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = await measureBundle(process.argv[2] ?? 'dist');
  for (const f of size.files) console.log(`${f.name.padEnd(60)} ${kib(f.raw).padStart(11)} raw ${kib(f.gzip).padStart(10)} gzipped`);
  console.log(`${'total'.padEnd(60)} ${kib(size.raw).padStart(11)} raw ${kib(size.gzip).padStart(10)} gzipped (budget ${kib(WORKER_BUDGET_GZIP)})`);
  if (size.gzip > WORKER_BUDGET_GZIP) {
    console.error(`the Worker bundle is over budget by ${kib(size.gzip - WORKER_BUDGET_GZIP)}`);
    process.exitCode = 1;
  }
}
