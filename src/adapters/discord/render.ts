import { formatDate, formatShortDate } from '../../core/annotate/dates.ts';
import type { Answer, Citation } from '../../core/schema.ts';
import { answerLines, groupCitations, groupMarker } from '../answer-view.ts';
import { answerButtons } from './components.ts';
import { buildEmbed, clipText, markdownLink } from './embed.ts';
import { buildMessage, type DiscordMessage } from './message.ts';
import { discordPlainText } from './plain-text.ts';

const COLOR_ANSWERED = 0x2b6cb0;
const COLOR_NOT_COVERED = 0x718096;
const QUOTE_CHARS = 300;

/**
 * One line per cited article, "[1][3] [Title](url) · Source, 24 Dec 2025", linked when it has a URL, with its quoted
 * sentences under it as plain text (when `quotes` is set).
 */
export function renderSourceLines(citations: Citation[], options: { quotes?: boolean } = {}): string {
  return groupCitations(citations)
    .map((g) => {
      const when = `${formatShortDate(g.published)} ${g.published.slice(0, 4)}`;
      const line = `${groupMarker(g)} ${markdownLink(g.title, g.url)} · ${g.source ? `${discordPlainText(g.source)}, ${when}` : when}`;
      const quotes = options.quotes ? g.quotes.map((q) => `> ${discordPlainText(clipText(q, QUOTE_CHARS))}`) : [];
      return [line, ...quotes].join('\n');
    })
    .join('\n');
}

/** The answer's text as plain text: the core's "- " bullets become "•", everything else is escaped. */
function answerBody(answer: Answer): string {
  return answerLines(answer)
    .map((line) => {
      const bullet = /^[-*]\s+/.exec(line);
      return bullet ? `• ${discordPlainText(line.slice(bullet[0].length))}` : discordPlainText(line);
    })
    .join('\n');
}

export interface DiscordAnswerOptions {
  ephemeral?: boolean;
  /** the saved answer's id: adds Helpful / Not helpful (and Share when ephemeral) */
  answerId?: string | null;
  /** who shared a private answer into the channel */
  sharedBy?: string;
}

/**
 * An Answer as one Discord message: the answer (each figure once: the lead, then the other sources'), one source
 * line per article with its quotes, as-of footer, and the feedback / share buttons.
 */
export function renderAnswerMessage(answer: Answer, options: DiscordAnswerOptions = {}): DiscordMessage {
  const hasSources = answer.citations.length > 0;
  const embed = buildEmbed({
    title: answer.question.trim() || 'sitrep',
    description: answerBody(answer),
    trimNote: hasSources ? '… (answer shortened: see the sources below)' : '…',
    appendix: hasSources ? `**Sources**\n${renderSourceLines(answer.citations, { quotes: true })}` : undefined,
    footer: answer.asOf ? `${answer.answered ? 'As of' : 'Sources up to'} ${formatDate(answer.asOf)} · sitrep` : 'sitrep',
    color: answer.answered ? COLOR_ANSWERED : COLOR_NOT_COVERED,
  });
  return buildMessage({
    embeds: [embed],
    ephemeral: options.ephemeral,
    ...(options.sharedBy ? { content: `Shared by ${options.sharedBy}` } : {}),
    ...(options.answerId && !options.sharedBy ? { components: answerButtons(options.answerId, !!options.ephemeral) } : {}),
  });
}
