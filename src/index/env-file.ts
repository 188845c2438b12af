import { resolve } from 'node:path';
import { SitrepError } from '../core/ingest/article-file.ts';

/**
 * Reads `.env` in the current folder into process.env, as Bolt's and discord.js's guides have users keep their
 * tokens (SLACK_BOT_TOKEN=..., DISCORD_TOKEN=...); a variable already set in the environment wins.
 * SITREP_ENV_FILE names another file, or `none` to read none. Returns the file read, if any.
 */
export function loadEnvFile(cwd = process.cwd()): string | null {
  const chosen = process.env.SITREP_ENV_FILE?.trim();
  if (chosen === 'none') return null;
  const path = resolve(cwd, chosen || '.env');
  try {
    // Node's own parser (20.12+): no dependency, and it never overwrites a variable that is already set.
    process.loadEnvFile(path);
    return path;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing default .env is normal; a file asked for by name must exist.
    if (code === 'ENOENT' && !chosen) return null;
    throw new SitrepError('bad_config', `cannot read the environment file ${path} (${code ?? (error as Error).message}); fix it, or set SITREP_ENV_FILE=none`);
  }
}
