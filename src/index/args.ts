import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SitrepError } from '../core/ingest/article-file.ts';

/** node:util's messages, rewritten for people: the flag at fault and where to read more. */
function explain(error: Error & { code?: string }, command: string): string {
  const flag = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown option ${flag}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    return /argument missing/.test(error.message) ? `${flag.split(' ')[0]} needs a value` : `${flag.split(' ')[0]} takes no value`;
  }
  return error.message.split('\n')[0] ?? `bad arguments for ${command}`;
}

/** Parses flags for one command; a bad flag becomes a SitrepError naming it, with the usage line. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, data: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const command = usage.split(' ').slice(0, 2).join(' ');
    throw new SitrepError('usage', `${explain(error as Error, command)}\nusage: ${usage}\n(\`${command} --help\` lists every option)`);
  }
}

/** A port flag: a whole number from 0 to 65535, or a usage error that names the flag. */
export function portFlag(value: string | undefined): string | undefined {
  if (value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535)) return value;
  throw new SitrepError('usage', `--port must be a whole number from 0 to 65535, got "${value}"`);
}
