import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Answer } from '../../core/schema.ts';
import type { Logger } from '../logger.ts';
import { buildEmbed, clipText } from './embed.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import { renderAnswerMessage } from './render.ts';

/** What the Discord adapter needs from the outside: the core's answer and example questions. */
export interface BriefDeps {
  ask(question: string): Answer | Promise<Answer>;
  /** example questions matching what was typed so far, best first */
  suggest(typed: string): string[] | Promise<string[]>;
  logger: Logger;
}

const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;
const HELP_EXAMPLES = 6;

/** The reply to `/brief`: the core's answer rendered as one message. */
export async function briefReply(question: string, ephemeral: boolean, deps: BriefDeps): Promise<DiscordMessage> {
  return renderAnswerMessage(await deps.ask(question), { ephemeral });
}

/** The reply to `/brief-help`, shown only to the person who asked. */
export async function helpReply(deps: BriefDeps): Promise<DiscordMessage> {
  const examples = (await deps.suggest('')).slice(0, HELP_EXAMPLES).map((q) => `• ${q}`).join('\n');
  const embed = buildEmbed({
    title: 'Ask sitrep',
    description:
      '`/brief question: …` answers from the news articles sitrep follows. Every answer cites the sentences it rests on, ' +
      'says as of which date, and shows disagreeing figures side by side. Set `private: True` to see the answer yourself only.' +
      (examples ? `\n\n**Try**\n${examples}` : ''),
  });
  return buildMessage({ embeds: [embed], ephemeral: true });
}

/** A short apology for when answering failed; the details go to the log, never to the channel. */
export function apologyReply(): DiscordMessage {
  return buildMessage({ content: "Sorry, I couldn't answer that just now. Please try again in a minute.", ephemeral: true });
}

/** Autocomplete choices: what was typed (so it stays submittable), then matching example questions. */
export async function autocompleteChoices(typed: string, deps: BriefDeps): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const own = typed.trim() ? [clipText(typed.trim(), MAX_CHOICE_CHARS)] : [];
  const suggestions = (await deps.suggest(typed)).filter((q) => q.length <= MAX_CHOICE_CHARS);
  return [...new Set([...own, ...suggestions])].slice(0, MAX_CHOICES).map((q) => ({ name: q, value: q }));
}
