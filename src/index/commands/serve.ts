import { createJsonLogger } from '../../adapters/logger.ts';
import { batchedWriter } from '../batched-write.ts';
import type { Clock } from '../../core/schema.ts';
import { loadConfig } from '../config.ts';
import { openCorpus } from '../fs-corpus.ts';
import { createDigestIntegration } from '../digest-integration.ts';
import { INTEGRATIONS, startServer } from '../node.ts';
import { nodeChatStore } from '../node-chat-store.ts';
import { createSlackIntegration } from '../slack-integration.ts';
import { startupSummary } from '../startup-summary.ts';
import { serveLive } from '../serve-live.ts';
import { preparedPaced } from '../prepare-corpus.ts';

export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir: string;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** `sitrep serve`: the HTTP API, the console and the integrations, until SIGTERM or SIGINT; then exit 0. */
export async function runServe(flags: ServeFlags, clock: Clock): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (flags.port !== undefined) env.PORT = flags.port;
  if (flags.host !== undefined) env.HOST = flags.host;
  const config = loadConfig(env);
  // One write a tick for the request log, not one a request; whatever is queued is written before the process exits.
  const out = batchedWriter((chunk) => process.stdout.write(chunk));
  process.once('exit', out.flush);
  const logger = createJsonLogger({ write: (line) => out.write(`${line}\n`), clock, level: config.logLevel });
  const corpus = await openCorpus(flags.dataDir, clock);
  const live = await serveLive(flags.dataDir, env, corpus, { clock, logger, noToken: !config.http.apiToken });
  const integrations = [...INTEGRATIONS, createSlackIntegration({ source: env }), createDigestIntegration({ source: env, dataDir: flags.dataDir }), live.integration];
  const server = await startServer({
    config, corpus, clock, logger, integrations, getCorpus: live.getCorpus, liveRoutes: live.routes, shutdownTimeoutMs: config.shutdownSeconds * 1000,
    store: nodeChatStore(flags.dataDir, clock),
  });
  process.stderr.write(startupSummary(server, config, corpus));
  logger.info({ msg: 'listening', url: server.url, port: server.port });
  // The lookups the engine makes once per corpus, made now rather than by the first questions (see prepareCorpus).
  // A lookup at a time, between turns of the event loop, so the first requests are not held up behind all of them.
  preparedPaced(corpus).then(
    (ms) => logger.info({ msg: 'corpus prepared', ms }),
    (error: unknown) => logger.error({ msg: 'corpus not prepared ahead: questions make the lookups they need', error }),
  );

  const signal = await nextSignal();
  const stoppingAt = Date.now();
  logger.info({ msg: 'shutting down', signal, deadlineSeconds: config.shutdownSeconds });
  // A second signal while draining stops at once. Ctrl-C under `npm start` reaches this process twice (from the
  // terminal and forwarded by npm), so a repeat within a second is the same signal.
  const firstAt = Date.now();
  const force = () => Date.now() - firstAt > 1000 && process.exit(1);
  process.once('SIGTERM', force).once('SIGINT', force);
  await server.close();
  process.off('SIGTERM', force).off('SIGINT', force);
  logger.info({ msg: 'stopped', ms: Date.now() - stoppingAt });
  // Whatever a library left open (a socket, a timer) must not hold the process past its deadline.
  setTimeout(() => process.exit(), 50).unref();
  return 0;
}
