import { z } from 'zod';
import { DEFAULT_HTTP_CONFIG, type HttpConfig } from '../adapters/http/app.ts';
import { LOG_LEVELS, type LogLevel } from '../adapters/logger.ts';
import { SitrepError } from '../core/ingest/article-file.ts';

/** Empty variables count as unset (`SITREP_API_TOKEN=` in a .env file). */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));

function wholeNumber(min: number, max: number, fallback: number) {
  return optional.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (/^\d+$/.test(value) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
    return z.NEVER;
  });
}

function origin(value: string): boolean {
  if (value === '*') return true;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const http = DEFAULT_HTTP_CONFIG;

/** Every variable sitrep reads, on Node (process.env) and on Workers (the env object). */
export const EnvSchema = z.object({
  PORT: wholeNumber(0, 65535, 8787),
  HOST: optional,
  SITREP_API_TOKEN: optional.refine((v) => v === undefined || (v.length >= 16 && !/\s/.test(v)), 'must be at least 16 characters without spaces (e.g. the output of `openssl rand -hex 32`)'),
  SITREP_CORS_ORIGINS: optional
    .transform((v) => (v ? v.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean) : []))
    .refine((list) => list.every(origin), 'must be `*` or a comma-separated list of origins such as https://example.com'),
  SITREP_RATE_LIMIT: wholeNumber(0, 1_000_000, http.rateLimit?.limit ?? 0),
  SITREP_RATE_LIMIT_WINDOW: wholeNumber(1, 86_400, http.rateLimit?.windowSeconds ?? 60),
  SITREP_MAX_BODY_BYTES: wholeNumber(256, 512 * 1024, http.maxBodyBytes),
  SITREP_MAX_QUESTION_CHARS: wholeNumber(10, 4000, http.maxQuestionChars),
  SITREP_ANSWER_CACHE: wholeNumber(0, 100_000, http.answerCacheSize),
  SITREP_TRUST_PROXY: optional.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()).transform((v) => v === 'true'),
  SITREP_SHUTDOWN_SECONDS: wholeNumber(1, 300, 10),
  SITREP_STORE: optional.pipe(z.enum(['lunr', 'd1'], { error: 'must be lunr or d1' }).optional()).transform((v) => v ?? 'lunr'),
  SITREP_LOG_LEVEL: optional.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()).transform((v): LogLevel => v ?? 'info'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{17,20}$/.test(v), 'must be the application id, 17 to 20 digits (Discord Developer Portal > General Information > Application ID)'),
  // A wrong key would turn every interaction away with 401, silently: refuse it at start-up instead.
  DISCORD_PUBLIC_KEY: optional.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), 'must be the 64 hex characters of the public key (Discord Developer Portal > General Information > Public Key)'),
  /** Discord's API base for editing deferred answers (default https://discord.com/api/v10): a proxy, or a fake in tests */
  DISCORD_API_URL: optional.refine((v) => v === undefined || /^https?:\/\/\S+$/i.test(v), 'must be an http(s) URL'),
  DIGEST_SLACK_CHANNEL: optional,
  DIGEST_DISCORD_WEBHOOK_URL: optional,
});
export type Env = z.infer<typeof EnvSchema>;

/** The configuration every entry point hands down. */
export interface Config {
  port: number;
  /** interface to listen on (Node); unset: every interface */
  host: string | undefined;
  logLevel: LogLevel;
  /** use the first X-Forwarded-For address as the client (Node behind a proxy) */
  trustProxy: boolean;
  /** Node: how long SIGTERM may take, in all, before the process exits */
  shutdownSeconds: number;
  http: HttpConfig;
  /** every variable, parsed: the Slack, Discord and digest settings are read from here */
  env: Env;
}

/** Values of these never appear in a message: they are credentials. */
const SECRET_NAME = /TOKEN|SECRET|KEY|WEBHOOK/;

/** Reads the environment once; a bad variable is a SitrepError that names it and says how to fix it. */
export function loadConfig(source: Record<string, unknown>): Config {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (typeof value === 'string') strings[key] = value;
  const parsed = EnvSchema.safeParse(strings);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_NAME.test(name) ? '(value hidden)' : `=${JSON.stringify(strings[name] ?? '')}`;
      return `  ${name}${shown}: ${issue.message}`;
    });
    throw new SitrepError('bad_config', `bad configuration:\n${lines.join('\n')}\nfix or unset these variables (README, "Configuration")`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.SITREP_LOG_LEVEL,
    trustProxy: env.SITREP_TRUST_PROXY,
    shutdownSeconds: env.SITREP_SHUTDOWN_SECONDS,
    http: {
      apiToken: env.SITREP_API_TOKEN ?? null,
      corsOrigins: env.SITREP_CORS_ORIGINS,
      rateLimit: env.SITREP_RATE_LIMIT > 0 ? { limit: env.SITREP_RATE_LIMIT, windowSeconds: env.SITREP_RATE_LIMIT_WINDOW } : null,
      maxBodyBytes: env.SITREP_MAX_BODY_BYTES,
      maxQuestionChars: env.SITREP_MAX_QUESTION_CHARS,
      answerCacheSize: env.SITREP_ANSWER_CACHE,
    },
    env,
  };
}
