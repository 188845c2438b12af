import { App, LogLevel, SocketModeReceiver, type Authorize, type Logger, type RespondFn, type webApi } from '@slack/bolt';
import { handleHomeOpened } from './app-home.ts';
import { handleAction } from './flow-action.ts';
import { handleCommand } from './flow-command.ts';
import { handleChatEvent } from './flow-event.ts';
import type { SlackOut } from './slack-out.ts';
import { FetchReceiver } from './bolt-receiver.ts';
import { MemoryDedupStore, type DedupStore } from './dedup-store.ts';
import { BlockActionsSchema, ChatEventSchema, SlashCommandSchema } from './payloads.ts';
import type { Logger as SitrepLogger } from '../logger.ts';
import { withSlackDefaults, type SlackFlowDeps, type SlackResponderDeps } from './respond.ts';

/** What `sitrep serve` hands the Slack adapter on Node. */
export interface BoltSlackOptions extends SlackResponderDeps {
  botToken: string;
  /** HTTP mode (requests arrive on /slack/events of sitrep's own server) */
  signingSecret?: string;
  /** Socket Mode, used whenever set */
  appToken?: string;
  /** e.g. `{ slackApiUrl }` to talk to a local fake Slack API */
  clientOptions?: webApi.WebClientOptions;
  dedup?: DedupStore;
  now?: () => number;
}

export interface BoltSlack {
  app: App;
  mode: 'http' | 'socket';
  receiver: FetchReceiver | SocketModeReceiver;
  /** HTTP mode: answers one request from Slack (mounted on /slack/events) */
  handle?: (request: Request) => Promise<Response>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bolt logs free-form arguments; sitrep logs one structured line per event. */
function toBoltLogger(logger: SitrepLogger): Logger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]) => ({ msg: 'slack: bolt', detail: args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ') });
  return {
    debug: () => {},
    info: (...args) => logger.info(line(args)),
    warn: (...args) => logger.warn(line(args)),
    error: (...args) => logger.error(line(args)),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * One auth.test per process (retried after a failure) tells Bolt the bot's own ids, so it ignores itself, and
 * its team, so listeners get a client that carries the bot token.
 */
function cachedAuthorize(client: () => webApi.WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botUserId?: string; botId?: string; teamId?: string }> | null = null;
  return async () => {
    identity ??= client().auth.test({ token: botToken })
      .then((r) => ({
        ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.team_id ? { teamId: r.team_id } : {}),
      }))
      .catch((error: unknown) => { identity = null; throw error; });
    return { botToken, ...(await identity) };
  };
}

/** Bolt's WebClient and a listener's `respond` as the flow's SlackOut. */
function boltOut(client: webApi.WebClient, respond?: RespondFn): SlackOut {
  return {
    call: (method, args) => client.apiCall(method, args),
    respond: async (_url, message) => {
      if (!respond) throw new Error('no response_url on this request');
      await respond(message as Parameters<RespondFn>[0]);
    },
  };
}

/** Registers sitrep's listeners: /brief, mentions, direct messages, thread replies, buttons and App Home. */
function registerListeners(app: App, deps: SlackFlowDeps, dedup: DedupStore): void {
  // Events are acknowledged before middleware runs, so a retried delivery can simply be dropped here; a button
  // click delivered twice carries the same trigger_id and is acknowledged and dropped the same way
  app.use(async ({ body, next, ...rest }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    const triggerId = (body as { type?: unknown; trigger_id?: unknown }).type === 'block_actions' ? (body as { trigger_id?: unknown }).trigger_id : undefined;
    const key = typeof eventId === 'string' ? eventId : typeof triggerId === 'string' ? `action:${triggerId}` : null;
    if (key && !(await dedup.claim(key))) {
      deps.logger.info({ msg: 'slack: ignored a repeated event', eventId: key });
      const ack = (rest as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await next();
  });

  app.command(/.*/, async ({ command, ack, respond, client }) => {
    const parsed = SlashCommandSchema.safeParse(command);
    if (!parsed.success) return ack();
    const outcome = await handleCommand(parsed.data, deps);
    await ack(outcome.ack);
    await outcome.later?.(boltOut(client, respond)).catch((error: unknown) => deps.logger.error({ msg: 'slack: answering through response_url failed', error }));
  });

  const answerChat = async (raw: unknown, client: webApi.WebClient, botUserId: string | undefined) => {
    const parsed = ChatEventSchema.safeParse(raw);
    if (!parsed.success) return;
    try {
      await handleChatEvent(parsed.data, botUserId, boltOut(client), deps);
    } catch (error) {
      deps.logger.error({ msg: 'slack: chat.postMessage failed', error });
    }
  };
  app.event('app_mention', async ({ event, client, context }) => answerChat(event, client, context.botUserId));
  app.message(async ({ message, client, context }) => answerChat(message, client, context.botUserId));
  app.action(/^sitrep_/, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = BlockActionsSchema.safeParse(body);
    if (parsed.success) await handleAction(parsed.data, boltOut(client, respond), { ...deps, dedup });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await handleHomeOpened(event.user, boltOut(client), deps);
  });
  app.error(async (error) => { deps.logger.error({ msg: 'slack: listener error', error }); });
}

/** Builds the Bolt app: Socket Mode when an app token is given, else HTTP mode through a FetchReceiver. */
export function createBoltSlack(options: BoltSlackOptions): BoltSlack {
  const logger = toBoltLogger(options.logger);
  const dedup = options.dedup ?? new MemoryDedupStore();
  let app: App | undefined;
  const authorize = cachedAuthorize(() => app!.client, options.botToken);
  const common = { authorize, logger, ...(options.clientOptions ? { clientOptions: { ...options.clientOptions } } : {}) };
  let slack: BoltSlack;
  if (options.appToken) {
    const receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: options.clientOptions ?? {} } });
    app = new App({ ...common, receiver, socketMode: true });
    slack = { app, mode: 'socket', receiver, start: async () => { await app!.start(); }, stop: async () => { await app!.stop(); } };
  } else {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    const receiver = new FetchReceiver({ signingSecret: options.signingSecret, logger: options.logger, ...(options.now ? { now: options.now } : {}) });
    app = new App({ ...common, receiver });
    slack = { app, mode: 'http', receiver, handle: (request) => receiver.handle(request), start: async () => {}, stop: async () => {} };
  }
  registerListeners(app, withSlackDefaults(options), dedup);
  return slack;
}
