import { liveRoutes } from '../adapters/http/live-routes.ts';
import type { Logger } from '../adapters/logger.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import { loadFollowConfig } from './follow-config.ts';
import { followIntegration } from './follow-integration.ts';
import { openCorpus } from './fs-corpus.ts';
import { FsLive } from './fs-live.ts';
import { baseBuiltAt, readManifest } from './fs-journal.ts';
import { nextTurn, preparedPaced } from './prepare-corpus.ts';

/**
 * What `sitrep serve` adds for live news: the corpus as it changes (reloaded after each change, its own or another
 * process's), the polling of followed sources, and /v1/sources and /v1/articles over the data folder.
 */
export async function serveLive(dataDir: string, env: Record<string, string | undefined>, corpus: Corpus, deps: { clock: Clock; logger: Logger; noToken: boolean; pace?: { pause: () => Promise<void>; sliceMs: number } }) {
  const config = loadFollowConfig(env);
  const live = new FsLive(dataDir, deps.clock, { fetcher: (input, init) => fetch(input, init), limits: config.limits, logger: deps.logger });
  let current = Promise.resolve(corpus);
  // What the loaded corpus was read from: another process (`sitrep ingest`, a cron's `follow poll`) may commit too.
  const version = async () => `${(await readManifest(dataDir).catch(() => null))?.generation ?? 0}|${await baseBuiltAt(dataDir).catch(() => null)}`;
  let loaded = await version();
  // The reload merges and prepares a slice at a time between turns of the event loop (steps.ts): requests go on being
  // answered from the corpus already loaded instead of waiting for it (12 s at 20,000 articles, done in one go).
  const reload = async () => {
    const started = performance.now();
    const seen = await version();
    const next = await openCorpus(dataDir, deps.clock, { notice: (message) => deps.logger.warn({ msg: message }), pause: deps.pace?.pause ?? nextTurn, sliceMs: deps.pace?.sliceMs });
    // prepared before it answers, so no question after a reload pays for the per-corpus lookups
    const ms = await preparedPaced(next, deps.pace?.pause, deps.pace?.sliceMs);
    current = Promise.resolve(next);
    loaded = seen;
    deps.logger.info({ msg: 'corpus reloaded', articles: next.data.articles.length, preparedMs: ms, ms: Math.round(performance.now() - started) });
  };
  // One reload at a time. A change made while one runs (which may have read the folder before it) gets one more
  // after it, shared by every change made meanwhile; each caller waits for a reload that began after its change.
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const onChange = (): Promise<void> => {
    if (!running) {
      running = reload().finally(() => (running = undefined));
      return running;
    }
    queued ??= running.catch(() => {}).then(() => {
      queued = undefined;
      return onChange();
    });
    return queued;
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
