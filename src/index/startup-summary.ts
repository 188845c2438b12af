import type { Corpus } from '../core/store/corpus-index.ts';
import type { Config } from './config.ts';
import type { RunningServer } from './node.ts';
import { VERSION } from './version.ts';

function row(on: boolean, name: string, why: string): string {
  return `  ${on ? 'on ' : 'off'}  ${name.padEnd(12)} ${why}`;
}

/** What `sitrep serve` prints at start-up: what is on and off, and why. */
export function startupSummary(server: RunningServer, config: Config, corpus: Corpus): string {
  const { http } = config;
  const { data } = corpus;
  const lines = [
    `sitrep ${VERSION}: ${data.articles.length} articles, newest ${data.articles[0]?.published ?? 'none'} (index built ${data.builtAt})`,
    row(true, 'HTTP API', `${server.url}/v1/ask  (POST {"question": "..."} or GET ?q=...)`),
    row(true, 'web console', `${server.url}/`),
    http.apiToken
      ? row(true, 'API token', '/v1/* needs "Authorization: Bearer <SITREP_API_TOKEN>"')
      : row(false, 'API token', 'SITREP_API_TOKEN is not set: anyone who can reach this port may ask'),
    http.rateLimit
      ? row(true, 'rate limit', `${http.rateLimit.limit} requests per ${http.rateLimit.windowSeconds} s per client (SITREP_RATE_LIMIT, SITREP_RATE_LIMIT_WINDOW)`)
      : row(false, 'rate limit', 'SITREP_RATE_LIMIT is 0'),
    http.corsOrigins.length
      ? row(true, 'CORS', `browsers on ${http.corsOrigins.join(', ')} may call /v1/* (SITREP_CORS_ORIGINS)`)
      : row(false, 'CORS', 'SITREP_CORS_ORIGINS is not set: only pages of this server may call the API from a browser'),
    ...server.integrations.map((i) => row(i.status.on, i.name, i.status.why)),
    `  limits: body ${http.maxBodyBytes} bytes, question ${http.maxQuestionChars} characters; logs: one JSON line a request on stdout (SITREP_LOG_LEVEL=${config.logLevel})`,
    'SIGTERM or Ctrl-C lets in-flight requests finish, then exits.',
  ];
  return `${lines.join('\n')}\n`;
}
