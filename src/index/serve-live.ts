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

/**
 * What `sitrep serve` adds for live news: the corpus as it changes (reloaded after each change, its own or another
 * process's), the polling of followed sources, and /v1/sources and /v1/articles over the data folder.
 */
export async function serveLive(dataDir: string, env: Record<string, string | undefined>, corpus: Corpus, deps: { clock: Clock; logger: Logger; noToken: boolean }) {
  const config = loadFollowConfig(env);
  const live = new FsLive(dataDir, deps.clock, { fetcher: (input, init) => fetch(input, init), limits: config.limits, logger: deps.logger });
  let current = Promise.resolve(corpus);
  // What the loaded corpus was read from: another process (`sitrep ingest`, a cron's `follow poll`) may commit too.
  const version = async () => `${(await readManifest(dataDir).catch(() => null))?.generation ?? 0}|${await baseBuiltAt(dataDir).catch(() => null)}`;
  let loaded = await version();
  const onChange = async () => {
    const seen = await version();
    const next = await openCorpus(dataDir, deps.clock, { notice: (message) => deps.logger.warn({ msg: message }) });
    // prepared before it answers, so no question after a reload pays for the per-corpus lookups
    const ms = preparedIn(next);
    current = Promise.resolve(next);
    loaded = seen;
    deps.logger.info({ msg: 'corpus reloaded', articles: next.data.articles.length, preparedMs: ms });
  };
  const onTick = async () => {
    if ((await version()) !== loaded) await onChange();
  };
  return {
    getCorpus: () => current,
    integration: () => followIntegration(live, { pollSeconds: config.pollSeconds, clock: deps.clock, logger: deps.logger, onChange, onTick }),
    routes: liveRoutes({ store: live, noToken: deps.noToken, onChange }),
  };
}
