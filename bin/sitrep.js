#!/usr/bin/env node
// Runs the compiled CLI (dist/node, built by `npm run build`, which `npm ci` runs via `prepare`). Where dist/ is
// missing or older than a file under src/ (a checkout being edited), or SITREP_FROM_SOURCE is set, it loads the
// TypeScript through tsx instead, so an edit is never run stale. Either way the CLI runs in this process, so
// signals (SIGTERM, SIGINT) reach the server directly.
import { readdirSync, statSync } from 'node:fs';

const compiled = new URL('../dist/node/cli.js', import.meta.url);
const sources = new URL('../src/', import.meta.url);

function compiledIsFresh() {
  let builtAt;
  try {
    builtAt = statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  try {
    for (const name of readdirSync(sources, { recursive: true })) {
      if (statSync(new URL(name, sources)).mtimeMs > builtAt) return false;
    }
  } catch {
    // no src/ beside the build: nothing to be stale against
  }
  return true;
}

if (!process.env.SITREP_FROM_SOURCE && compiledIsFresh()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/index/cli.ts', import.meta.url).href);
}
