import type { Hono } from 'hono';
import { aboutCorpus } from '../adapters/about.ts';
import { ChatRateLimiter } from '../adapters/chat-rate-limit.ts';
import { MemoryDedupStore, SharedDedupStore, type DedupStore, type ExpiringKeyValue } from '../adapters/slack/dedup-store.ts';
import { createSlackEdgeRoute } from '../adapters/slack/edge-route.ts';
import type { Logger } from '../adapters/logger.ts';
import type { ChatStore } from '../adapters/store/chat-store.ts';
import { answerQuestion } from '../core/answer/answer.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import { loadSlackConfig } from './slack-config.ts';
import { workerSlackDigestInfo } from './worker-digest.ts';

// One per isolate: Slack's retries of a delivery this isolate saw are dropped; with a KV binding
// (SLACK_DEDUP_KV, or the digest's DIGEST_KV) retries that reach another isolate are dropped too.
const memory = new MemoryDedupStore();
let dedup: DedupStore | undefined;

function dedupFor(env: Record<string, unknown>): DedupStore {
  if (dedup) return dedup;
  const kv = (env.SLACK_DEDUP_KV ?? env.DIGEST_KV) as Partial<ExpiringKeyValue> | undefined;
  dedup = kv && typeof kv.get === 'function' && typeof kv.put === 'function' ? new SharedDedupStore(kv as ExpiringKeyValue, memory) : memory;
  return dedup;
}

type SlackAsk = Parameters<typeof createSlackEdgeRoute>[0]['ask'];

/** The Worker's Slack route at /slack/events when SLACK_SIGNING_SECRET is set; a bad Slack variable throws. */
export function slackEdgeRoutes(env: Record<string, unknown>, deps: { getCorpus: () => Promise<Corpus>; clock: Clock; logger: Logger; store: ChatStore; ask?: SlackAsk }): Array<{ path: string; app: Hono }> {
  const slack = loadSlackConfig(env);
  if (!slack.signingSecret) return [];
  return [{
    path: '/slack/events',
    app: createSlackEdgeRoute({
      ask: deps.ask ?? (async (question, history) => answerQuestion(question, { corpus: await deps.getCorpus(), clock: deps.clock, history })),
      logger: deps.logger,
      defaultVisibility: slack.visibility,
      signingSecret: slack.signingSecret,
      ...(slack.botToken ? { botToken: slack.botToken } : {}),
      ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
      dedup: dedupFor(env),
      store: deps.store,
      limiter: new ChatRateLimiter(deps.clock),
      about: aboutCorpus(deps.getCorpus, deps.clock),
      digest: workerSlackDigestInfo(env),
      clock: deps.clock,
      now: () => deps.clock.now().getTime(),
    }),
  }];
}
