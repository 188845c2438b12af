// What the digest's Node-side global setup (test/helpers/digest-worker-setup.ts) hands to the Worker tests.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** fake Slack Web API and Discord webhook on 127.0.0.1; `url` also serves /__requests, /__script, /__reset */
    digestFakeApis: { url: string; slackApiUrl: string; discordWebhookUrl: string };
  }
}
