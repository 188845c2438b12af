import { Hono } from 'hono';
import type { Clock } from '../../core/schema.ts';
import type { BriefDeps } from './brief.ts';
import { InteractionSchema, respondToInteraction } from './interactions.ts';
import { verifyDiscordRequest } from './verify.ts';

/** Interaction payloads are a few KiB; anything far larger is not from Discord. */
const MAX_BODY_BYTES = 64 * 1024;

export interface DiscordRoutesDeps extends BriefDeps {
  /** the application's public key (DISCORD_PUBLIC_KEY), 64 hex characters */
  publicKey: string;
  clock: Clock;
}

/** `POST /interactions`, to mount under `/discord`: signature check, then PING, commands and autocomplete. */
export function createDiscordRoutes(deps: DiscordRoutesDeps): Hono {
  const app = new Hono();
  app.post('/interactions', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.byteLength > MAX_BODY_BYTES) return c.json({ error: 'request body too large' }, 413);
    const verified = await verifyDiscordRequest({
      publicKey: deps.publicKey,
      signature: c.req.header('x-signature-ed25519'),
      timestamp: c.req.header('x-signature-timestamp'),
      body,
      now: deps.clock.now(),
    });
    if (!verified.ok) return c.json({ error: `unauthorized: ${verified.reason}` }, 401);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    const parsed = InteractionSchema.safeParse(json);
    if (!parsed.success) return c.json({ error: `not an interaction: ${parsed.error.issues[0]?.message ?? 'invalid'}` }, 400);
    const result = await respondToInteraction(parsed.data, deps);
    return c.json(result.body, result.status);
  });
  return app;
}

/** The mount for the HTTP app's `extraRoutes`: POST /discord/interactions, the same on Node and on Workers. */
export function discordMount(deps: DiscordRoutesDeps): { path: string; app: Hono } {
  return { path: '/discord', app: createDiscordRoutes(deps) };
}
