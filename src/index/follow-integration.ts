import type { Logger } from '../adapters/logger.ts';
import type { Clock } from '../core/schema.ts';
import type { FsLive } from './fs-live.ts';
import type { Integration } from './node.ts';

/**
 * `sitrep serve` polling followed sources: every `pollSeconds` it fetches the sources that are due (each has its own
 * interval and backoff), commits what they brought and calls `onChange` so the next question sees it. A round never
 * overlaps the previous one; a failure is logged and the next round tries again.
 */
export function followIntegration(live: FsLive, options: { pollSeconds: number; clock: Clock; logger: Logger; onChange: () => Promise<void>; onTick?: () => Promise<void> }): Integration {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | null = null;
  const round = async () => {
    try {
      const change = await live.poll('due');
      if (change.fetched) options.logger.info({ msg: 'sources polled', fetched: change.fetched, added: change.added.length, alternates: change.alternates });
      if (change.added.length || change.alternates) await options.onChange();
      else await options.onTick?.();
    } catch (error) {
      options.logger.error({ msg: 'polling sources failed', error });
    }
  };
  const tick = () => {
    running ??= round().finally(() => (running = null));
  };
  return {
    name: 'sources',
    status: { on: true, why: `followed sources checked every ${options.pollSeconds} s (sitrep follow add URL; SITREP_POLL_SECONDS)` },
    start() {
      timer = setInterval(tick, options.pollSeconds * 1000);
      tick();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
    async health() {
      const sources = await live.listSources();
      return {
        sources: sources.map(({ url, name, lastFetchAt, lastStatus, lastError, nextFetchAt, added, skipped }) => ({ url, name, lastFetchAt, lastStatus, lastError, nextFetchAt, added, skipped })),
      };
    },
  };
}
