import { Hono } from 'hono';
import type { Clock } from '../../core/schema.ts';
import { withBriefDefaults } from './brief.ts';
import { InteractionSchema, respondToInteraction, type InteractionDeps } from './interactions.ts';
import { verifyDiscordRequest } from './verify.ts';
import { fetchInteractionWebhook } from './webhook-api.ts';

/** Interaction payloads are a few KiB; anything far larger is not from Discord. */
const MAX_BODY_BYTES = 64 * 1024;

export interface DiscordRoutesDeps extends InteractionDeps {
  /** the application's public key (DISCORD_PUBLIC_KEY), 64 hex characters */
  publicKey: string;
  clock: Clock;
  /** Discord's API base for editing deferred answers (default https://discord.com/api/v10; a fake in tests) */
  apiUrl?: string;
  /** runs work after the response (Workers: ctx.waitUntil); defaults to the request's execution context, else a detached promise */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** `POST /interactions`, to mount under `/discord`: signature check, then PING, commands and autocomplete. */
export function createDiscordRoutes(routeDeps: DiscordRoutesDeps): Hono {
  const deps = { webhook: fetchInteractionWebhook(routeDeps.apiUrl ? { apiUrl: routeDeps.apiUrl } : {}), ...routeDeps, ...withBriefDefaults(routeDeps) };
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
    if (result.status === 200 && result.later) {
      const work = result.later().catch((error: unknown) => deps.logger.error({ msg: 'discord: follow-up after the response failed', error }));
      if (deps.waitUntil) deps.waitUntil(work);
      else {
        try { c.executionCtx.waitUntil(work); } catch { /* Node: the promise runs on by itself */ }
      }
    }
    return c.json(result.body, result.status);
  });
  return app;
}

/** The mount for the HTTP app's `extraRoutes`: POST /discord/interactions, the same on Node and on Workers. */
export function discordMount(deps: DiscordRoutesDeps): { path: string; app: Hono } {
  return { path: '/discord', app: createDiscordRoutes(deps) };
}
