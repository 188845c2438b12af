import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from '../../helpers/seed-corpus.ts';

const ManifestSchema = z.object({
  display_information: z.object({ name: z.string().min(1).max(35), description: z.string().max(140), long_description: z.string().min(175).max(4000) }),
  features: z.object({
    bot_user: z.object({ display_name: z.string().min(1).max(80) }),
    app_home: z.object({ home_tab_enabled: z.literal(true), messages_tab_enabled: z.literal(true), messages_tab_read_only_enabled: z.literal(false) }),
    slash_commands: z.array(z.object({ command: z.string(), url: z.string().optional(), description: z.string().max(2000), usage_hint: z.string().max(1000) })).length(1),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string().optional(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string().optional() }),
    socket_mode_enabled: z.boolean(),
  }),
});
const read = (name: string) => ManifestSchema.parse(JSON.parse(readFileSync(`${ROOT}slack/${name}`, 'utf8')));

describe('Slack app manifests', () => {
  it.each(['manifest.json', 'manifest.socket-mode.json'])('%s asks for exactly what the app uses', (name) => {
    const m = read(name);
    expect(m.features.slash_commands[0]!.command).toBe('/brief');
    // thread replies without a mention (message.channels/groups + history scopes), the working reaction, App Home
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'reactions:write']);
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
  });
  it('points HTTP mode at /slack/events for commands and events, and Socket Mode at no URL', () => {
    const http = read('manifest.json');
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.features.slash_commands[0]!.url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(http.settings.event_subscriptions.request_url).toBe(http.features.slash_commands[0]!.url);
    expect(http.settings.interactivity.request_url).toBe(http.features.slash_commands[0]!.url);
    const socket = read('manifest.socket-mode.json');
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands[0]!.url).toBeUndefined();
    expect(socket.settings.event_subscriptions.request_url).toBeUndefined();
    expect(socket.settings.interactivity.request_url).toBeUndefined();
  });
});
