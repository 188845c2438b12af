#!/usr/bin/env node
// Runs the compiled CLI (dist/node, built by `npm run build`, which `npm ci` runs via `prepare`). Where dist/ is
// missing or older than one of the files it was built from (a checkout being edited), or SITREP_FROM_SOURCE is set,
// it loads the TypeScript through tsx instead, so an edit is never run stale. Either way the CLI runs in this
// process, so signals (SIGTERM, SIGINT) reach the server directly.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = `${root}dist/node/cli.js`;

/**
 * Whether dist/node is newer than every project file it was built from. The build lists those files in
 * dist/node/sources.json, so a run stats about 150 files instead of walking src/; a file added since can only
 * change the CLI through an edit to a file on the list. A build without the list is taken as stale.
 */
function compiledIsFresh() {
  let builtAt;
  let sources;
  try {
    builtAt = statSync(compiled).mtimeMs;
    sources = JSON.parse(readFileSync(`${root}dist/node/sources.json`, 'utf8')).sources;
  } catch {
    return false;
  }
  for (const path of sources) {
    const stat = statSync(root + path, { throwIfNoEntry: false });
    // A listed file gone: an edit, unless there is no src/ at all (an install that ships only dist/).
    if (!stat) return !statSync(`${root}src`, { throwIfNoEntry: false });
    if (stat.mtimeMs > builtAt) return false;
  }
  return true;
}

if (!process.env.SITREP_FROM_SOURCE && compiledIsFresh()) {
  await import(new URL('../dist/node/cli.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/index/cli.ts', import.meta.url).href);
}
