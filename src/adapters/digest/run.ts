import type { Corpus } from '../../core/store/corpus-index.ts';
import { addDays } from '../../core/annotate/dates.ts';
import { composeDigest } from '../../core/digest/digest.ts';
import type { Digest, DigestOptions } from '../../core/digest/digest-schema.ts';
import { deliverDigest, type DeliveryDeps } from './deliver.ts';
import type { DeliveryStatus } from './ledger.ts';
import type { DigestSender } from './senders.ts';

/** The day a scheduled run digests: the UTC day that ended before the run, so the window is complete. */
export function scheduledDigestDate(runAt: Date): string {
  return addDays(runAt.toISOString().slice(0, 10), -1);
}

export interface DigestJobResult {
  date: string;
  digest: Digest | null;
  results: Record<string, DeliveryStatus>;
}

/** Composes the digest for `date` and delivers it to every sender once; never throws, every outcome is recorded. */
export async function runDigestJob(job: { corpus: Corpus; date: string; options: DigestOptions; senders: DigestSender[]; deps: DeliveryDeps }): Promise<DigestJobResult> {
  const { date, senders, deps } = job;
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
