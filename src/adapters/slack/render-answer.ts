import { formatNumber } from '../../core/annotate/numbers.ts';
import { KIND_TITLE } from '../../core/answer/answer-figures.ts';
import { formatDate, formatShortDate } from '../../core/annotate/dates.ts';
import type { Answer, Figure } from '../../core/schema.ts';
import type { SlackMessage } from './blocks.ts';
import { renderBlocks, type MessageDoc, type MessageSection } from './render-blocks.ts';

function formatValue(f: Figure): string {
  return [f.qualifier, formatNumber(f.value), f.unit].filter(Boolean).join(' ');
}

/** One section of side-by-side fields per figure kind whose sources disagree, newest first. */
function conflictSections(answer: Answer): MessageSection[] {
  const citationOf = (articleId: string) => answer.citations.find((c) => c.id === articleId)?.n;
  const byKind = new Map<Figure['kind'], Figure[]>();
  for (const f of answer.figures) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const sections: MessageSection[] = [];
  for (const [kind, figures] of byKind) {
    if (new Set(figures.map((f) => f.value)).size < 2) continue;
    const newest = [...figures].sort((a, b) => b.asOf.localeCompare(a.asOf));
    sections.push({
      title: `${KIND_TITLE[kind]}: sources differ`,
      fields: newest.map((f) => {
        const n = citationOf(f.articleId);
        const detail = [f.scope, f.claimant ? `per ${f.claimant}` : null, `${formatShortDate(f.asOf)}${n ? ` [${n}]` : ''}`];
        return { label: formatValue(f), value: detail.filter(Boolean).join(' · ') };
      }),
    });
  }
  return sections;
}

/** The Answer in plain terms: direct answer, supporting lines, conflicting figures, sources, "as of". */
export function answerToDoc(answer: Answer): MessageDoc {
  const lines = answer.answer.split('\n').map((l) => l.trim()).filter(Boolean);
  const [lead = answer.answered ? '' : "My sources don't cover that.", ...rest] = lines;
  const supporting = rest.map((l) => l.replace(/^[-*]\s+/, '• '));
  return {
    fallback: lead,
    lead,
    sections: [...(supporting.length ? [{ lines: supporting }] : []), ...conflictSections(answer)],
    sources: answer.citations.map((c) => ({ n: c.n, title: c.title, source: c.source, published: c.published, url: c.url })),
    notes: answer.answered && answer.asOf ? [`As of ${formatDate(answer.asOf)}`] : [],
  };
}

/** Renders an Answer as a Slack message (Block Kit plus notification text). */
export function renderAnswer(answer: Answer): SlackMessage {
  return renderBlocks(answerToDoc(answer));
}
