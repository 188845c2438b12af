import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_CONFIG } from '../../src/adapters/http/app.ts';
import { loadConfig } from '../../src/index/config.ts';

describe('configuration', () => {
  it('starts with no variables at all: port 8787, no token, default limits, no CORS', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.host).toBeUndefined();
    expect(config.http).toEqual(DEFAULT_HTTP_CONFIG);
    expect(config.logLevel).toBe('info');
    expect(config.shutdownSeconds).toBe(10);
  });

  it('reads every HTTP variable', () => {
    const config = loadConfig({
      PORT: '9000', HOST: '127.0.0.1', SITREP_API_TOKEN: 'x'.repeat(32), SITREP_CORS_ORIGINS: 'https://a.example, http://localhost:3000/',
      SITREP_RATE_LIMIT: '10', SITREP_RATE_LIMIT_WINDOW: '30', SITREP_MAX_BODY_BYTES: '4096', SITREP_MAX_QUESTION_CHARS: '200',
      SITREP_TRUST_PROXY: 'true', SITREP_LOG_LEVEL: 'warn', SITREP_ANSWER_CACHE: '0', SITREP_SHUTDOWN_SECONDS: '25',
    });
    expect(config).toMatchObject({ port: 9000, host: '127.0.0.1', trustProxy: true, logLevel: 'warn', shutdownSeconds: 25 });
    expect(config.http).toEqual({
      apiToken: 'x'.repeat(32), corsOrigins: ['https://a.example', 'http://localhost:3000'],
      rateLimit: { limit: 10, windowSeconds: 30 }, maxBodyBytes: 4096, maxQuestionChars: 200, answerCacheSize: 0,
    });
  });

  it('treats empty variables as unset and SITREP_RATE_LIMIT=0 as off', () => {
    const config = loadConfig({ SITREP_API_TOKEN: '', PORT: '', SITREP_RATE_LIMIT: '0' });
    expect(config.http.apiToken).toBeNull();
    expect(config.port).toBe(8787);
    expect(config.http.rateLimit).toBeNull();
  });

  it('keeps the Slack, Discord and digest variables for their adapters', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DIGEST_SLACK_CHANNEL: 'C1' });
    expect(config.env).toMatchObject({ SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DIGEST_SLACK_CHANNEL: 'C1' });
  });

  it('ignores non-string bindings of a Worker env', () => {
    expect(loadConfig({ SITREP_RATE_LIMIT: '5', SOME_KV: { get() {} } }).http.rateLimit?.limit).toBe(5);
  });

  it('fails fast naming each bad variable and how to fix it, without echoing secrets', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', SITREP_API_TOKEN: 'short', SITREP_CORS_ORIGINS: 'https://a.example/path', SITREP_LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT="eighty": must be a whole number from 0 to 65535');
    expect(message).toContain('SITREP_API_TOKEN(value hidden): must be at least 16 characters');
    expect(message).toContain('SITREP_CORS_ORIGINS');
    expect(message).toContain('SITREP_LOG_LEVEL="loud": must be one of info, warn, error, silent');
    expect(message).not.toContain('short');
    expect(message).toMatch(/fix or unset/);
  });
});
