// The daily digest on Workers: the cron trigger's `scheduled` handler and the digest part of the HTTP app.
// No node:* here: the ledger is a KV namespace, fetch and timers are the runtime's own.
import type { DigestHttpDeps } from '../adapters/http/digest.ts';
import { DigestLedger, type DigestStore } from '../adapters/digest/ledger.ts';
import { realSleep } from '../adapters/digest/retry-fetch.ts';
import { DEFAULT_CLAIM_LEASE_MS } from '../adapters/digest/deliver.ts';
import { CATCH_UP_DAYS, runDigestJob, scheduledDigestDate, type DigestJobResult } from '../adapters/digest/run.ts';
import type { Logger } from '../adapters/logger.ts';
import type { SlackDigestInfo } from '../adapters/slack/digest-setting.ts';
import { isKvNamespace } from '../adapters/store/workers-kv.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import { hasDigestDestination, loadDigestConfig } from './digest-config.ts';
import { digestTargets } from './digest-targets.ts';
import { CHAT_KV_BINDING, workerChatStore } from './worker-chat-store.ts';

/** The KV binding that holds the once-per-date ledger (wrangler.toml [[kv_namespaces]]). */
export const DIGEST_KV_BINDING = 'DIGEST_KV';

/** A KV namespace as far as the ledger needs it; the Workers KVNamespace fits as it is. */
function kvOf(env: Record<string, unknown>): DigestStore | null {
  const kv = env[DIGEST_KV_BINDING] as Partial<DigestStore> | undefined;
  return kv && typeof kv.get === 'function' && typeof kv.put === 'function' ? (kv as DigestStore) : null;
}

/** Where the Worker's digest goes in Slack, and what keeps it from posting, for `/brief config` and App Home. */
export function workerSlackDigestInfo(env: Record<string, unknown>): SlackDigestInfo {
  const config = loadDigestConfig(env);
  const blocked = !config.slackPoster ? 'this sitrep has no Slack bot token (SLACK_BOT_TOKEN) to post it with'
    : !kvOf(env) ? `the Worker has no ${DIGEST_KV_BINDING} KV binding to record what it posted` : undefined;
  return { channel: config.slack?.channel ?? null, ...(blocked ? { blocked } : {}) };
}

/** GET /v1/digest options and, with the KV binding, the delivery status /healthz shows. */
export function workerDigestHttp(env: Record<string, unknown>): DigestHttpDeps {
  const { options } = loadDigestConfig(env);
  const kv = kvOf(env);
  return kv ? { options, status: () => new DigestLedger(kv).statuses(new Date(), DEFAULT_CLAIM_LEASE_MS) } : { options };
}

/**
 * One cron run: the previous UTC day's digest to every configured destination and every Slack channel whose
 * settings (CHAT_KV) turned it on, once each (KV ledger). Without a destination it does nothing; without the KV
 * binding it refuses to post, since it could post twice.
 */
export async function runWorkerDigest(scheduledTime: number, env: Record<string, unknown>, deps: { getCorpus: () => Promise<Corpus>; logger: Logger }): Promise<DigestJobResult | null> {
  const config = loadDigestConfig(env);
  if (!isKvNamespace(env[CHAT_KV_BINDING]) && hasDigestDestination(config)) {
    deps.logger.warn({ msg: `digest: the ${CHAT_KV_BINDING} KV binding is missing, so /brief config digest on|off lives in one isolate's memory and this run may not see it` });
  }
  // Read even without a destination: a channel that turned the digest on is told (in the log and /healthz) what is missing.
  const targets = await digestTargets(config, 'all', workerChatStore(env), deps.logger);
  if (!targets.senders.length && !targets.notPosted.length) {
    deps.logger.info({ msg: 'digest: no destination configured, nothing to post' });
    return null;
  }
  const kv = kvOf(env);
  if (!kv) {
    deps.logger.error({ msg: `digest not posted: the ${DIGEST_KV_BINDING} KV binding is missing (wrangler.toml), so a rerun could post twice` });
    return null;
  }
  const at = new Date(scheduledTime);
  return runDigestJob({
    corpus: await deps.getCorpus(), date: scheduledDigestDate(at), options: config.options, catchUpDays: CATCH_UP_DAYS, ...targets,
    deps: { ledger: new DigestLedger(kv), fetch: (input, init) => fetch(input, init), sleep: realSleep, now: () => new Date(), logger: deps.logger, runId: crypto.randomUUID() },
  });
}
