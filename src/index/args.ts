import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SitrepError } from '../core/ingest/article-file.ts';

/** Parses flags for one command; unknown flags become a SitrepError with the usage line. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, data: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SitrepError('usage', `${(error as Error).message}\nusage: ${usage}`);
  }
}
