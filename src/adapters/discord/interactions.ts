import type { APIApplicationCommandOptionChoice, APIInteractionResponse } from 'discord-api-types/v10';
import { z } from 'zod';
import { INTERACTION_TYPE, MESSAGE_FLAG, RESPONSE_TYPE } from './api.ts';
import { BRIEF_COMMAND, HELP_COMMAND, PRIVATE_OPTION, QUESTION_OPTION } from './commands.ts';
import { apologyReply, autocompleteChoices, briefReply, componentReply, helpReply, rememberAnswerMessage, type BriefDeps, type BriefPlace } from './brief.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import type { InteractionWebhook } from './webhook-api.ts';

const OptionSchema = z.object({
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
});

const UserSchema = z.looseObject({ id: z.string(), username: z.string().optional(), global_name: z.string().nullable().optional() });

/** The part of an interaction payload this adapter reads; everything else passes through untouched. */
export const InteractionSchema = z.looseObject({
  type: z.number().int(),
  application_id: z.string().optional(),
  token: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.looseObject({ id: z.string(), type: z.number().int().optional() }).optional(),
  member: z.looseObject({ user: UserSchema.optional() }).optional(),
  user: UserSchema.optional(),
  data: z.looseObject({
    name: z.string().optional(),
    options: z.array(OptionSchema).max(25).optional(),
    custom_id: z.string().max(100).optional(),
  }).optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export type InteractionResult =
  | { status: 200; body: APIInteractionResponse; later?: () => Promise<void> }
  | { status: 400; body: { error: string } };

/** The endpoint's extras: when to defer, and how to edit the deferred response. */
export interface InteractionDeps extends BriefDeps {
  /** answer in the response when ready within this time, else defer (type 5) and edit @original */
  deferAfterMs?: number;
  webhook?: InteractionWebhook;
}

/** Discord wants the first response within 3 s; answers not ready within 2 s are deferred and edited in. */
export const DEFER_AFTER_MS = 1500;
/** Channel types of threads (announcement, public, private). */
const THREAD_TYPES = new Set([10, 11, 12]);
const COMPONENT = 3;
const DEFERRED = 5;

function optionValue(interaction: Interaction, name: string): string | number | boolean | undefined {
  return interaction.data?.options?.find((o) => o.name === name)?.value;
}

function reply(data: DiscordMessage, later?: () => Promise<void>): InteractionResult {
  return { status: 200, body: { type: RESPONSE_TYPE.ChannelMessageWithSource, data }, ...(later ? { later } : {}) };
}

function choices(list: APIApplicationCommandOptionChoice<string>[]): InteractionResult {
  return { status: 200, body: { type: RESPONSE_TYPE.AutocompleteResult, data: { choices: list } } };
}

function userOf(interaction: Interaction): { id: string; name: string } | null {
  const user = interaction.member?.user ?? interaction.user;
  return user ? { id: user.id, name: user.global_name || user.username || 'someone' } : null;
}

/** Where a command was used, for its conversation; null for a payload without channel or user. */
export function placeOf(interaction: Interaction): BriefPlace | null {
  const channel = interaction.channel?.id ?? interaction.channel_id;
  const user = userOf(interaction);
  return channel && user ? { channel, user: user.id, inThread: THREAD_TYPES.has(interaction.channel?.type ?? -1) } : null;
}

function timer(ms: number): { promise: Promise<null>; cancel(): void } {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<null>((resolve) => { handle = setTimeout(() => resolve(null), ms); });
  return { promise, cancel: () => clearTimeout(handle) };
}

async function answerBrief(interaction: Interaction, question: string, ephemeral: boolean, deps: InteractionDeps): Promise<InteractionResult> {
  const place = placeOf(interaction) ?? undefined;
  const pending = briefReply(question, ephemeral, deps, place);
  const { application_id: appId, token } = interaction;
  const webhook = appId && token ? deps.webhook : undefined;
  // the answer message's id tells which thread a reply to it would be: remember its conversation under that id
  const remember = async (id: string | null) => { if (id && place) await rememberAnswerMessage(id, place, deps); };
  if (!webhook) return reply((await pending).message);
  const wait = timer(deps.deferAfterMs ?? DEFER_AFTER_MS);
  const early = await Promise.race([pending, wait.promise]).finally(wait.cancel);
  if (early) return reply(early.message, early.answerId ? async () => remember(await webhook.originalId(appId!, token!)) : undefined);
  return {
    status: 200,
    body: { type: DEFERRED, ...(ephemeral ? { data: { flags: MESSAGE_FLAG.Ephemeral } } : {}) } as APIInteractionResponse,
    later: async () => {
      let message: DiscordMessage;
      try {
        message = (await pending).message;
      } catch (error) {
        deps.logger.error({ msg: 'discord interaction failed', command: BRIEF_COMMAND, error });
        message = apologyReply();
      }
      await remember(await webhook.editOriginal(appId!, token!, message));
    },
  };
}

async function answerCommand(interaction: Interaction, deps: InteractionDeps): Promise<InteractionResult> {
  const name = interaction.data?.name;
  if (name === HELP_COMMAND) return reply(await helpReply(deps));
  if (name !== BRIEF_COMMAND) return reply(buildMessage({ content: `I don't know the command "${name ?? ''}". Try /${HELP_COMMAND}.`, ephemeral: true }));
  const question = optionValue(interaction, QUESTION_OPTION);
  if (typeof question !== 'string' || !question.trim()) return reply(await helpReply(deps));
  return answerBrief(interaction, question, optionValue(interaction, PRIVATE_OPTION) === true, deps);
}

/**
 * Answers one verified interaction: PING -> PONG; /brief -> the answer (type 4) when ready within
 * `deferAfterMs`, else type 5 and an edit of @original in `later`; /brief-help -> a message; a button -> feedback
 * thanks or the shared answer; autocomplete -> choices (type 8); anything else -> 400. Failures become an apology.
 */
export async function respondToInteraction(interaction: Interaction, deps: InteractionDeps): Promise<InteractionResult> {
  try {
    switch (interaction.type) {
      case INTERACTION_TYPE.Ping:
        return { status: 200, body: { type: RESPONSE_TYPE.Pong } };
      case INTERACTION_TYPE.ApplicationCommand:
        return await answerCommand(interaction, deps);
      case INTERACTION_TYPE.Autocomplete: {
        const focused = interaction.data?.options?.find((o) => o.focused);
        return choices(await autocompleteChoices(typeof focused?.value === 'string' ? focused.value : '', deps));
      }
      case COMPONENT: {
        const user = userOf(interaction);
        const customId = interaction.data?.custom_id;
        if (!user || !customId) return { status: 400, body: { error: 'a component interaction needs a user and a custom_id' } };
        return reply(await componentReply(customId, user, placeOf(interaction)?.channel ?? '', deps));
      }
      default:
        return { status: 400, body: { error: `unsupported interaction type ${interaction.type}` } };
    }
  } catch (error) {
    deps.logger.error({ msg: 'discord interaction failed', type: interaction.type, command: interaction.data?.name, error });
    return interaction.type === INTERACTION_TYPE.Autocomplete ? choices([]) : reply(apologyReply());
  }
}
