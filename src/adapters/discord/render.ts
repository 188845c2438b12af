import { formatNumber } from '../../core/annotate/numbers.ts';
import { KIND_TITLE } from '../../core/answer/answer-figures.ts';
import type { EmbedFieldSpec } from './embed.ts';
import { buildEmbed, markdownLink } from './embed.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import { formatDate, formatShortDate } from '../../core/annotate/dates.ts';
import type { Answer, Citation, Figure } from '../../core/schema.ts';

const COLOR_ANSWERED = 0x2b6cb0;
const COLOR_NOT_COVERED = 0x718096;

/** "[1] [Title](url) · Source, 24 Dec 2025": one line per citation, linked when the article has a URL. */
export function renderSourceLines(citations: Citation[]): string {
  return citations
    .map((c) => {
      const when = `${formatShortDate(c.published)} ${c.published.slice(0, 4)}`;
      return `[${c.n}] ${markdownLink(c.title, c.url)} · ${c.source ? `${c.source}, ${when}` : when}`;
    })
    .join('\n');
}

function figureField(figure: Figure, citations: Citation[]): EmbedFieldSpec {
  const n = citations.find((c) => c.id === figure.articleId)?.n;
  const amount = [figure.qualifier, formatNumber(figure.value), figure.unit, figure.scope].filter(Boolean).join(' ');
  const lines = [`${amount}${n ? ` [${n}]` : ''}`];
  if (figure.claimant) lines.push(`per ${figure.claimant}`);
  return { name: `${KIND_TITLE[figure.kind]} · ${formatShortDate(figure.asOf)}`, value: lines.join('\n'), inline: true };
}

/** An Answer as one Discord message: the answer, figures side by side as fields, linked sources, as-of footer. */
export function renderAnswerMessage(answer: Answer, options: { ephemeral?: boolean } = {}): DiscordMessage {
  const hasSources = answer.citations.length > 0;
  const embed = buildEmbed({
    title: answer.question.trim() || 'sitrep',
    description: answer.answer,
    trimNote: hasSources ? '… (answer shortened: see the sources below)' : '…',
    appendix: hasSources ? `**Sources**\n${renderSourceLines(answer.citations)}` : undefined,
    fields: answer.figures.map((f) => figureField(f, answer.citations)),
    footer: answer.asOf ? `${answer.answered ? 'As of' : 'Sources up to'} ${formatDate(answer.asOf)} · sitrep` : 'sitrep',
    color: answer.answered ? COLOR_ANSWERED : COLOR_NOT_COVERED,
  });
  return buildMessage({ embeds: [embed], ephemeral: options.ephemeral });
}
