import type { Digest } from '../../core/digest/digest-schema.ts';
import type { Logger } from '../logger.ts';
import { DeliveryError } from './delivery-error.ts';
import { DigestLedger, type DeliveryStatus, type DeliveryView, type Destination } from './ledger.ts';
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
  /** a claim older than this is taken to be a crashed run's (when its process cannot be asked) */
  claimLeaseMs?: number;
  /** the wait between writing a claim and reading it back: a concurrent run's claim lands in between */
  claimSettleMs?: number;
  /** names this process in its claims, e.g. host:pid on Node */
  owner?: string;
  /** whether the process a claim names still runs: true, false, or undefined when it cannot tell (another host) */
  ownerAlive?: (owner: string) => boolean | undefined;
  /** post after an unconfirmed attempt without looking in the channel first (someone looked by hand) */
  resend?: boolean;
}

export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;
/** No run takes this long (three attempts, waits of a minute at most): a process this old is not the claim's any more. */
const MAX_LIVE_CLAIM_MS = 60 * 60_000;
export const DEFAULT_CLAIM_SETTLE_MS = 1_000;

/** An attempt another run holds: stale when its process is gone, or (when that cannot be asked) its lease ran out. */
function isStale(view: Extract<DeliveryView, { kind: 'claimed' | 'posting' }>, deps: DeliveryDeps): { stale: boolean; why: string } {
  const { attempt } = view;
  const age = deps.now().getTime() - Date.parse(attempt.at);
  const alive = attempt.owner && deps.ownerAlive ? deps.ownerAlive(attempt.owner) : undefined;
  if (alive === false) return { stale: true, why: `its process (${attempt.owner}) is gone` };
  if (alive === true && age < MAX_LIVE_CLAIM_MS) return { stale: false, why: `its process (${attempt.owner}) is running` };
  const expired = age >= (deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS);
  return { stale: expired, why: expired ? 'its claim expired' : 'its claim is recent' };
}

/**
 * Posts one digest to one destination exactly once per date. A destination already sent is skipped; one a live run
 * holds is left to it (`in_progress`); one a stopped run left behind is taken over, after looking in the channel for
 * the post when that run may have sent it (so it is never posted twice). Never throws: the outcome is recorded.
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
    const view = await ledger.view(date, destination);
    if (view.kind === 'sent') return await finish({ date, state: 'already_sent', at: stamp(), ...(view.postId ? { postId: view.postId } : {}) });

    // Did an earlier attempt stop where its post may have reached the platform? Then look before posting.
    let lookSince: Date | null = null;
    let recovering = false;
    if (view.kind === 'claimed' || view.kind === 'posting') {
      const { stale, why } = isStale(view, deps);
      const claim = { date, destination, claimedBy: view.attempt.owner ?? view.attempt.runId, since: view.attempt.at, state: view.attempt.state };
      if (!stale) {
        logger.warn({ msg: 'digest: another run holds this date', ...claim, why });
        return { date, state: 'in_progress', at: stamp() };
      }
      logger.warn({ msg: 'digest: taking over from a run that stopped before finishing', ...claim, why });
      recovering = true;
      if (view.kind === 'posting') lookSince = new Date(view.attempt.at);
    } else if (view.kind === 'failed' && view.unconfirmed) {
      recovering = true;
      lookSince = new Date(view.at);
    }
    if (lookSince && !deps.resend) {
      let found;
      try {
        found = await sender.findPost(digest, lookSince, deps.fetch);
      } catch (error) {
        const message = `unconfirmed: a run stopped while posting (${lookSince.toISOString()}) and the channel could not be checked, so it was not posted again: ${(error as Error).message}. `
          + `Look in the channel; to post it anyway: sitrep digest --post ${destination} --date ${date} --resend`;
        logger.error({ msg: 'digest not posted', date, destination, error: message });
        return await finish({ date, state: 'failed', at: stamp(), error: message });
      }
      if (found) {
        await ledger.putOutcome(date, destination, { state: 'sent', runId: deps.runId, at: stamp(), ...(found.postId ? { postId: found.postId } : {}) });
        logger.info({ msg: 'digest already in the channel: the stopped run had posted it', date, destination, postId: found.postId });
        return await finish({ date, state: 'already_sent', at: stamp(), ...(found.postId ? { postId: found.postId } : {}), recovered: 'found_in_channel' });
      }
    }
    return await claimAndPost(date, digest, sender, deps, recovering, finish);
  } catch (error) {
    // The ledger itself failed (KV or disk): report it, and let the other destinations go on.
    const message = `ledger: ${(error as Error).message}`;
    logger.error({ msg: 'digest delivery failed', date, destination, error: message });
    return finish({ date, state: 'failed', at: stamp(), error: message });
  }
}

async function claimAndPost(
  date: string, digest: Digest, sender: DigestSender, deps: DeliveryDeps, recovering: boolean,
  finish: (status: DeliveryStatus) => Promise<DeliveryStatus>,
): Promise<DeliveryStatus> {
  const { ledger, logger } = deps;
  const destination = sender.destination;
  const stamp = () => deps.now().toISOString();
  const mine = { runId: deps.runId, ...(deps.owner ? { owner: deps.owner } : {}) };
  await ledger.put(date, destination, { state: 'claimed', ...mine, at: stamp() });
  await ledger.setStatus(destination, { date, state: 'in_progress', at: stamp() }).catch(() => undefined);
  await deps.sleep(deps.claimSettleMs ?? DEFAULT_CLAIM_SETTLE_MS);
  if ((await ledger.get(date, destination))?.runId !== deps.runId) return { date, state: 'in_progress', at: stamp() };
  // From here on the post may reach the platform: a run that stops now is looked for in the channel before a retry.
  await ledger.put(date, destination, { state: 'posting', ...mine, at: stamp() });

  let retries = 0;
  const fetch = fetchRetrying429(deps.fetch, { sleep: deps.sleep, now: deps.now, policy: deps.retry, onRetry: () => { retries++; } });
  let postId: string | null;
  try {
    ({ postId } = await sender.send(digest, fetch));
  } catch (error) {
    const message = (error as Error).message;
    const unconfirmed = error instanceof DeliveryError && error.unconfirmed;
    await ledger.putOutcome(date, destination, { state: 'failed', runId: deps.runId, at: stamp(), error: message, ...(unconfirmed ? { unconfirmed } : {}) });
    logger.error({ msg: 'digest not posted', date, destination, error: message, retries, unconfirmed });
    return finish({ date, state: 'failed', at: stamp(), error: message, retries });
  }
  // Recorded the moment the platform answered, on a key of its own (so no second write to the claim's key within a second).
  await ledger.putOutcome(date, destination, { state: 'sent', runId: deps.runId, at: stamp(), ...(postId ? { postId } : {}) });
  logger.info({ msg: 'digest posted', date, destination, retries, postId });
  return finish({ date, state: 'sent', at: stamp(), retries, ...(postId ? { postId } : {}), ...(recovering ? { recovered: 'posted' as const } : {}) });
}

/** Delivers to every sender side by side: one failing (or waiting out a 429) never holds up another. */
export async function deliverDigest(date: string, digest: Digest | null, senders: DigestSender[], deps: DeliveryDeps): Promise<Record<string, DeliveryStatus>> {
  const results = await Promise.all(senders.map((s) => deliverOnce(date, digest, s, deps)));
  return Object.fromEntries(senders.map((s, i) => [s.destination, results[i]!]));
}
