import type { Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { createApp } from '../adapters/http/app.ts';
import type { DigestHttpDeps } from '../adapters/http/digest.ts';
import type { AppEnv } from '../adapters/http/context.ts';
import type { Logger } from '../adapters/logger.ts';
import { ChatStore } from '../adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../adapters/store/memory-key-value.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import type { Config } from './config.ts';
import { createDiscordIntegration } from './discord-integration.ts';
import { offRouteHints } from './off-routes.ts';
import { VERSION } from './version.ts';

/** Something the Node process runs beside the HTTP API: Slack, Discord, the digest schedule. */
export interface Integration {
  name: string;
  /** on or off, and why: printed at start-up */
  status: { on: boolean; why: string };
  /** sub-apps mounted on the HTTP app when on (they get the raw body; /v1 guards do not apply) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes?: Array<{ path: string; app: Hono<any, any, any> }>;
  /** called once the HTTP server listens (Socket Mode, a gateway connection, a cron) */
  start?(): Promise<void> | void;
  /** called on shutdown, after in-flight HTTP requests have finished */
  stop?(): Promise<void> | void;
  /** the digest's options for GET /v1/digest and its delivery status for /healthz (the digest integration only) */
  digest?: DigestHttpDeps;
  /** fields it adds to /healthz (followed sources) */
  health?: () => Promise<Record<string, unknown>>;
}

export interface IntegrationContext {
  config: Config;
  corpus: Corpus;
  /** the current corpus: with followed sources it changes while serving, so answers and digests read it each time */
  getCorpus?: () => Promise<Corpus>;
  clock: Clock;
  logger: Logger;
  /** conversations, saved answers, feedback and channel settings, shared by Slack, Discord and the console */
  store?: ChatStore;
}

export type IntegrationFactory = (ctx: IntegrationContext) => Integration | Promise<Integration>;

/** The integrations `sitrep serve` runs: Slack, Discord and the digest add their factory here. */
export const INTEGRATIONS: IntegrationFactory[] = [createDiscordIntegration()];

export interface StartOptions extends IntegrationContext {
  integrations?: IntegrationFactory[];
  /** the current corpus when it changes while serving (followed sources); default: `corpus` */
  getCorpus?: () => Promise<Corpus>;
  /** /v1/sources and /v1/articles */
  liveRoutes?: Hono<AppEnv>;
  /** how long shutdown may take in all (default 10 s): requests still open shortly before it are cut */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  /** base URL, e.g. http://localhost:8787 */
  url: string;
  port: number;
  integrations: Integration[];
  /** stops accepting, lets in-flight requests finish, stops the integrations; safe to call twice */
  close(): Promise<void>;
}

/** The rate limit's client: the socket address, or the first X-Forwarded-For hop behind a trusted proxy. */
export function nodeClientKey(trustProxy: boolean): (c: Context) => string {
  return (c) => {
    const forwarded = trustProxy ? c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
    return forwarded || getConnInfo(c).remote.address || 'unknown';
  };
}

function listen(fetch: Hono['fetch'], port: number, host: string | undefined): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, ...(host ? { hostname: host } : {}) }, (info) => resolve({ server, port: info.port })) as Server;
    server.once('error', reject);
  });
}

function displayUrl(host: string | undefined, port: number): string {
  const name = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** The part of the shutdown budget kept for stopping the integrations after the last connection. */
function stopBudget(timeoutMs: number): number {
  return Math.min(1000, timeoutMs / 10);
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Once shutdown starts, every response not yet begun says `Connection: close`, so a keep-alive client is answered
 * and then closed rather than reset; a connection left idle after an earlier keep-alive response is closed.
 */
function trackDrain(server: Server): { start(): void } {
  const open = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    start() {
      draining = true;
      for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
    },
  };
}

/** Starts the HTTP API and console on an already-loaded corpus, then the integrations that are on. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, corpus, clock, logger } = options;
  const store = options.store ?? new ChatStore(new MemoryKeyValue({ now: () => clock.now().getTime() }), () => clock.now());
  const current = options.getCorpus ?? (() => Promise.resolve(corpus));
  const integrations = await Promise.all((options.integrations ?? INTEGRATIONS).map((make) => make({ ...options, getCorpus: current, store })));
  const active = integrations.filter((i) => i.status.on);
  const routes = active.flatMap((i) => i.routes ?? []);
  const healths = integrations.flatMap((i) => (i.health ? [i.health] : []));
  const app = createApp({
    getCorpus: options.getCorpus ?? (() => Promise.resolve(corpus)),
    ...(healths.length ? { health: async () => Object.assign({}, ...(await Promise.all(healths.map((h) => h())))) as Record<string, unknown> } : {}),
    ...(options.liveRoutes ? { liveRoutes: options.liveRoutes } : {}),
    clock, logger, config: config.http, version: VERSION,
    clientKey: nodeClientKey(config.trustProxy),
    extraRoutes: routes,
    digest: integrations.find((i) => i.digest)?.digest,
    chat: { store },
    offRoutes: offRouteHints(config.env, routes.map((r) => r.path), 'node'),
  });
  const { server, port } = await listen(app.fetch, config.port, config.host);

  let closing: Promise<void> | undefined;
  const drain = trackDrain(server);
  for (const integration of active) await integration.start?.();

  const close = async () => {
    const started = Date.now();
    const timeout = options.shutdownTimeoutMs ?? 10_000;
    drain.start();
    // server.close() drops idle keep-alive connections at once; busy ones end after their response (Connection: close).
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    // Requests still open shortly before the deadline are cut, leaving the integrations time to stop within it.
    const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, timeout - stopBudget(timeout)));
    await stopped;
    clearTimeout(cut);
    for (const integration of [...active].reverse()) {
      const left = Math.max(0, timeout - (Date.now() - started));
      const outcome = await withTimeout(Promise.resolve().then(() => integration.stop?.()), left).catch((error: unknown) => error);
      if (outcome === TIMED_OUT) logger.error({ msg: 'integration did not stop in time', integration: integration.name });
      else if (outcome instanceof Error) logger.error({ msg: 'integration did not stop cleanly', integration: integration.name, error: outcome });
    }
  };
  return {
    url: displayUrl(config.host, port),
    port,
    integrations,
    close: () => (closing ??= close()),
  };
}
