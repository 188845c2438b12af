import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { createApp } from '../adapters/http/app.ts';
import type { DigestHttpDeps } from '../adapters/http/digest.ts';
import type { AppEnv } from '../adapters/http/context.ts';
import type { Logger } from '../adapters/logger.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { Clock } from '../core/schema.ts';
import type { Config } from './config.ts';
import { createDiscordIntegration } from './discord-integration.ts';
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
  clock: Clock;
  logger: Logger;
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
  /** how long in-flight requests may take on shutdown before their connections are cut */
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

/** Starts the HTTP API and console on an already-loaded corpus, then the integrations that are on. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, corpus, clock, logger } = options;
  const integrations = await Promise.all((options.integrations ?? INTEGRATIONS).map((make) => make(options)));
  const active = integrations.filter((i) => i.status.on);
  const healths = integrations.flatMap((i) => (i.health ? [i.health] : []));
  const app = createApp({
    getCorpus: options.getCorpus ?? (() => Promise.resolve(corpus)),
    ...(healths.length ? { health: async () => Object.assign({}, ...(await Promise.all(healths.map((h) => h())))) as Record<string, unknown> } : {}),
    ...(options.liveRoutes ? { liveRoutes: options.liveRoutes } : {}),
    clock, logger, config: config.http, version: VERSION,
    clientKey: nodeClientKey(config.trustProxy),
    extraRoutes: active.flatMap((i) => i.routes ?? []),
    digest: integrations.find((i) => i.digest)?.digest,
  });
  const { server, port } = await listen(app.fetch, config.port, config.host);

  let closing: Promise<void> | undefined;
  for (const integration of active) await integration.start?.();

  const close = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections go as soon as their last response is sent; any still busy at the deadline are cut.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
    server.closeIdleConnections();
    await stopped;
    clearInterval(sweep);
    clearTimeout(deadline);
    for (const integration of [...active].reverse()) {
      try {
        await integration.stop?.();
      } catch (error) {
        logger.error({ msg: 'integration did not stop cleanly', integration: integration.name, error });
      }
    }
  };
  return {
    url: displayUrl(config.host, port),
    port,
    integrations,
    close: () => (closing ??= close()),
  };
}
