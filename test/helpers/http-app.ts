import { createApp, DEFAULT_HTTP_CONFIG, type AppDeps, type HttpConfig } from '../../src/adapters/http/app.ts';
import type { Logger, LogFields } from '../../src/adapters/logger.ts';
import type { Corpus } from '../../src/core/store/corpus-index.ts';
import { seedCorpus } from './seed-corpus.ts';

/** A clock the test moves by hand. */
export function manualClock(start = '2025-12-25T08:00:00Z') {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** A logger that keeps every line, for asserting on what was logged. */
export function recordingLogger(): Logger & { lines: Array<{ level: string } & LogFields> } {
  const lines: Array<{ level: string } & LogFields> = [];
  return {
    lines,
    info: (fields) => void lines.push({ level: 'info', ...fields }),
    warn: (fields) => void lines.push({ level: 'warn', ...fields }),
    error: (fields) => void lines.push({ level: 'error', ...fields }),
  };
}

/** The HTTP app over the bundled corpus with test defaults: override any dependency or config field. */
export function makeTestApp(options: { corpus?: Corpus; config?: Partial<HttpConfig>; deps?: Partial<AppDeps> } = {}) {
  const clock = manualClock();
  const logger = recordingLogger();
  const corpus = options.corpus ?? seedCorpus();
  const app = createApp({
    getCorpus: () => Promise.resolve(corpus),
    clock, logger,
    config: { ...DEFAULT_HTTP_CONFIG, ...options.config },
    version: '0.0.0-test',
    clientKey: (c) => c.req.header('X-Test-Client') ?? 'test-client',
    ...options.deps,
  });
  return { app, clock, logger, corpus };
}

/** A POST /v1/ask request with a JSON body. */
export function askRequest(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}
