import { Cron } from 'croner';
import { DigestLedger } from '../adapters/digest/ledger.ts';
import { realSleep, type Sleep } from '../adapters/digest/retry-fetch.ts';
import { DEFAULT_CLAIM_LEASE_MS } from '../adapters/digest/deliver.ts';
import { CATCH_UP_DAYS, runDigestJob, scheduledDigestDate, type DigestJobResult } from '../adapters/digest/run.ts';
import { SitrepError } from '../core/ingest/article-file.ts';
import { hasDigestDestination, loadDigestConfig, type DigestConfig } from './digest-config.ts';
import { digestStatePath, FileDigestStore } from './digest-state-file.ts';
import { digestTargets } from './digest-targets.ts';
import type { Integration, IntegrationFactory } from './node.ts';
import { ownerAlive, processOwner } from './process-owner.ts';

export interface DigestIntegrationOptions {
  /** the environment to read the DIGEST_* variables from */
  source: Record<string, unknown>;
  dataDir: string;
  fetch?: typeof fetch;
  sleep?: Sleep;
  claimSettleMs?: number;
}

/** A running digest schedule: `runNow` is what the cron calls (tests and operators may call it too). */
export interface DigestIntegration extends Integration {
  runNow?(at?: Date): Promise<DigestJobResult>;
  /** fires the cron job now, as the schedule would (croner's own trigger) */
  trigger?(): Promise<void>;
  nextRun?(): Date | null;
}

/** The start-up row: where the digest goes. */
function describeDestinations(config: DigestConfig): string {
  const slack = config.slack ? 'slack' : config.slackPoster ? 'slack channels that turn it on (/brief config digest on)' : null;
  return [slack, config.discord ? 'discord' : null].filter(Boolean).join(' and ');
}

/**
 * The daily digest in `sitrep serve`: when a destination is configured, a croner job on DIGEST_CRON (UTC) posts
 * the previous UTC day's digest once per destination, the ledger kept in the state file. Slack channels come from
 * DIGEST_SLACK_CHANNEL and the channel settings in the chat store, read at each run. Always serves the digest
 * options and delivery status to GET /v1/digest and /healthz.
 */
export function createDigestIntegration(options: DigestIntegrationOptions): IntegrationFactory {
  return ({ corpus, getCorpus = () => Promise.resolve(corpus), clock, logger, store }): DigestIntegration => {
    const config = loadDigestConfig(options.source);
    const ledger = new DigestLedger(new FileDigestStore(digestStatePath(config.stateFile, options.dataDir)));
    if (!hasDigestDestination(config)) {
      return { name: 'digest', status: { on: false, why: 'set DIGEST_SLACK_CHANNEL (with SLACK_BOT_TOKEN) or DIGEST_DISCORD_WEBHOOK_URL' }, digest: { options: config.options } };
    }
    const runNow = async (at: Date = clock.now()) => runDigestJob({
      corpus: await getCorpus(), date: scheduledDigestDate(at), options: config.options, catchUpDays: CATCH_UP_DAYS,
      ...(await digestTargets(config, 'all', store ?? null, logger)),
      deps: {
        ledger, fetch: options.fetch ?? fetch, sleep: options.sleep ?? realSleep, now: () => clock.now(), logger,
        runId: crypto.randomUUID(), owner: processOwner(), ownerAlive,
        ...(options.claimSettleMs !== undefined ? { claimSettleMs: options.claimSettleMs } : {}),
      },
    });
    let job: Cron;
    try {
      // protect: a run still waiting out a 429 is never overlapped by the next one.
      job = new Cron(config.cron, { timezone: 'UTC', paused: true, protect: true, catch: (error) => logger.error({ msg: 'digest run failed', error }) }, async () => {
        // The injected clock, not croner's run time: one source of "now" for the date and the ledger.
        await runNow();
      });
    } catch (error) {
      throw new SitrepError('bad_config', `DIGEST_CRON "${config.cron}" is not a cron pattern: ${(error as Error).message}`);
    }
    return {
      name: 'digest',
      status: { on: true, why: `${describeDestinations(config)} at "${config.cron}" UTC` },
      digest: { options: config.options, status: () => ledger.statuses(clock.now(), DEFAULT_CLAIM_LEASE_MS) },
      runNow,
      trigger: () => job.trigger(),
      nextRun: () => job.nextRun(),
      start() {
        job.resume();
      },
      stop() {
        job.stop();
      },
    };
  };
}
