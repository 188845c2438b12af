import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../src/adapters/discord/commands.ts';
import { SitrepError } from '../../src/core/ingest/article-file.ts';
import { runDiscord, type DiscordCommandIo } from '../../src/index/commands/discord.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../helpers/fake-discord-api.ts';
import { runCli } from '../helpers/run-cli.ts';
import { fixedClock } from '../helpers/seed-corpus.ts';

const APP_ID = '1200000000000000001';
const clock = fixedClock();
let api: FakeDiscordApi;

beforeAll(async () => {
  api = await startFakeDiscordApi();
});
afterAll(async () => {
  await api.close();
});

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: DiscordCommandIo = { env, api: api.api, out: (t) => void out.push(t), err: (t) => void err.push(t) };
  return { value, out, err };
}

describe('sitrep discord register', () => {
  it('PUTs the command definitions to the application with the bot token', async () => {
    const { value, out } = io({ DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: APP_ID });
    expect(await runDiscord(['register'], clock, value)).toBe(0);
    const put = await api.waitFor((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/commands`);
    expect(put.headers.authorization).toBe('Bot bot-token');
    expect(put.body).toEqual(DISCORD_COMMANDS);
    expect(out.join('')).toMatch(/^registered \/brief, \/brief-help for every server/);
  });

  it('registers in one server with --guild', async () => {
    const { value, out } = io({ DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: APP_ID });
    expect(await runDiscord(['register', '--guild', '1300000000000000001'], clock, value)).toBe(0);
    const put = await api.waitFor((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/guilds/1300000000000000001/commands`);
    expect(put.body).toEqual(DISCORD_COMMANDS);
    expect(out.join('')).toContain('server 1300000000000000001');
  });

  it('--dry-run prints the JSON it would send and sends nothing, even without credentials', async () => {
    const before = api.requests.length;
    const { value, out, err } = io({});
    expect(await runDiscord(['register', '--dry-run', '--guild', '1300000000000000001'], clock, value)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual(DISCORD_COMMANDS);
    expect(err.join('')).toContain('/applications/<DISCORD_APPLICATION_ID>/guilds/1300000000000000001/commands');
    expect(api.requests.length).toBe(before);
  });

  it('says clearly which variable is missing', async () => {
    await expect(runDiscord(['register'], clock, io({ DISCORD_APPLICATION_ID: APP_ID }).value)).rejects.toThrow(/^DISCORD_TOKEN is not set\. .*developers\/applications/);
    await expect(runDiscord(['register'], clock, io({}).value)).rejects.toThrow(/^DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set/);
    await expect(runDiscord(['register'], clock, io({ DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: 'my-app' }).value)).rejects.toThrow(/DISCORD_APPLICATION_ID.*17 to 20 digits/);
  });

  it('refuses a bad subcommand or server id with the usage line', async () => {
    await expect(runDiscord([], clock, io({}).value)).rejects.toThrow(SitrepError);
    await expect(runDiscord(['unregister'], clock, io({}).value)).rejects.toThrow(/usage: sitrep discord register/);
    await expect(runDiscord(['register', '--guild', 'general'], clock, io({}).value)).rejects.toThrow(/--guild takes a server id/);
  });

  it('works from the real CLI: --dry-run prints the commands as JSON', () => {
    const result = runCli(['discord', 'register', '--dry-run']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(DISCORD_COMMANDS);
  });
});
