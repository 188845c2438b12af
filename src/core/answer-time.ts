import { articleOf, coverageOf, pickPassages, supportLine, type ComposeContext, type Composed } from './compose.ts';
import type { StoredEvent } from './corpus-index.ts';
import { formatDate, formatMonth, formatShortDate } from './dates.ts';

function eventLabel(event: StoredEvent): string {
  return event.date ? formatDate(event.date) : formatMonth(event.month!);
}

/**
 * When-questions: the date stated in the best-matching passages, resolved against each article's date,
 * preferring things still to come for "when is/will" and things past for "when did/was".
 */
export function answerWhen(ctx: ComposeContext, questionText: string): Composed | null {
  const future = !/\b(did|was|were|had|happened|began|started|signed|ended)\b/i.test(questionText);
  const candidates: Array<{ event: StoredEvent; rank: number }> = [];
  ctx.hits.slice(0, 12).forEach((hit, i) => {
    for (const event of ctx.corpus.eventsByPassage.get(hit.p) ?? []) {
      const tenseFits = event.future === future ? 1 : 0.6;
      const precise = event.date ? 1 : 0.7;
      candidates.push({ event, rank: (hit.score / (1 + i * 0.15)) * tenseFits * precise });
    }
  });
  if (!candidates.length) return null;
  candidates.sort((a, b) => b.rank - a.rank);
  const best = candidates[0]!.event;
  const lines = [`${eventLabel(best)} ${ctx.book.cite(best.p)}.`, supportLine(ctx, best.p)];
  const others = candidates.slice(1).filter((c) => c.event.p !== best.p && c.rank > candidates[0]!.rank * 0.5);
  for (const other of pickPassages(ctx, others.map((c) => ({ p: c.event.p, score: c.rank, coverage: 1 })), 2, new Set([best.p]))) {
    lines.push(supportLine(ctx, other));
  }
  return { lines, figures: [] };
}

/** The newest reports: each recent article's lead, newest first. */
export function answerLatest(ctx: ComposeContext): Composed | null {
  const articles = ctx.corpus.data.articles;
  if (!articles.length) return null;
  const newest = articles[0]!.published;
  const lines = [`Latest reports, as of ${formatDate(newest)}:`];
  let shown = 0;
  for (let a = 0; a < articles.length && shown < 3; a++) {
    const lead = ctx.corpus.articlePassages[a]?.find((p) => ctx.corpus.data.passages[p]![1] >= 0);
    if (lead === undefined) continue;
    lines.push(`- ${formatShortDate(articles[a]!.published)}: ${articles[a]!.title} - ${ctx.corpus.data.passages[lead]![2]} ${ctx.book.cite(lead)}`);
    shown++;
  }
  return { lines, figures: [] };
}

/** A dated sequence of events from the articles, oldest first, one line per date. */
export function answerTimeline(ctx: ComposeContext): Composed | null {
  const byDate = new Map<string, StoredEvent>();
  const relevant = ctx.concepts.length > 0;
  for (const event of ctx.corpus.data.events) {
    if (!event.date || event.future) continue;
    if (relevant && coverageOf(ctx, event.p) === 0) continue;
    const existing = byDate.get(event.date);
    if (!existing || (event.explicit && !existing.explicit)) byDate.set(event.date, event);
  }
  const events = [...byDate.values()].sort((a, b) => a.date!.localeCompare(b.date!)).slice(-8);
  if (!events.length) return null;
  const lines = [`Timeline from the sources (${events.length} dates):`];
  for (const event of events) {
    lines.push(`- ${formatDate(event.date!)}: ${ctx.corpus.data.passages[event.p]![2]} ${ctx.book.cite(event.p)}`);
  }
  const newest = articleOf(ctx.corpus, events.at(-1)!.p).published;
  lines.push(`As of ${formatDate(newest)}.`);
  return { lines, figures: [] };
}
