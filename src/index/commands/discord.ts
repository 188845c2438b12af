import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { DISCORD_COMMANDS } from '../../adapters/discord/commands.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import type { Clock } from '../../core/schema.ts';
import { parseCommandArgs } from '../args.ts';
import { loadConfig } from '../config.ts';

const USAGE = 'sitrep discord register [--guild ID] [--dry-run]';
const SNOWFLAKE = /^\d{17,20}$/;

/** Where the command reads and writes: the real process by default, a fake Discord API and buffers in tests. */
export interface DiscordCommandIo {
  env: Record<string, string | undefined>;
  /** Discord's REST base URL (default https://discord.com/api) */
  api?: string;
  out(text: string): void;
  err(text: string): void;
}

const processIo: DiscordCommandIo = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `sitrep discord register [--guild ID] [--dry-run]`: puts /brief and /brief-help on the application. */
export async function runDiscord(argv: string[], _clock: Clock, io: DiscordCommandIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'register') throw new SitrepError('usage', `${sub ? `unknown subcommand "${sub}"` : 'missing subcommand'}\nusage: ${USAGE}`);
  const { values } = parseCommandArgs(rest, { guild: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
  const guild = values.guild;
  if (guild !== undefined && !SNOWFLAKE.test(guild)) throw new SitrepError('usage', `--guild takes a server id (17 to 20 digits; Discord: right-click the server, Copy Server ID)\nusage: ${USAGE}`);
  const { env } = loadConfig(io.env);
  const appId = env.DISCORD_APPLICATION_ID;
  const where = guild ? `server ${guild}` : 'every server (global)';
  const routeFor = (id: string) => (guild ? Routes.applicationGuildCommands(id, guild) : Routes.applicationCommands(id));
  if (values['dry-run']) {
    io.err(`dry run: would PUT ${decodeURIComponent(routeFor(appId ?? '<DISCORD_APPLICATION_ID>'))} with:\n`);
    io.out(`${JSON.stringify(DISCORD_COMMANDS, null, 2)}\n`);
    return 0;
  }
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((name) => !env[name]);
  if (missing.length) {
    throw new SitrepError('config', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. Copy them from https://discord.com/developers/applications ` +
      '(your application: General Information > Application ID; Bot > Reset Token) into the environment, then run this again. ' +
      '`--dry-run` shows what would be sent without them.');
  }
  const client = new REST({ version: '10', ...(io.api ? { api: io.api } : {}) }).setToken(env.DISCORD_TOKEN!);
  let registered: Array<{ name: string }>;
  try {
    registered = (await client.put(routeFor(appId!), { body: DISCORD_COMMANDS })) as Array<{ name: string }>;
  } catch (error) {
    const why = error instanceof DiscordAPIError ? `Discord said ${error.status}: ${error.message}` : (error as Error).message;
    const hint = error instanceof DiscordAPIError && error.status === 401 ? ' (check DISCORD_TOKEN: it is the bot token, not the public key)' : '';
    throw new SitrepError('discord_api', `registering the commands failed: ${why}${hint}`);
  }
  io.out(`registered ${registered.map((c) => `/${c.name}`).join(', ')} for ${where}${guild ? '' : '; global commands can take up to an hour to appear'}\n`);
  return 0;
}
