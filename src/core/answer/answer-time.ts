import { articleOf, pickPassages, quoteLine, supportLine, articleIndexOf, type ComposeContext, type Composed } from './compose.ts';
import type { Corpus, StoredEvent } from '../store/corpus-index.ts';
import { addDays, formatDate, formatMonth, formatShortDate } from '../annotate/dates.ts';
import { stemWord } from '../annotate/spelling.ts';
import { tokenize } from '../annotate/text.ts';

/** Words between a date expression and the nearest word of the question in the sentence. */
function wordsBetween(sentence: string, dateText: string, concepts: ComposeContext['concepts']): number {
  const words = sentence.split(/\s+/);
  const first = dateText.split(/\s+/)[0] ?? '';
  const at = words.findIndex((w) => w.includes(first));
  let best = words.length;
  words.forEach((word, i) => {
    const stems = tokenize(word).map(stemWord);
    if (stems.some((s) => concepts.some((c) => c.stems.has(s)))) best = Math.min(best, Math.abs(i - at));
  });
  return at < 0 ? words.length : best;
}

export function eventLabel(event: StoredEvent): string {
  return event.date ? formatDate(event.date) : formatMonth(event.month!);
}

/**
 * When-questions: the date stated in the best-matching passages, resolved against each article's date,
 * preferring things still to come for "when is/will" and things past for "when did/was".
 */
export function answerWhen(ctx: ComposeContext, questionText: string): Composed | null {
  const future = !/\b(did|was|were|had|happened|began|started|signed|ended)\b/i.test(questionText);
  // "When is the next meeting?": only what lies after the newest report counts as next.
  const next = /\b(next|upcoming|coming|forthcoming|future)\b/i.test(questionText);
  const newest = ctx.corpus.data.articles[0]?.published ?? '';
  const candidates: Array<{ event: StoredEvent; rank: number }> = [];
  ctx.hits.slice(0, next ? 40 : 12).forEach((hit, i) => {
    const sentence = ctx.corpus.data.passages[hit.p]![2];
    for (const event of ctx.corpus.eventsByPassage.get(hit.p) ?? []) {
      // "detained since July": when something began, not when the thing asked about happens.
      if (/^since\b/i.test(event.text)) continue;
      if (next && !(event.future && (event.date ?? `${event.month}-31`) > newest)) continue;
      const tenseFits = event.future === future ? 1 : 0.6;
      const precise = event.date ? 1 : 0.8;
      const near = 1 / (1 + wordsBetween(sentence, event.text, ctx.concepts) / 6);
      candidates.push({ event, rank: (hit.score / (1 + i * 0.15)) * tenseFits * precise * near });
    }
  });
  if (!candidates.length) return null;
  candidates.sort((a, b) => b.rank - a.rank);
  const best = candidates[0]!.event;
  const end = endOf(ctx, questionText, best);
  if (end) return end;
  // A date still ahead when its article was written was a plan then, not a fact: say so.
  const lines = [`${best.future ? 'Scheduled for ' : ''}${eventLabel(best)} ${ctx.book.cite(best.p)}.`, supportLine(ctx, best.p)];
  const others = candidates.slice(1).filter((c) => c.event.p !== best.p && c.rank > candidates[0]!.rank * 0.5);
  for (const other of pickPassages(ctx, others.map((c) => ({ p: c.event.p, score: c.rank, coverage: 1 })), 2, new Set([best.p]))) {
    lines.push(supportLine(ctx, other));
  }
  return { lines, figures: [] };
}

/** "When does the meeting end?": a start date and a duration in days in the same sentence give the last day. */
export function endOf(ctx: ComposeContext, questionText: string, start: StoredEvent): Composed | null {
  if (!/\b(end|ends|ended|finish\w*|conclude\w*|close|closes|wrap up|last until|over)\b/i.test(questionText) || !start.date) return null;
  const days = (ctx.corpus.figuresByPassage.get(start.p) ?? []).find((f) => f.kind === 'duration' && f.unit === 'days');
  if (!days || days.value < 1 || days.value > 366) return null;
  const last = addDays(start.date, days.value - 1);
  const lines = [`${formatDate(last)}: day ${days.value} of ${days.value}, counting from ${formatDate(start.date)} ${ctx.book.cite(start.p)}.`, supportLine(ctx, start.p)];
  return { lines, figures: [] };
}

const upcoming = new WeakMap<Corpus, StoredEvent[]>();

/** The events dated after the newest report, soonest first, one per date and passage: sorted once per corpus. */
export function upcomingEvents(corpus: Corpus): StoredEvent[] {
  let events = upcoming.get(corpus);
  if (events) return events;
  const newest = corpus.data.articles[0]?.published ?? '';
  const seen = new Set<string>();
  events = corpus.data.events
    .filter((e) => e.future && e.date && e.date > newest)
    .sort((a, b) => a.date!.localeCompare(b.date!) || a.p - b.p)
    .filter((e) => !seen.has(`${e.date}|${e.p}`) && seen.add(`${e.date}|${e.p}`));
  upcoming.set(corpus, events);
  return events;
}

/** "What's coming up?": the dated events the sources put after their newest report, soonest first. */
export function answerUpcoming(ctx: ComposeContext): Composed | null {
  const newest = ctx.corpus.data.articles[0]?.published ?? '';
  const events = upcomingEvents(ctx.corpus).slice(0, 6);
  if (!events.length) return null;
  const lines = [`Coming up, after the newest report (${formatDate(newest)}):`];
  for (const e of events) lines.push(`- ${formatDate(e.date!)}: ${quoteLine(ctx, e.p)} ${ctx.book.cite(e.p)}`);
  return { lines, figures: [] };
}

/** The newest reports: each recent article's lead, newest first. */
export function answerLatest(ctx: ComposeContext): Composed | null {
  const articles = ctx.corpus.data.articles;
  if (!articles.length) return null;
  const newest = articles[0]!.published;
  // The first line is what a reader sees: the newest report itself, not a heading over it.
  const lines: string[] = [];
  for (let a = 0; a < articles.length && lines.length < 4; a++) {
    const lead = ctx.corpus.articlePassages[a]?.find((p) => ctx.corpus.data.passages[p]![1] >= 0);
    if (lead === undefined) continue;
    const report = `${articles[a]!.title} - ${quoteLine(ctx, lead)} ${ctx.book.cite(lead)}`;
    lines.push(lines.length ? `- ${formatShortDate(articles[a]!.published)}: ${report}` : `Latest (${formatDate(newest)}): ${report}`);
    if (lines.length === 1) lines.push('Before that:');
  }
  if (lines.at(-1) === 'Before that:') lines.pop();
  return lines.length ? { lines, figures: [] } : null;
}

/** A dated sequence from the sources, oldest first: dated past events, and each article's own date and headline. */
export function answerTimeline(ctx: ComposeContext): Composed | null {
  const relevant = ctx.concepts.length > 0;
  const hitPassages = new Set(ctx.hits.map((h) => h.p));
  // An entry's label (its sentence, or a report's headline) is made only for the dates shown: a timeline of
  // everything weighs every event of the corpus.
  const entries = new Map<string, { p: number; report: string | null; explicit: boolean }>();
  const used = new Set<number>();
  const consider = (date: string, p: number, report: string | null, explicit: boolean) => {
    const existing = entries.get(date);
    if (used.has(p) && existing?.p !== p) return;
    if (!existing || (explicit && !existing.explicit)) {
      entries.set(date, { p, report, explicit });
      used.add(p);
    }
  };
  // About something: the events of the matching passages and the articles holding them, in corpus order, read
  // from the passages rather than by walking every event and article of the corpus.
  const events = relevant ? [...hitPassages].sort((x, y) => x - y).flatMap((p) => ctx.corpus.eventsByPassage.get(p) ?? []) : ctx.corpus.data.events;
  for (const event of events) {
    if (!event.date || event.future || event.date > articleOf(ctx.corpus, event.p).published) continue;
    consider(event.date, event.p, null, event.explicit);
  }
  const hitArticles = new Set(ctx.hits.map((h) => articleIndexOf(ctx.corpus, h.p)));
  const articles = relevant ? [...hitArticles].sort((x, y) => x - y) : ctx.corpus.data.articles.map((_, a) => a);
  for (const a of articles) {
    const article = ctx.corpus.data.articles[a]!;
    const lead = ctx.corpus.articlePassages[a]?.[0];
    if (lead === undefined) continue;
    if (!entries.has(article.published)) consider(article.published, lead, `${article.title} (report)`, false);
  }
  const sorted = [...entries].sort(([a], [b]) => a.localeCompare(b)).slice(-10);
  if (!sorted.length) return null;
  const lines = [`Timeline from the sources (${sorted.length} dates, oldest first):`];
  for (const [date, entry] of sorted) lines.push(`- ${formatDate(date)}: ${entry.report ?? quoteLine(ctx, entry.p)} ${ctx.book.cite(entry.p)}`);
  lines.push(`As of ${formatDate(ctx.corpus.data.articles[0]!.published)}.`);
  return { lines, figures: [] };
}
