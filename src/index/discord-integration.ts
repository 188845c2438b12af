import type { Client } from 'discord.js';
import { withBriefDefaults } from '../adapters/discord/brief.ts';
import { coreBriefDeps } from '../adapters/discord/deps.ts';
import { discordMount } from '../adapters/discord/routes.ts';
import type { IntegrationFactory } from './node.ts';

export interface DiscordIntegrationOptions {
  /** Discord's REST base URL for the gateway client (tests point it at a local fake) */
  api?: string;
  deferAfterMs?: number;
}

/**
 * Discord in `sitrep serve`: the interactions endpoint at /discord/interactions when DISCORD_PUBLIC_KEY is set,
 * and a discord.js gateway client answering /brief when DISCORD_TOKEN is set.
 */
export function createDiscordIntegration(options: DiscordIntegrationOptions = {}): IntegrationFactory {
  return ({ config, corpus, getCorpus = () => Promise.resolve(corpus), clock, logger, store }) => {
    const { DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: publicKey } = config.env;
    if (!token && !publicKey) return { name: 'discord', status: { on: false, why: 'set DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY (interactions endpoint)' } };
    const deps = withBriefDefaults(coreBriefDeps(getCorpus, clock, logger, store));
    const modes = [token && 'gateway client', publicKey && 'POST /discord/interactions'].filter(Boolean);
    let client: Client | undefined;
    return {
      name: 'discord',
      status: { on: true, why: modes.join(' and ') },
      routes: publicKey ? [discordMount({ ...deps, publicKey, clock, ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}), ...(config.env.DISCORD_API_URL ? { apiUrl: config.env.DISCORD_API_URL } : {}) })] : [],
      async start() {
        if (!token) return;
        // discord.js loads only when the gateway is on; the login runs in the background so the HTTP API never waits on it.
        const { connectDiscordClient, createDiscordClient } = await import('../adapters/discord/client.ts');
        client = createDiscordClient({ ...deps, deferAfterMs: options.deferAfterMs }, options.api ? { rest: { api: options.api } } : {});
        connectDiscordClient(client, token, logger);
      },
      async stop() {
        await client?.destroy();
      },
    };
  };
}
