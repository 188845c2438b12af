import { formatDate } from '../../core/annotate/dates.ts';
import type { Answer } from '../../core/schema.ts';
import { answerLines, groupCitations, groupMarker } from '../answer-view.ts';
import type { SlackMessage } from './blocks.ts';
import { renderBlocks, type MessageDoc } from './render-blocks.ts';

/** Action ids of the buttons under an answer; their value is the saved answer's id. */
export const ACTION = { helpful: 'sitrep_helpful', notHelpful: 'sitrep_not_helpful', share: 'sitrep_share' } as const;

export interface AnswerRenderOptions {
  /** the saved answer's id: adds the helpful / not helpful buttons (and share, on a private answer) */
  answerId?: string | null;
  /** shown only to the asker: says which question it answers, and offers "Share in channel" */
  private?: boolean;
  /** who shared a private answer into the channel */
  sharedBy?: string;
}

/**
 * The Answer in plain terms: direct answer, supporting lines (each figure once: the lead, then the other sources'),
 * one source line per article with its quoted sentences, "as of", and the buttons.
 */
export function answerToDoc(answer: Answer, options: AnswerRenderOptions = {}): MessageDoc {
  const lines = answerLines(answer);
  const [lead = answer.answered ? '' : "My sources don't cover that.", ...rest] = lines;
  const supporting = rest.map((l) => l.replace(/^[-*]\s+/, '• '));
  const question = answer.question.trim();
  const context = options.sharedBy ? `Shared by ${options.sharedBy} · asked: ${question}` : options.private && question ? `You asked: ${question}` : undefined;
  const actions: NonNullable<MessageDoc['actions']> = [];
  if (options.answerId && !options.sharedBy) {
    actions.push({ text: 'Helpful', actionId: ACTION.helpful, value: options.answerId }, { text: 'Not helpful', actionId: ACTION.notHelpful, value: options.answerId });
    if (options.private) actions.push({ text: 'Share in channel', actionId: ACTION.share, value: options.answerId, style: 'primary' });
  }
  return {
    fallback: lead,
    lead,
    ...(context ? { context } : {}),
    sections: supporting.length ? [{ lines: supporting }] : [],
    sources: groupCitations(answer.citations).map((g) => ({ marker: groupMarker(g), title: g.title, source: g.source, published: g.published, url: g.url, quotes: g.quotes })),
    notes: answer.answered && answer.asOf ? [`As of ${formatDate(answer.asOf)}`] : [],
    actions,
  };
}

/** Renders an Answer as a Slack message (Block Kit plus notification text). */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  return renderBlocks(answerToDoc(answer, options));
}
