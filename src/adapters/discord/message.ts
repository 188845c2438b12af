import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { MESSAGE_FLAG } from './api.ts';
import { DISCORD_LIMITS, clipText, embedTextLength, neutralizeMentions } from './embed.ts';

/** A Discord message body as the API takes it (interaction responses, follow-ups, webhooks). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** always `{ parse: [] }`: nothing in a question or an article can ping anyone */
  allowed_mentions: { parse: [] };
  flags?: number;
  /** buttons (feedback, share) */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export interface MessageSpec {
  content?: string;
  embeds?: APIEmbed[];
  /** only the person who asked sees it (interaction responses only) */
  ephemeral?: boolean;
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** A message within Discord's limits: content cut to 2,000, at most 10 embeds and 6,000 embed characters in all. */
export function buildMessage(spec: MessageSpec): DiscordMessage {
  const embeds: APIEmbed[] = [];
  let total = 0;
  for (const embed of (spec.embeds ?? []).slice(0, DISCORD_LIMITS.embeds)) {
    const size = embedTextLength(embed);
    if (total + size > DISCORD_LIMITS.embedTotal) break;
    embeds.push(embed);
    total += size;
  }
  const message: DiscordMessage = { embeds, allowed_mentions: { parse: [] } };
  const content = clipText(neutralizeMentions(spec.content ?? '').trim(), DISCORD_LIMITS.content);
  if (content) message.content = content;
  if (spec.ephemeral) message.flags = MESSAGE_FLAG.Ephemeral;
  if (spec.components?.length) message.components = spec.components;
  return message;
}
