import { articleOf, type ComposeContext } from '../answer/compose.ts';
import type { Corpus } from '../store/corpus-index.ts';
import { addDays, formatDate, isFutureTense, weekdayOf } from '../annotate/dates.ts';
import { contentKeys, eventClass } from './digest-clusters.ts';
import { digestQuote } from './digest-developments.ts';
import type { UpcomingEvent } from './digest-schema.ts';

/** "this week", "later this week", "next week"; "earlier this week" is past and left out. */
const WEEK_RE = /\b(earlier |later |early |late )?(this|next|the coming) week\b/i;

/** An upcoming event before it is cited: the passage that names it and when. */
export interface UpcomingCandidate {
  p: number;
  date: string;
  endDate: string | null;
  label: string;
}

/** Monday of the week holding `iso` (weeks run Monday to Sunday). */
function mondayOf(iso: string): string {
  return addDays(iso, -((weekdayOf(iso) + 6) % 7));
}

/** A week named relative to the article's date, when the sentence speaks of the future. */
function weekMention(text: string, published: string): Omit<UpcomingCandidate, 'p'> | null {
  const m = WEEK_RE.exec(text);
  if (!m || /^earlier/i.test(m[1] ?? '') || !isFutureTense(text)) return null;
  const start = addDays(mondayOf(published), m[2]!.toLowerCase() === 'this' ? 0 : 7);
  return { date: start, endDate: addDays(start, 6), label: `week of ${formatDate(start)}` };
}

/**
 * Whether the week a passage speaks of has since been pinned to a day: a dated event in that week from the same
 * or a later article (up to `date`). "Meet again this week" is then the Wednesday meeting, not a separate item.
 */
function pinnedWithin(corpus: Corpus, p: number, start: string, end: string, date: string): boolean {
  const mentionedOn = articleOf(corpus, p).published;
  return corpus.data.events.some((e) => {
    if (e.p === p || !e.date || e.date < start || e.date > end) return false;
    const published = articleOf(corpus, e.p).published;
    return published >= mentionedOn && published <= date;
  });
}

const REPLACED = /\b(instead|replac\w*|postponed|moved|rescheduled|cancel\w*|called off)\b/i;

/**
 * Whether a later report (an article published after the plan's, up to `date`) says the planned kind of event has
 * happened (for a plan only a week pins down) or was moved or replaced: "will meet next week" is gone once a later
 * article says the officials convened for talks on Wednesday.
 */
function superseded(corpus: Corpus, c: UpcomingCandidate, date: string): boolean {
  const plan = corpus.data.passages[c.p]![2];
  const kind = eventClass(plan);
  if (!kind) return false;
  const planned = articleOf(corpus, c.p).published;
  const keys = contentKeys(plan);
  return corpus.data.passages.some(([a, , text]) => {
    const published = corpus.data.articles[a]!.published;
    if (published <= planned || published > date || eventClass(text) !== kind) return false;
    const replaced = REPLACED.test(text);
    if (!replaced && (c.endDate === null || isFutureTense(text))) return false;
    let shared = 0;
    for (const key of contentKeys(text)) if (keys.has(key)) shared++;
    return shared >= 3;
  });
}

/**
 * What is scheduled after `date`: the dated future events named in the articles published up to that date
 * (a day, or a week for "this week" / "next week"), resolved against each article's date, soonest first; plans a
 * later report says have happened or were replaced are left out.
 * Events named only by month are left out: a month is too vague to schedule by.
 */
export function findUpcoming(corpus: Corpus, date: string, max: number): UpcomingCandidate[] {
  const candidates: UpcomingCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: UpcomingCandidate) => {
    const key = `${articleOf(corpus, c.p).id}|${c.date}|${c.endDate}`;
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push(c);
  };
  corpus.data.passages.forEach(([a, , text], p) => {
    const published = corpus.data.articles[a]!.published;
    if (published > date) return;
    const days = (corpus.eventsByPassage.get(p) ?? []).filter((e) => e.date !== null && e.date > date);
    for (const e of days) add({ p, date: e.date!, endDate: null, label: formatDate(e.date!) });
    if (days.length) return;
    const week = weekMention(text, published);
    if (week && week.endDate! > date && !pinnedWithin(corpus, p, week.date, week.endDate!, date)) add({ p, ...week });
  });
  // A week already under way sorts as if it starts tomorrow, after the days that are named outright.
  const key = (c: UpcomingCandidate) => (c.date > date ? c.date : addDays(date, 1));
  candidates.sort((x, y) => key(x).localeCompare(key(y)) || Number(x.endDate !== null) - Number(y.endDate !== null)
    || articleOf(corpus, y.p).published.localeCompare(articleOf(corpus, x.p).published) || x.p - y.p);
  const kept: UpcomingCandidate[] = [];
  for (const c of candidates) {
    if (kept.length >= max) break;
    if (!superseded(corpus, c, date)) kept.push(c);
  }
  return kept;
}

/** The found events with their sentences quoted (relative dates resolved) and cited. */
export function citeUpcoming(ctx: ComposeContext, candidates: UpcomingCandidate[]): UpcomingEvent[] {
  return candidates.map((c) => ({
    date: c.date, endDate: c.endDate, label: c.label, text: digestQuote(ctx, c.p), n: ctx.book.number(c.p),
    articleId: articleOf(ctx.corpus, c.p).id,
  }));
}
