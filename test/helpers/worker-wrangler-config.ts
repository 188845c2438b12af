import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A copy of `root/wrangler.toml` in a folder of its own (its `main` made absolute), for the Worker tests: wrangler
 * reads `.dev.vars` and `.env` from the config's folder, so pointing the test pool at the copy keeps a developer's
 * own secrets out of the tests. Returns the copy's path.
 */
export function isolatedWranglerConfig(root: string, outDir = join(root, 'node_modules/.cache/sitrep-worker-test')): string {
  const text = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const main = /^main\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  if (!main) throw new Error(`${root}/wrangler.toml has no main = "..."`);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'wrangler.toml');
  writeFileSync(path, text.replace(/^main\s*=\s*"[^"]+"/m, `main = ${JSON.stringify(resolve(root, main))}`));
  return path;
}
