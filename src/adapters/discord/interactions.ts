import type { APIApplicationCommandOptionChoice, APIInteractionResponse } from 'discord-api-types/v10';
import { z } from 'zod';
import { INTERACTION_TYPE, RESPONSE_TYPE } from './api.ts';
import { BRIEF_COMMAND, HELP_COMMAND, PRIVATE_OPTION, QUESTION_OPTION } from './commands.ts';
import { apologyReply, autocompleteChoices, briefReply, helpReply, type BriefDeps } from './brief.ts';
import { buildMessage, type DiscordMessage } from './message.ts';

const OptionSchema = z.object({
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
});

/** The part of an interaction payload this adapter reads; everything else passes through untouched. */
export const InteractionSchema = z.looseObject({
  type: z.number().int(),
  data: z.looseObject({ name: z.string().optional(), options: z.array(OptionSchema).max(25).optional() }).optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export type InteractionResult =
  | { status: 200; body: APIInteractionResponse }
  | { status: 400; body: { error: string } };

function optionValue(interaction: Interaction, name: string): string | number | boolean | undefined {
  return interaction.data?.options?.find((o) => o.name === name)?.value;
}

function reply(data: DiscordMessage): InteractionResult {
  return { status: 200, body: { type: RESPONSE_TYPE.ChannelMessageWithSource, data } };
}

function choices(list: APIApplicationCommandOptionChoice<string>[]): InteractionResult {
  return { status: 200, body: { type: RESPONSE_TYPE.AutocompleteResult, data: { choices: list } } };
}

async function answerCommand(interaction: Interaction, deps: BriefDeps): Promise<InteractionResult> {
  const name = interaction.data?.name;
  if (name === HELP_COMMAND) return reply(await helpReply(deps));
  if (name !== BRIEF_COMMAND) return reply(buildMessage({ content: `I don't know the command "${name ?? ''}". Try /${HELP_COMMAND}.`, ephemeral: true }));
  const question = optionValue(interaction, QUESTION_OPTION);
  if (typeof question !== 'string' || !question.trim()) return reply(await helpReply(deps));
  return reply(await briefReply(question, optionValue(interaction, PRIVATE_OPTION) === true, deps));
}

/**
 * Answers one verified interaction: PING -> PONG, /brief and /brief-help -> a message (type 4),
 * autocomplete -> choices (type 8), anything else -> 400. Failures become an ephemeral apology and a log line.
 */
export async function respondToInteraction(interaction: Interaction, deps: BriefDeps): Promise<InteractionResult> {
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
      default:
        return { status: 400, body: { error: `unsupported interaction type ${interaction.type}` } };
    }
  } catch (error) {
    deps.logger.error({ msg: 'discord interaction failed', type: interaction.type, command: interaction.data?.name, error });
    return interaction.type === INTERACTION_TYPE.Autocomplete ? choices([]) : reply(apologyReply());
  }
}
