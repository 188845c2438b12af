import type { Env } from './config.ts';

/** A 404 under `prefix` says `hint`: what to set to turn that surface on. */
export interface OffRoute {
  prefix: string;
  hint: string;
}

/**
 * Hints for the chat surfaces that have no HTTP route here, so a request to /slack/* or /discord/* learns which
 * variable turns it on instead of a bare 404. `mounted` are the paths that are served.
 */
export function offRouteHints(env: Env, mounted: string[], runtime: 'node' | 'worker'): OffRoute[] {
  const on = (prefix: string) => mounted.some((path) => path === prefix || path.startsWith(`${prefix}/`));
  const hints: OffRoute[] = [];
  const set = (name: string) => (runtime === 'worker' ? `${name} (npx wrangler secret put ${name})` : name);
  if (!on('/slack')) {
    hints.push({
      prefix: '/slack',
      hint: runtime === 'node' && env.SLACK_APP_TOKEN
        ? 'Slack runs in Socket Mode here (SLACK_APP_TOKEN is set), which needs no HTTP route; for POST /slack/events unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.'
        : `Slack is off here: set ${set('SLACK_SIGNING_SECRET')}${runtime === 'node' ? ' and SLACK_BOT_TOKEN' : ''} to serve POST /slack/events (README, "Add to Slack").`,
    });
  }
  if (!on('/discord')) {
    hints.push({
      prefix: '/discord',
      hint: `Discord's interactions endpoint is off here: set ${set('DISCORD_PUBLIC_KEY')} to serve POST /discord/interactions (README, "Add to Discord").`,
    });
  }
  return hints;
}
