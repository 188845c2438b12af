import type { Digest } from '../../core/digest/digest-schema.ts';
import type { Logger } from '../logger.ts';
import { DigestLedger, type DeliveryStatus, type Destination } from './ledger.ts';
import { fetchRetrying429, type RetryPolicy, type Sleep } from './retry-fetch.ts';
import type { DigestSender } from './senders.ts';

export interface DeliveryDeps {
  ledger: DigestLedger;
  fetch: typeof fetch;
  sleep: Sleep;
  now: () => Date;
  logger: Logger;
  /** identifies this run in the ledger, so two runs can tell their claims apart */
  runId: string;
  retry?: Partial<RetryPolicy>;
  /** a claim older than this is taken to be a crashed run and is claimed again */
  claimLeaseMs?: number;
  /** the wait between writing a claim and reading it back: a concurrent run's claim lands in between */
  claimSettleMs?: number;
}

export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;
export const DEFAULT_CLAIM_SETTLE_MS = 1_000;

/**
 * Posts one digest to one destination at most once per date: a destination already sent (or claimed by a live
 * run) is skipped; a failed one stays open for the next run. Never throws: the outcome is returned and recorded.
 */
export async function deliverOnce(date: string, digest: Digest | null, sender: DigestSender, deps: DeliveryDeps): Promise<DeliveryStatus> {
  const { ledger, logger } = deps;
  const destination: Destination = sender.destination;
  const stamp = () => deps.now().toISOString();
  const finish = async (status: DeliveryStatus) => {
    await ledger.setStatus(destination, status).catch((error: unknown) => logger.error({ msg: 'digest status not saved', destination, error }));
    return status;
  };
  try {
    if (!digest) return await finish({ date, state: 'nothing_to_post', at: stamp() });
    const existing = await ledger.get(date, destination);
    if (existing?.state === 'sent') return await finish({ date, state: 'already_sent', at: stamp() });
    const lease = deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
    if (existing?.state === 'claimed' && deps.now().getTime() - Date.parse(existing.at) < lease) {
      return { date, state: 'in_progress', at: stamp() };
    }
    await ledger.put(date, destination, { state: 'claimed', runId: deps.runId, at: stamp() });
    await deps.sleep(deps.claimSettleMs ?? DEFAULT_CLAIM_SETTLE_MS);
    if ((await ledger.get(date, destination))?.runId !== deps.runId) return { date, state: 'in_progress', at: stamp() };

    let retries = 0;
    const fetch = fetchRetrying429(deps.fetch, { sleep: deps.sleep, now: deps.now, policy: deps.retry, onRetry: () => { retries++; } });
    try {
      await sender.send(digest, fetch);
    } catch (error) {
      const message = (error as Error).message;
      await ledger.put(date, destination, { state: 'failed', runId: deps.runId, at: stamp(), error: message });
      logger.error({ msg: 'digest not posted', date, destination, error: message, retries });
      return await finish({ date, state: 'failed', at: stamp(), error: message, retries });
    }
    await ledger.put(date, destination, { state: 'sent', runId: deps.runId, at: stamp() });
    logger.info({ msg: 'digest posted', date, destination, retries });
    return await finish({ date, state: 'sent', at: stamp(), retries });
  } catch (error) {
    // The ledger itself failed (KV or disk): report it, and let the other destinations go on.
    const message = `ledger: ${(error as Error).message}`;
    logger.error({ msg: 'digest delivery failed', date, destination, error: message });
    return finish({ date, state: 'failed', at: stamp(), error: message });
  }
}

/** Delivers to every sender side by side: one failing (or waiting out a 429) never holds up another. */
export async function deliverDigest(date: string, digest: Digest | null, senders: DigestSender[], deps: DeliveryDeps): Promise<Record<string, DeliveryStatus>> {
  const results = await Promise.all(senders.map((s) => deliverOnce(date, digest, s, deps)));
  return Object.fromEntries(senders.map((s, i) => [s.destination, results[i]!]));
}
