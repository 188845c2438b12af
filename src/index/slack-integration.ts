import type { webApi } from '@slack/bolt';
import { aboutCorpus } from '../adapters/about.ts';
import { answerQuestion } from '../core/answer/answer.ts';
import { loadDigestConfig } from './digest-config.ts';
import type { IntegrationFactory } from './node.ts';
import { loadSlackConfig } from './slack-config.ts';

export interface SlackIntegrationOptions {
  /** the variables to read (`sitrep serve` passes process.env) */
  source: Record<string, unknown>;
  /** Bolt's WebClient options; tests set `slackApiUrl` to a local fake Slack API */
  clientOptions?: webApi.WebClientOptions;
}

/**
 * Slack in `sitrep serve`: Bolt in Socket Mode when SLACK_APP_TOKEN is set, otherwise Bolt in HTTP mode on
 * `POST /slack/events` of the same server. SLACK_BOT_TOKEN alone (the digest's) leaves it off.
 */
export function createSlackIntegration(options: SlackIntegrationOptions): IntegrationFactory {
  const { botToken, signingSecret, appToken, apiUrl, visibility } = loadSlackConfig(options.source);
  // Slack on means a bot token, and with one `sitrep serve` runs the digest schedule: nothing blocks the posts.
  const digest = { channel: loadDigestConfig(options.source).slack?.channel ?? null };
  return async ({ corpus, getCorpus = () => Promise.resolve(corpus), clock, logger, store }) => {
    if (!botToken || (!signingSecret && !appToken)) {
      return { name: 'slack', status: { on: false, why: 'set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)' } };
    }
    // Bolt loads only when Slack is on
    const { createBoltSlack } = await import('../adapters/slack/bolt-app.ts');
    const { createBoltRoute } = await import('../adapters/slack/bolt-route.ts');
    const clientOptions = options.clientOptions ?? (apiUrl ? { slackApiUrl: apiUrl } : undefined);
    const slack = createBoltSlack({
      ask: async (question, history) => answerQuestion(question, { corpus: await getCorpus(), clock, history }),
      logger, botToken, defaultVisibility: visibility, clock, digest,
      ...(store ? { store } : {}),
      about: aboutCorpus(getCorpus, clock),
      ...(appToken ? { appToken } : { signingSecret: signingSecret! }),
      ...(clientOptions ? { clientOptions } : {}),
    });
    return {
      name: 'slack',
      status: { on: true, why: slack.mode === 'socket' ? 'Socket Mode' : 'POST /slack/events' },
      routes: slack.handle ? [{ path: '/slack/events', app: createBoltRoute(slack.handle) }] : [],
      start() {
        // the Socket Mode connection is made in the background: the HTTP API never waits on Slack
        slack.start().catch((error: unknown) => logger.error({ msg: 'slack: Socket Mode connection failed', error }));
      },
      stop: () => slack.stop(),
    };
  };
}
