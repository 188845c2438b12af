import { Hono, type Context } from 'hono';
import { handleHomeOpened } from './app-home.ts';
import type { DedupStore } from './dedup-store.ts';
import { handleAction } from './flow-action.ts';
import { handleCommand } from './flow-command.ts';
import { handleChatEvent } from './flow-event.ts';
import { AppHomeOpenedSchema, BlockActionsSchema, ChatEventSchema, EventCallbackSchema, SlashCommandSchema, UrlVerificationSchema } from './payloads.ts';
import { withSlackDefaults, type SlackResponderDeps } from './respond.ts';
import { fetchSlackOut } from './slack-out.ts';
import { verifySlackSignature } from './verify-signature.ts';

/** What the Worker hands the Slack route: secrets, a dedup store, a clock and (for tests) the API's address. */
export interface SlackEdgeDeps extends SlackResponderDeps {
  signingSecret: string;
  /** needed for everything but slash commands (their answers go to response_url) */
  botToken?: string;
  apiUrl?: string;
  fetch?: typeof fetch;
  dedup: DedupStore;
  /** ms since epoch, for the signature's 5-minute window */
  now: () => number;
  /** runs work after the response (Workers: ctx.waitUntil); defaults to the request's execution context */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** Slack's own payloads are a few KiB; anything far larger is not from Slack. */
const MAX_BODY_BYTES = 64 * 1024;

function backgroundRunner(c: Context, deps: SlackEdgeDeps): (work: Promise<unknown>) => void {
  if (deps.waitUntil) return deps.waitUntil;
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return (work) => void work;
  }
}

/**
 * `POST /slack/events` for runtimes without Bolt (Workers): signature check, url_verification; slash commands
 * acknowledged at once and answered through response_url; mentions, DMs and thread replies answered with
 * chat.postMessage; button clicks and App Home; all slow work inside waitUntil, retries dropped.
 */
export function createSlackEdgeRoute(edge: SlackEdgeDeps): Hono {
  const deps = withSlackDefaults(edge);
  const out = fetchSlackOut({ ...(edge.botToken ? { token: edge.botToken } : {}), ...(edge.apiUrl ? { apiUrl: edge.apiUrl } : {}), ...(edge.fetch ? { fetch: edge.fetch } : {}) });
  const route = new Hono();
  route.post('/', async (c) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return c.body(null, 413);
    const rawBody = await c.req.raw.text();
    if (rawBody.length > MAX_BODY_BYTES) return c.body(null, 413);
    const contentType = c.req.header('content-type') ?? '';
    const isForm = contentType.startsWith('application/x-www-form-urlencoded');
    // Slack's ssl_check pings are unsigned; they get an empty 200 and nothing else
    if (isForm && new URLSearchParams(rawBody).get('ssl_check') === '1') return c.body(null, 200);
    const check = await verifySlackSignature({ signingSecret: edge.signingSecret, headers: c.req.raw.headers, rawBody, now: edge.now() });
    if (!check.ok) {
      deps.logger.warn({ msg: 'slack: refused an unverified request', reason: check.reason });
      return c.body(null, 401);
    }
    const background = backgroundRunner(c, edge);
    const later = (what: string, work: () => Promise<void>) => background(work().catch((error: unknown) => deps.logger.error({ msg: `slack: ${what} failed`, error })));
    if (isForm) {
      const form = new URLSearchParams(rawBody);
      const payload = form.get('payload');
      if (payload !== null) {
        let json: unknown;
        try { json = JSON.parse(payload); } catch { return c.json({ error: 'invalid JSON payload' }, 400); }
        const actions = BlockActionsSchema.safeParse(json);
        // other interactivity (shortcuts, views) is not used by sitrep: acknowledged, ignored
        if (!actions.success) return c.body(null, 200);
        if (!(await edge.dedup.claim(`action:${actions.data.trigger_id ?? actions.data.actions[0]!.action_ts ?? ''}`))) {
          deps.logger.info({ msg: 'slack: ignored a repeated click', triggerId: actions.data.trigger_id ?? null });
          return c.body(null, 200);
        }
        later('a button click', () => handleAction(actions.data, out, { ...deps, dedup: edge.dedup }));
        return c.body(null, 200);
      }
      const command = SlashCommandSchema.safeParse(Object.fromEntries(form));
      if (!command.success) return c.body(null, 200);
      const outcome = await handleCommand(command.data, deps);
      if (outcome.later) later('answering through response_url', () => outcome.later!(out));
      return c.json(outcome.ack);
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return c.json({ error: 'invalid JSON' }, 400);
    }
    const challenge = UrlVerificationSchema.safeParse(body);
    if (challenge.success) return c.json({ challenge: challenge.data.challenge });
    const delivery = EventCallbackSchema.safeParse(body);
    if (!delivery.success) return c.body(null, 200);
    if (!(await edge.dedup.claim(delivery.data.event_id))) {
      deps.logger.info({ msg: 'slack: ignored a repeated event', eventId: delivery.data.event_id, retry: c.req.header('x-slack-retry-num') ?? null });
      return c.body(null, 200);
    }
    if (!edge.botToken) {
      deps.logger.warn({ msg: 'slack: an event arrived but SLACK_BOT_TOKEN is not set' });
      return c.body(null, 200);
    }
    const home = AppHomeOpenedSchema.safeParse(delivery.data.event);
    if (home.success) {
      if (home.data.tab === 'home') later('publishing App Home', () => handleHomeOpened(home.data.user, out, deps));
      return c.body(null, 200);
    }
    const event = ChatEventSchema.safeParse(delivery.data.event);
    if (event.success) later('answering an event', () => handleChatEvent(event.data, delivery.data.authorizations?.[0]?.user_id, out, deps));
    return c.body(null, 200);
  });
  return route;
}
