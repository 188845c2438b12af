import type { Corpus } from '../../core/store/corpus-index.ts';
import { addDays } from '../../core/annotate/dates.ts';
import { composeDigest } from '../../core/digest/digest.ts';
import type { Digest, DigestOptions } from '../../core/digest/digest-schema.ts';
import { deliverDigest, type DeliveryDeps } from './deliver.ts';
import type { DeliveryStatus } from './ledger.ts';
import type { DigestSender } from './senders.ts';
import type { NotPosted } from './slack-channels.ts';

/** How many days back a scheduled run looks for a digest a failed or stopped run left unsent. */
export const CATCH_UP_DAYS = 3;

/** The day a scheduled run digests: the UTC day that ended before the run, so the window is complete. */
export function scheduledDigestDate(runAt: Date): string {
  return addDays(runAt.toISOString().slice(0, 10), -1);
}

export interface DigestJobResult {
  date: string;
  digest: Digest | null;
  results: Record<string, DeliveryStatus>;
  /** earlier dates a failed or stopped run had left open, delivered by this run first */
  earlier?: DigestJobResult[];
}

interface Job {
  corpus: Corpus;
  date: string;
  options: DigestOptions;
  senders: DigestSender[];
  /** destinations this run leaves out (a channel that turned the digest off, one that cannot be posted to): recorded as such */
  notPosted?: NotPosted[];
  /** the Slack channels besides DIGEST_SLACK_CHANNEL this run covers, kept for /healthz; absent when it leaves Slack alone */
  slackChannels?: string[];
  deps: DeliveryDeps;
  /** also finish what runs of the `catchUpDays` days before `date` left open (a scheduled run does; a CLI run for one date does not) */
  catchUpDays?: number;
}

/** Composes the digest for one date and delivers it to every sender once; never throws, every outcome is recorded. */
async function deliverDate(job: Job, date: string, senders: DigestSender[]): Promise<DigestJobResult> {
  const { deps } = job;
  let digest: Digest | null;
  try {
    digest = composeDigest({ corpus: job.corpus, date, options: job.options });
  } catch (error) {
    const message = `compose: ${(error as Error).message}`;
    deps.logger.error({ msg: 'digest not composed', date, error: message });
    const at = deps.now().toISOString();
    const results: Record<string, DeliveryStatus> = {};
    for (const s of senders) {
      results[s.destination] = { date, state: 'failed', at, error: message };
      await deps.ledger.setStatus(s.destination, results[s.destination]!).catch(() => undefined);
    }
    return { date, digest: null, results };
  }
  return { date, digest, results: await deliverDigest(date, digest, senders, deps) };
}

/** Records a destination left out for `date`, so the CLI's lines and /healthz say why nothing was posted there. */
async function recordNotPosted(job: Job, date: string): Promise<Record<string, DeliveryStatus>> {
  const results: Record<string, DeliveryStatus> = {};
  for (const left of job.notPosted ?? []) {
    const status: DeliveryStatus = { date, state: left.state, at: job.deps.now().toISOString(), ...(left.error ? { error: left.error } : {}) };
    results[left.destination] = status;
    await job.deps.ledger.setStatus(left.destination, status).catch((error: unknown) => job.deps.logger.error({ msg: 'digest status not saved', destination: left.destination, error }));
  }
  return results;
}

/**
 * The digest for `date` to every sender, once each. With `catchUpDays`, first the earlier dates whose delivery a run
 * left failed or unfinished (a date never attempted is not posted late), so a miss is retried by the next run.
 */
export async function runDigestJob(job: Job): Promise<DigestJobResult> {
  if (job.slackChannels) {
    await job.deps.ledger.setSlackChannels(job.slackChannels).catch((error: unknown) => job.deps.logger.error({ msg: 'digest: channel list not saved', error }));
  }
  const earlier: DigestJobResult[] = [];
  for (let back = job.catchUpDays ?? 0; back >= 1; back--) {
    const date = addDays(job.date, -back);
    const open: DigestSender[] = [];
    for (const sender of job.senders) {
      const view = await job.deps.ledger.view(date, sender.destination).catch(() => ({ kind: 'none' as const }));
      if (view.kind === 'failed' || view.kind === 'claimed' || view.kind === 'posting') open.push(sender);
    }
    if (open.length) {
      job.deps.logger.info({ msg: 'digest: retrying an earlier date left open', date, destinations: open.map((s) => s.destination) });
      earlier.push(await deliverDate(job, date, open));
    }
  }
  const delivered = await deliverDate(job, job.date, job.senders);
  const result = { ...delivered, results: { ...delivered.results, ...(await recordNotPosted(job, job.date)) } };
  return earlier.length ? { ...result, earlier } : result;
}
