// Cloudflare Workers entry. It imports no node:*, Bolt or discord.js: only the core, the hono app and zod.
import type { Context, Hono } from 'hono';
import { createApp } from '../adapters/http/app.ts';
import type { AppEnv } from '../adapters/http/context.ts';
import { jsonErrorResponse } from '../adapters/http/errors.ts';
import { coreBriefDeps } from '../adapters/discord/deps.ts';
import { discordMount } from '../adapters/discord/routes.ts';
import { createJsonLogger, type Logger } from '../adapters/logger.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../core/store/corpus-index.ts';
import { DEFAULT_FETCH_LIMITS } from '../adapters/feeds/fetch-limited.ts';
import { liveRoutes } from '../adapters/http/live-routes.ts';
import type { Clock } from '../core/schema.ts';
// A Text module (wrangler.toml [[rules]]): a string here, parsed on the first request, not at start-up.
import bundledIndex from '../../data/index.json';
import { loadConfig } from './config.ts';
import { offRouteHints } from './off-routes.ts';
import { slackEdgeRoutes } from './slack-edge.ts';
import { VERSION } from './version.ts';
import { workerChatStore } from './worker-chat-store.ts';
import { runWorkerDigest, workerDigestHttp } from './worker-digest.ts';
import { bucketOf, LiveCorpus, POLL_CRON, R2Live } from './worker-live.ts';
import { R2Corpus } from './r2-corpus.ts';
import { answerFromStore, lunrStore, type PassageStore } from '../core/store/passage-store.ts';
import { D1Store, type SqlDatabase } from '../core/store/d1-store.ts';
import { SitrepError } from '../core/ingest/article-file.ts';
import type { ConversationTurn } from '../core/query/conversation.ts';

/** The bindings this Worker reads: variables and secrets are strings (see wrangler.toml). */
export type WorkerEnv = Record<string, unknown>;

/** The Workers ExecutionContext as hono types it, so the root tsconfig needs no workers types. */
export type WorkerContext = NonNullable<Parameters<Hono['fetch']>[2]>;

const clock: Clock = { now: () => new Date() };

let corpus: Promise<Corpus> | undefined;
let parsedBase: IndexFile | undefined;

/** The bundled index, parsed once per isolate on first use. */
function bundledFile(): IndexFile {
  const text = bundledIndex as unknown;
  return (parsedBase ??= (typeof text === 'string' ? JSON.parse(text) : text) as IndexFile);
}

let live: { corpus: LiveCorpus; store: R2Live } | null | undefined;

/** With the R2 binding: the bundled index plus R2's segments, and the store of followed sources (once per isolate). */
function liveOf(env: WorkerEnv, log: Logger): { corpus: LiveCorpus; store: R2Live } | null {
  if (live !== undefined) return live;
  const bucket = bucketOf(env);
  if (!bucket) return (live = null);
  const liveCorpus = new LiveCorpus(bundledFile, new R2Corpus(bucket, bundledFile().builtAt, () => new Date()), log);
  return (live = { corpus: liveCorpus, store: new R2Live(bucket, liveCorpus, { fetcher: (input, init) => fetch(input, init), logger: log, now: () => new Date(), limits: { ...DEFAULT_FETCH_LIMITS, userAgent: `sitrep/${VERSION} (news briefing assistant; feed reader)` } }) });
}

/** Parses and loads the bundled index once per isolate, on first use; a failure is retried on the next request. */
function getCorpus(): Promise<Corpus> {
  if (live) return live.corpus.get();
  corpus ??= Promise.resolve()
    .then(() => loadCorpus(bundledFile()))
    .catch((error: unknown) => {
      corpus = undefined;
      throw error;
    });
  return corpus;
}

/** The D1 binding (wrangler.toml [[d1_databases]]) that holds a corpus too large for the bundled index. */
const DB_BINDING = 'SITREP_DB';

/** Where questions read passages: the bundled (and R2) lunr index, or D1 with SITREP_STORE=d1. */
function passageStore(env: WorkerEnv, store: 'lunr' | 'd1'): PassageStore {
  if (store === 'lunr') return lunrStore(getCorpus);
  const db = env[DB_BINDING] as Partial<SqlDatabase> | undefined;
  if (!db || typeof db.prepare !== 'function' || typeof db.batch !== 'function') {
    throw new SitrepError('bad_config', `SITREP_STORE=d1 needs the ${DB_BINDING} D1 binding (wrangler.toml [[d1_databases]]; README "A corpus in D1")`);
  }
  return new D1Store(db as SqlDatabase);
}

/** What /healthz says of the corpus in D1 (the other counts are the bundled index's). */
async function d1Health(store: D1Store): Promise<Record<string, unknown>> {
  const meta = await store.meta().catch((error: unknown) => ({ error: `D1 unavailable: ${(error as Error).message}` }));
  if (!meta || 'error' in meta) return meta ?? { articles: 0, note: 'no corpus loaded: run `sitrep export-d1`' };
  return { articles: meta.articles, passages: meta.passages, newest: meta.newest, indexBuiltAt: meta.builtAt };
}

let app: { key: string; app: Hono<AppEnv> } | undefined;
let logger: Logger | undefined;

/** The variables an app was built from: the app is built again only if they change (they do not, in production). */
function configKey(env: WorkerEnv): string {
  return JSON.stringify(Object.entries(env).filter(([, value]) => typeof value === 'string').sort(([a], [b]) => (a < b ? -1 : 1)));
}

function workerApp(env: WorkerEnv): Hono<AppEnv> {
  const key = configKey(env);
  if (app?.key === key) return app.app;
  const config = loadConfig(env);
  logger = createJsonLogger({ write: (line) => console.log(line), clock, level: config.logLevel });
  const liveNews = liveOf(env, logger);
  const store = workerChatStore(env);
  const passages = passageStore(env, config.env.SITREP_STORE);
  const ask = (question: string, history?: ConversationTurn[]) => answerFromStore(passages, question, { clock, ...(history ? { history } : {}) });
  const extraRoutes = [
    ...slackEdgeRoutes(env, { getCorpus, clock, logger, store, ask }),
    ...(config.env.DISCORD_PUBLIC_KEY ? [discordMount({
      ...coreBriefDeps(getCorpus, clock, logger, store), ask, publicKey: config.env.DISCORD_PUBLIC_KEY, clock,
      ...(config.env.DISCORD_API_URL ? { apiUrl: config.env.DISCORD_API_URL } : {}),
    })] : []),
  ];
  const health = async () => ({
    ...(liveNews ? await liveNews.store.health() : {}),
    ...(passages instanceof D1Store ? { d1: await d1Health(passages) } : {}),
  });
  const built = createApp({
    ...(liveNews ? {
      liveRoutes: liveRoutes({ store: liveNews.store, noToken: !config.http.apiToken, onChange: async () => liveNews.corpus.invalidate() }),
    } : {}),
    ...(liveNews || passages instanceof D1Store ? { health } : {}),
    getCorpus, clock, logger, config: config.http, version: VERSION,
    ...(config.env.SITREP_STORE === 'd1' ? { answer: ask } : {}),
    clientKey: (c: Context) => c.req.header('CF-Connecting-IP') ?? 'unknown',
    digest: workerDigestHttp(env),
    chat: { store },
    // extraRoutes: the Slack and Discord edge routes mount here.
    extraRoutes,
    offRoutes: offRouteHints(config.env, extraRoutes.map((r) => r.path), 'worker'),
  });
  app = { key, app: built };
  return built;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Response | Promise<Response> {
    let handler: Hono<AppEnv>;
    try {
      handler = workerApp(env);
    } catch (error) {
      // A bad variable: the operator reads why in the log; the caller gets no configuration details.
      console.error(JSON.stringify({ level: 'error', msg: 'bad configuration', error: (error as Error).message }));
      return jsonErrorResponse(500, 'bad_config', 'This Worker is misconfigured; its log says which variable to fix.');
    }
    return handler.fetch(request, env, ctx);
  },
  /** The cron trigger (wrangler.toml [triggers]): the daily digest, posted once per date and destination. */
  async scheduled(controller: { scheduledTime: number; cron: string }, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const log = logger ?? createJsonLogger({ write: (line) => console.log(line), clock });
    const liveNews = liveOf(env, log);
    if (liveNews) {
      ctx.waitUntil(liveNews.store.scheduledRound().then((round) => log.info({ msg: 'sources polled', cron: controller.cron, ...round })).catch((error: unknown) => {
        log.error({ msg: 'polling sources failed', cron: controller.cron, error: (error as Error).message });
      }));
    }
    // The polling cron (wrangler.toml) only polls; any other cron is the daily digest's.
    if (controller.cron === POLL_CRON) return;
    ctx.waitUntil(runWorkerDigest(controller.scheduledTime, env, { getCorpus, logger: log }).catch((error: unknown) => {
      // A bad variable or an unreadable index: logged, and the next run tries again.
      log.error({ msg: 'digest run failed', cron: controller.cron, error: (error as Error).message });
    }));
  },
};
