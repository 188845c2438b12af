import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { apologyReply, autocompleteChoices, briefReply, componentReply, helpReply, rememberAnswerMessage, withBriefDefaults, type BriefDeps } from './brief.ts';
import { DEFER_AFTER_MS } from './interactions.ts';
import { BRIEF_COMMAND, HELP_COMMAND, PRIVATE_OPTION, QUESTION_OPTION } from './commands.ts';
import type { DiscordMessage } from './message.ts';
import type { Logger } from '../logger.ts';


export interface DiscordClientDeps extends BriefDeps {
  deferAfterMs?: number;
}

/** Our message body in discord.js's option shape (it rebuilds allowed_mentions from `allowedMentions`). */
function toOptions(message: DiscordMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: message.allowed_mentions,
    ...(message.flags ? { flags: message.flags } : {}),
    ...(message.components ? { components: message.components } : {}),
  };
}

function later(ms: number): { promise: Promise<null>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function answerBrief(interaction: ChatInputCommandInteraction, deps: DiscordClientDeps): Promise<void> {
  const question = interaction.options.getString(QUESTION_OPTION, true);
  const ephemeral = interaction.options.getBoolean(PRIVATE_OPTION) ?? false;
  const place = { channel: interaction.channelId, user: interaction.user.id, inThread: interaction.channel?.isThread() ?? false };
  const pending = briefReply(question, ephemeral, deps, place);
  const timer = later(deps.deferAfterMs ?? DEFER_AFTER_MS);
  const early = await Promise.race([pending, timer.promise]).finally(timer.cancel);
  let messageId: string;
  if (early) {
    messageId = (await interaction.reply({ ...toOptions(early.message), withResponse: true })).resource?.message?.id ?? '';
  } else {
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    // An edit keeps the visibility chosen when deferring; it takes no flags.
    messageId = (await interaction.editReply(toOptions({ ...(await pending).message, flags: undefined }))).id;
  }
  // a thread started from this message continues the conversation
  if (messageId) await rememberAnswerMessage(messageId, place, deps).catch((error: unknown) => deps.logger.warn({ msg: 'discord: conversation store failed', error }));
}

async function apologize(interaction: ChatInputCommandInteraction, deps: DiscordClientDeps, error: unknown): Promise<void> {
  deps.logger.error({ msg: 'discord command failed', command: interaction.commandName, error });
  const apology = toOptions(apologyReply());
  try {
    if (interaction.deferred && !interaction.replied) await interaction.deleteReply();
    if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
    else await interaction.reply(apology);
  } catch (replyError) {
    deps.logger.error({ msg: 'discord apology failed', command: interaction.commandName, error: replyError });
  }
}

async function suggest(interaction: AutocompleteInteraction, deps: DiscordClientDeps): Promise<void> {
  try {
    await interaction.respond(await autocompleteChoices(interaction.options.getFocused(), deps));
  } catch (error) {
    deps.logger.error({ msg: 'discord autocomplete failed', error });
  }
}

/** Routes one gateway interaction: `/brief`, `/brief-help` and the question's autocomplete; ignores the rest. */
export async function handleGatewayInteraction(interaction: Interaction, deps: DiscordClientDeps): Promise<void> {
  if (interaction.isAutocomplete() && interaction.commandName === BRIEF_COMMAND) return suggest(interaction, deps);
  if (interaction.isButton()) {
    try {
      const user = { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username };
      await interaction.reply(toOptions(await componentReply(interaction.customId, user, interaction.channelId, deps)));
    } catch (error) {
      deps.logger.error({ msg: 'discord button failed', error });
    }
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  try {
    if (interaction.commandName === BRIEF_COMMAND) await answerBrief(interaction, deps);
    else if (interaction.commandName === HELP_COMMAND) await interaction.reply(toOptions(await helpReply(deps)));
  } catch (error) {
    await apologize(interaction, deps, error);
  }
}

/** A discord.js client (Guilds intent only) that answers sitrep's commands; `login(token)` connects it. */
export function createDiscordClient(clientDeps: DiscordClientDeps, options: Partial<ClientOptions> = {}): Client {
  const deps = { ...clientDeps, ...withBriefDefaults(clientDeps) };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, ...options });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleGatewayInteraction(interaction, deps);
  });
  return client;
}

/** Connects in the background: logs when the gateway is ready or the login fails, and never throws. */
export function connectDiscordClient(client: Client, token: string, logger: Logger): void {
  client.once(Events.ClientReady, (ready) => logger.info({ msg: 'discord gateway connected', user: ready.user.tag }));
  client.login(token).catch((error: unknown) => logger.error({ msg: 'discord login failed', error }));
}
