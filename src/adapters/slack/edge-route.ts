import { Hono, type Context } from 'hono';
import type { DedupStore } from './dedup-store.ts';
import { ChatEventSchema, EventCallbackSchema, SlashCommandSchema, UrlVerificationSchema } from './payloads.ts';
import { planEventReply, replyToChat, replyToCommand, type SlackResponderDeps } from './respond.ts';
import { verifySlackSignature } from './verify-signature.ts';
import { postMessage, type SlackApiConfig } from './web-api.ts';

/** What the Worker hands the Slack route: secrets, a dedup store, a clock and (for tests) the API's address. */
export interface SlackEdgeDeps extends SlackResponderDeps {
  signingSecret: string;
  /** needed to answer mentions and direct messages; slash commands are answered without it */
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

async function answerEvent(body: unknown, deps: SlackEdgeDeps): Promise<void> {
  const delivery = EventCallbackSchema.safeParse(body);
  if (!delivery.success) return;
  const event = ChatEventSchema.safeParse(delivery.data.event);
  const plan = event.success ? planEventReply(event.data, delivery.data.authorizations?.[0]?.user_id) : null;
  if (!plan) return;
  if (!deps.botToken) {
    deps.logger.warn({ msg: 'slack: a mention or DM arrived but SLACK_BOT_TOKEN is not set' });
    return;
  }
  const message = await replyToChat(plan, deps);
  const api: SlackApiConfig = { token: deps.botToken, ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  await postMessage({ channel: plan.channel, ...(plan.thread_ts ? { thread_ts: plan.thread_ts } : {}), text: message.text, blocks: message.blocks }, api);
}

/**
 * `POST /slack/events` for runtimes without Bolt (Workers): signature check, url_verification, slash commands
 * answered in the acknowledgement, mentions and DMs answered after it with chat.postMessage, retries dropped.
 */
export function createSlackEdgeRoute(deps: SlackEdgeDeps): Hono {
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
    const check = await verifySlackSignature({ signingSecret: deps.signingSecret, headers: c.req.raw.headers, rawBody, now: deps.now() });
    if (!check.ok) {
      deps.logger.warn({ msg: 'slack: refused an unverified request', reason: check.reason });
      return c.body(null, 401);
    }
    if (isForm) {
      const command = SlashCommandSchema.safeParse(Object.fromEntries(new URLSearchParams(rawBody)));
      // interactivity payloads (buttons, shortcuts) are not used by sitrep: acknowledged, ignored
      if (!command.success) return c.body(null, 200);
      return c.json(await replyToCommand(command.data.text, command.data.command, deps));
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
    if (!(await deps.dedup.claim(delivery.data.event_id))) {
      deps.logger.info({ msg: 'slack: ignored a repeated event', eventId: delivery.data.event_id, retry: c.req.header('x-slack-retry-num') ?? null });
      return c.body(null, 200);
    }
    backgroundRunner(c, deps)(answerEvent(body, deps).catch((error: unknown) => deps.logger.error({ msg: 'slack: answering an event failed', error })));
    return c.body(null, 200);
  });
  return route;
}
