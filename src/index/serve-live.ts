import { liveRoutes } from '../adapters/http/live-routes.ts';
import type { Logger } from '../adapters/logger.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import { loadFollowConfig } from './follow-config.ts';
import { followIntegration } from './follow-integration.ts';
import { openCorpus } from './fs-corpus.ts';
import { FsLive } from './fs-live.ts';

/**
 * What `sitrep serve` adds for live news: the corpus as it changes (reloaded after each change), the polling of
 * followed sources, and /v1/sources and /v1/articles over the data folder.
 */
export async function serveLive(dataDir: string, env: Record<string, string | undefined>, corpus: Corpus, deps: { clock: Clock; logger: Logger; noToken: boolean }) {
  const config = loadFollowConfig(env);
  const live = new FsLive(dataDir, deps.clock, { fetcher: (input, init) => fetch(input, init), limits: config.limits, logger: deps.logger });
  let current = Promise.resolve(corpus);
  const onChange = async () => {
    const next = await openCorpus(dataDir, deps.clock, { notice: (message) => deps.logger.warn({ msg: message }) });
    current = Promise.resolve(next);
    deps.logger.info({ msg: 'corpus reloaded', articles: next.data.articles.length });
  };
  return {
    getCorpus: () => current,
    integration: () => followIntegration(live, { pollSeconds: config.pollSeconds, clock: deps.clock, logger: deps.logger, onChange }),
    routes: liveRoutes({ store: live, noToken: deps.noToken, onChange }),
  };
}
