import { formatDate } from '../../core/annotate/dates.ts';
import { digestSections } from '../../core/digest/digest-sections.ts';
import type { Digest } from '../../core/digest/digest-schema.ts';
import { buildEmbed } from './embed.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import { renderSourceLines } from './render.ts';

const COLOR_DIGEST = 0x2f855a;
const COLOR_EMPTY = 0x718096;

/** A Digest as one Discord message (a webhook body): sections in the description, linked sources, as-of footer. */
export function renderDigestMessage(digest: Digest): DiscordMessage {
  const body = digestSections(digest).map((s) => `**${s.title}**\n${s.lines.map((l) => `• ${l}`).join('\n')}`).join('\n\n');
  const hasSources = digest.citations.length > 0;
  const embed = buildEmbed({
    title: digest.headline,
    description: body || 'Nothing new and nothing scheduled in the sources.',
    trimNote: hasSources ? '… (digest shortened: see the sources below)' : '…',
    appendix: hasSources ? `**Sources**\n${renderSourceLines(digest.citations)}` : undefined,
    footer: digest.asOf ? `As of ${formatDate(digest.asOf)} · sitrep daily digest` : 'sitrep daily digest',
    color: digest.empty ? COLOR_EMPTY : COLOR_DIGEST,
  });
  return buildMessage({ embeds: [embed] });
}
