import { createJsonLogger } from '../../adapters/logger.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import type { Clock } from '../../core/schema.ts';
import { parseInterval, type SourceRecord } from '../../core/sources/source-record.ts';
import { parseCommandArgs } from '../args.ts';
import { loadFollowConfig } from '../follow-config.ts';
import { FsLive } from '../fs-live.ts';

const USAGE = 'sitrep follow add URL [--name NAME] [--every 15m] | list [--json] | remove URL | poll  [--data DIR]';

/** The Node live store of a data folder; fetch is the runtime's, its log lines go to stderr. */
export function nodeLive(dir: string, clock: Clock, env: Record<string, string | undefined>, write = (line: string) => process.stderr.write(`${line}\n`)): FsLive {
  const config = loadFollowConfig(env);
  const logger = createJsonLogger({ write, clock, level: 'warn' });
  return new FsLive(dir, clock, { fetcher: (input, init) => fetch(input, init), limits: config.limits, logger });
}

function describe(source: SourceRecord): string {
  const status = source.lastStatus === null ? 'never fetched' : `${source.lastStatus} at ${source.lastFetchAt}`;
  return [
    `${source.url}${source.name ? ` (${source.name})` : ''}`,
    `  every ${source.intervalSeconds} s; last: ${status}${source.lastError ? `: ${source.lastError}` : ''}; next ${source.nextFetchAt}`,
    `  ${source.added} articles added, ${source.skipped} items skipped (seen, copies or refused)`,
  ].join('\n');
}

/** `sitrep follow add|list|remove|poll`: the followed feeds of a data folder. */
export async function runFollow(argv: string[], dir: (flag: string | undefined) => string, clock: Clock): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { name: { type: 'string' }, every: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const [action, url, ...extra] = positionals;
  const live = nodeLive(dir(values.data), clock, process.env);
  if (extra.length) throw new SitrepError('usage', `unexpected arguments: ${extra.join(' ')}\nusage: ${USAGE}`);
  switch (action) {
    case 'add': {
      if (!url) throw new SitrepError('usage', `follow add needs a feed URL\nusage: ${USAGE}`);
      const intervalSeconds = values.every === undefined ? undefined : parseInterval(values.every);
      if (intervalSeconds === null) throw new SitrepError('usage', `--every "${values.every}" is not an interval such as 90s, 15m or 2h`);
      const source = await live.addSource(url, { name: values.name ?? null, ...(intervalSeconds ? { intervalSeconds } : {}) });
      process.stdout.write(`following ${source.url}, every ${source.intervalSeconds} s (first fetch: next poll)\n`);
      return 0;
    }
    case 'list': {
      const sources = await live.listSources();
      if (values.json) process.stdout.write(`${JSON.stringify({ sources }, null, 2)}\n`);
      else process.stdout.write(sources.length ? `${sources.map(describe).join('\n')}\n` : 'no followed sources: sitrep follow add URL\n');
      return 0;
    }
    case 'remove': {
      if (!url) throw new SitrepError('usage', `follow remove needs a feed URL\nusage: ${USAGE}`);
      await live.removeSource(url);
      process.stdout.write(`no longer following ${url} (its articles stay)\n`);
      return 0;
    }
    case 'poll': {
      const change = await live.poll('all');
      for (const source of await live.listSources()) process.stdout.write(`${source.url}: ${source.lastStatus}${source.lastError ? ` (${source.lastError})` : ''}\n`);
      for (const article of change.added) process.stdout.write(`ingested ${article.id} (${article.published}, ${article.source ?? 'no source'})\n`);
      process.stdout.write(`${change.fetched} sources fetched: ${change.added.length} new articles, ${change.alternates} copies counted as further sources\n`);
      return 0;
    }
    default:
      throw new SitrepError('usage', `follow needs add, list, remove or poll\nusage: ${USAGE}`);
  }
}
