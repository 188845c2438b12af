import { liveRoutes } from '../adapters/http/live-routes.ts';
import type { Logger } from '../adapters/logger.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import { loadFollowConfig } from './follow-config.ts';
import { followIntegration } from './follow-integration.ts';
import { openCorpus } from './fs-corpus.ts';
import { FsLive } from './fs-live.ts';
import { baseBuiltAt, readManifest } from './fs-journal.ts';
import { preparedIn } from './prepare-corpus.ts';
import { readTextsAhead } from './read-ahead.ts';

/**
 * What `sitrep serve` adds for live news: the corpus as it changes (reloaded after each change, its own or another
 * process's), the polling of followed sources, and /v1/sources and /v1/articles over the data folder.
 */
export async function serveLive(dataDir: string, env: Record<string, string | undefined>, corpus: Corpus, deps: { clock: Clock; logger: Logger; noToken: boolean; readAheadMb?: number }) {
  const config = loadFollowConfig(env);
  const live = new FsLive(dataDir, deps.clock, { fetcher: (input, init) => fetch(input, init), limits: config.limits, logger: deps.logger });
  let current = Promise.resolve(corpus);
  let latest = corpus;
  /**
   * Prepares a corpus just loaded (the per-corpus lookups), then reads its texts ahead between requests (see
   * readTextsAhead), stopping if a reload replaces it meanwhile; logs both.
   */
  const prepare = (loaded: Corpus, first: boolean) => {
    const ms = preparedIn(loaded);
    deps.logger.info(first ? { msg: 'corpus prepared', ms } : { msg: 'corpus reloaded', articles: loaded.data.articles.length, preparedMs: ms });
    void readTextsAhead(loaded, (deps.readAheadMb ?? 0) * 1e6, () => latest === loaded)
      .then((read) => read && deps.logger.info({ msg: 'texts read ahead', ...read, of: loaded.data.articles.length }))
      .catch((error: unknown) => deps.logger.error({ msg: 'texts not read ahead', error: (error as Error).message }));
  };
  // What the loaded corpus was read from: another process (`sitrep ingest`, a cron's `follow poll`) may commit too.
  const version = async () => `${(await readManifest(dataDir).catch(() => null))?.generation ?? 0}|${await baseBuiltAt(dataDir).catch(() => null)}`;
  let loaded = await version();
  const onChange = async () => {
    const seen = await version();
    const next = await openCorpus(dataDir, deps.clock, { notice: (message) => deps.logger.warn({ msg: message }) });
    // prepared before it answers, so no question after a reload pays for the per-corpus lookups
    latest = next;
    prepare(next, false);
    current = Promise.resolve(next);
    loaded = seen;
  };
  const onTick = async () => {
    if ((await version()) !== loaded) await onChange();
  };
  return {
    getCorpus: () => current,
    /** prepares the corpus loaded at start and reads its texts ahead (serve calls it once it is listening) */
    prepareFirst: () => prepare(corpus, true),
    integration: () => followIntegration(live, { pollSeconds: config.pollSeconds, clock: deps.clock, logger: deps.logger, onChange, onTick }),
    routes: liveRoutes({ store: live, noToken: deps.noToken, onChange }),
  };
}
