#!/usr/bin/env node
// Loads the TypeScript CLI in-process through tsx, so `npx sitrep` works right after `npm ci` with no build step
// and signals (SIGTERM, SIGINT) reach the server directly.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/index/cli.ts', import.meta.url).href);
