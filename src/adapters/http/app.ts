import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Corpus } from '../../core/store/corpus-index.ts';
import type { Clock } from '../../core/schema.ts';
import type { Logger } from '../logger.ts';
import type { ChatStore } from '../store/chat-store.ts';
import { askRoutes, type AskDeps } from './ask.ts';
import { digestHealth, digestRoutes, type DigestHttpDeps } from './digest.ts';
import { bearerAuth } from './auth.ts';
import { limitBodies } from './body-limit.ts';
import { CONSOLE_CSP, CONSOLE_CSS, renderConsolePage } from './console-page.ts';
import { CONSOLE_JS } from './console-script.ts';
import type { AppEnv } from './context.ts';
import { oneErrorShape } from './error-shape.ts';
import { HttpProblem, jsonError } from './errors.ts';
import { rateLimit, RateLimiter, type RateLimit } from './rate-limit.ts';

/** The HTTP surface's settings (read from the environment by src/index/config.ts). */
export interface HttpConfig {
  /** bearer token required on /v1/*; null leaves the API open */
  apiToken: string | null;
  /** origins allowed to call /v1/* from a browser (`*` for any); empty: no CORS headers at all */
  corsOrigins: string[];
  /** per-client limit on /v1/*; null: no limit */
  rateLimit: RateLimit | null;
  maxBodyBytes: number;
  maxQuestionChars: number;
  /** recent answers kept per process (or Worker isolate); 0 turns the cache off */
  answerCacheSize: number;
}

export const DEFAULT_HTTP_CONFIG: HttpConfig = {
  apiToken: null,
  corsOrigins: [],
  rateLimit: { limit: 120, windowSeconds: 60 },
  maxBodyBytes: 16 * 1024,
  maxQuestionChars: 500,
  answerCacheSize: 500,
};

export interface AppDeps {
  /** the corpus, loaded on first use (a Worker parses its bundled index on the first request) */
  getCorpus: () => Promise<Corpus>;
  clock: Clock;
  logger: Logger;
  config: HttpConfig;
  version: string;
  /** who is asking, for the rate limit: the socket address on Node, CF-Connecting-IP on Workers */
  clientKey: (c: Context) => string;
  /** sub-apps mounted with `app.route(path, app)` (Slack at /slack, Discord at /discord); they get the raw body */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  extraRoutes?: Array<{ path: string; app: Hono<any, any, any> }>;
  /** digest options for GET /v1/digest, and the delivery status /healthz shows (default: no status) */
  digest?: DigestHttpDeps;
  /** the chat store: console sessions' follow-ups, and the feedback counts /healthz shows */
  chat?: { store: ChatStore };
  /** surfaces that are off here, and what turns each on: a 404 under `prefix` says `hint` */
  offRoutes?: Array<{ prefix: string; hint: string }>;
  /** more /healthz fields (followed sources' last fetch, status and error) */
  health?: () => Promise<Record<string, unknown>>;
  /** answers /v1/ask through a passage store (the D1 store) instead of `getCorpus`'s corpus */
  answer?: AskDeps['answer'];
  /** routes that change the corpus (/v1/sources, /v1/articles); mounted under /v1 behind its guards */
  liveRoutes?: Hono<AppEnv>;
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** Gives every request an id (kept from X-Request-Id when sane) and every response one log line. */
function requestContext(logger: Logger, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', id);
    const started = clock.now().getTime();
    await next();
    c.res.headers.set('X-Request-Id', id);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    const status = c.res.status;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger[level]({
      msg: 'request', requestId: id, method: c.req.method, path: c.req.path, status,
      ms: clock.now().getTime() - started, ...c.get('logFields'),
    });
  };
}

/** Middleware that applies to the JSON API only: CORS, rate limit, token, in that order (bodies are capped for all routes). */
function apiGuards(deps: AppDeps): MiddlewareHandler<AppEnv>[] {
  const { config } = deps;
  const guards: MiddlewareHandler<AppEnv>[] = [];
  if (config.corsOrigins.length) {
    guards.push(cors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }));
  }
  if (config.rateLimit) guards.push(rateLimit(new RateLimiter(config.rateLimit, deps.clock), deps.clientKey));
  if (config.apiToken) guards.push(bearerAuth(config.apiToken));
  return guards;
}

/** The sitrep HTTP app: the same routes on Node and on Cloudflare Workers. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, logger } = deps;
  const app = new Hono<AppEnv>();
  const getCorpus = () => deps.getCorpus().catch((error: unknown) => {
    throw new HttpProblem(503, 'index_unavailable', 'The article index could not be loaded; the server log says why.', undefined, { cause: error });
  });

  const answer = deps.answer && ((question: string, history: Parameters<NonNullable<AskDeps['answer']>>[1]) => deps.answer!(question, history).catch((error: unknown) => {
    throw new HttpProblem(503, 'index_unavailable', 'The article store could not be read; the server log says why.', undefined, { cause: error });
  }));

  app.use(requestContext(logger, deps.clock));
  app.use(oneErrorShape());
  // Before routing, so no handler (and no signature check) ever reads an oversized body.
  app.use(limitBodies(config.maxBodyBytes));
  app.use(methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      jsonError(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${methods.join(' or ')}.`, { Allow: methods.join(', ') }),
  }));
  app.use('/v1/*', ...apiGuards(deps));
  app.route('/v1', askRoutes({ getCorpus, clock: deps.clock, maxQuestionChars: config.maxQuestionChars, answerCacheSize: config.answerCacheSize, ...(deps.chat ? { store: deps.chat.store } : {}), ...(answer ? { answer } : {}) }));
  app.route('/v1', digestRoutes({ getCorpus, clock: deps.clock, digest: deps.digest ?? { options: {} } }));
  if (deps.liveRoutes) app.route('/v1', deps.liveRoutes);

  app.get('/healthz', async (c) => {
    const { data } = await getCorpus();
    const digest = deps.digest ? await digestHealth(deps.digest) : undefined;
    const feedback = deps.chat ? await deps.chat.store.feedbackCounts().catch((error: unknown) => ({ error: `feedback unavailable: ${(error as Error).message}` })) : undefined;
    return c.json({
      status: 'ok', articles: data.articles.length, passages: data.passages.length,
      newest: data.articles[0]?.published ?? null, indexBuiltAt: data.builtAt, version: deps.version,
      ...(digest ? { digest } : {}),
      ...(feedback ? { feedback } : {}),
      ...(deps.health ? await deps.health() : {}),
    }, 200, { 'Cache-Control': 'no-store' });
  });

  const page = renderConsolePage({ version: deps.version, maxQuestionChars: config.maxQuestionChars });
  app.get('/', (c) => c.html(page, 200, {
    'Content-Security-Policy': CONSOLE_CSP, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-cache',
  }));
  const asset = { 'Cache-Control': 'public, max-age=3600' };
  app.get('/console.js', (c) => c.body(CONSOLE_JS, 200, { ...asset, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/console.css', (c) => c.body(CONSOLE_CSS, 200, { ...asset, 'Content-Type': 'text/css; charset=utf-8' }));

  for (const { path, app: sub } of deps.extraRoutes ?? []) app.route(path, sub);

  app.notFound((c) => {
    const off = deps.offRoutes?.find((r) => c.req.path === r.prefix || c.req.path.startsWith(`${r.prefix}/`));
    if (off) return jsonError(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}: ${off.hint}`);
    return jsonError(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}: the API is POST /v1/ask, GET /v1/ask?q=, GET /v1/digest?date=, GET /healthz.`);
  });
  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      if (error.status >= 500) logger.error({ msg: error.message, requestId: c.get('requestId'), code: error.code, cause: error.cause });
      return jsonError(c, error.status, error.code, error.message, error.headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return jsonError(c, error.status, 'bad_request', error.message || 'Bad request.');
    }
    const requestId = c.get('requestId');
    // The client went away mid-body (or shutdown cut the connection): nobody reads this reply, and it is no bug.
    if (c.req.raw.signal?.aborted) {
      logger.warn({ msg: 'request aborted before it was read', requestId });
      return jsonError(c, 400, 'aborted', 'The request was aborted before its body arrived.');
    }
    logger.error({ msg: 'unhandled error', requestId, error });
    return jsonError(c, 500, 'internal', `Something went wrong on our side (request id ${requestId}).`);
  });
  return app;
}
