import { SitrepError } from '../ingest/article-file.ts';
import type { ComposeContext } from '../answer/compose.ts';
import type { Corpus } from '../store/corpus-index.ts';
import { addDays, formatDate } from '../annotate/dates.ts';
import { digestQuote, pickDevelopments } from './digest-developments.ts';
import { ArticleCitationBook } from './digest-citations.ts';
import { citeFigureChanges, citeLatest, findFigureChanges, latestFigures } from './digest-figures.ts';
import { digestSections, digestText } from './digest-sections.ts';
import { DigestOptionsSchema, type Digest, type DigestOptions } from './digest-schema.ts';
import { citeUpcoming, findUpcoming } from './digest-upcoming.ts';
import { IsoDate } from '../schema.ts';

export interface DigestInput {
  corpus: Corpus;
  /** the digest's date, YYYY-MM-DD (UTC); the window ends with this day */
  date: string;
  options?: DigestOptions;
}

function plural(n: number, word: string): string {
  return `${n} new ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Composes the digest for a date: the articles published in the window (the `windowDays` days ending with `date`),
 * the developments in cited bullets, the tracked figures that changed since earlier reports, and what is scheduled
 * after `date`. Returns null when the window has no articles and `whenEmpty` is 'none'. Pure: no clock, no I/O.
 */
export function composeDigest({ corpus, date, options = {} }: DigestInput): Digest | null {
  if (!IsoDate.safeParse(date).success) throw new SitrepError('invalid_date', `digest date must be a real YYYY-MM-DD date, got "${date}"`);
  const parsed = DigestOptionsSchema.safeParse(options);
  if (!parsed.success) throw new SitrepError('invalid_options', `digest options: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const opts = parsed.data;
  const window = { from: addDays(date, 1 - opts.windowDays), to: date };
  const previousWindow = { from: addDays(window.from, -opts.windowDays), to: addDays(window.from, -1) };
  const articleIdx = corpus.data.articles.map((a, i) => ({ a, i })).filter(({ a }) => a.published >= window.from && a.published <= window.to);
  if (!articleIdx.length && opts.whenEmpty === 'none') return null;

  // One citation number per article, in reading order: developments, then figures, then what is coming up.
  const book = new ArticleCitationBook(corpus);
  const ctx = { corpus, book, concepts: [], hits: [], wantsLatest: false, today: date, askedDates: [] } satisfies ComposeContext;
  const empty = articleIdx.length === 0;
  const rawChanges = findFigureChanges(corpus, window);
  const upcomingFound = findUpcoming(corpus, date, opts.maxUpcoming);
  const skip = new Set([...rawChanges.map((c) => c.to.p), ...upcomingFound.map((c) => c.p)]);
  const developments = pickDevelopments(ctx, articleIdx.map(({ i }) => i), opts.maxDevelopments, skip).map((cluster) => {
    const { marker, numbers } = book.citeAll([cluster.p, ...cluster.members]);
    return { text: `${digestQuote(ctx, cluster.p)} ${marker}`, citations: numbers };
  });
  const figureChanges = citeFigureChanges(corpus, book, rawChanges);
  // A quiet day still tells the state of things: the latest figures with their dates.
  const latest = empty ? citeLatest(corpus, book, latestFigures(corpus, date)) : [];
  const upcoming = citeUpcoming(ctx, upcomingFound);

  const span = opts.windowDays === 1 ? formatDate(date) : `${formatDate(window.from)} to ${formatDate(date)}`;
  const headline = empty ? `No new reports for ${span}.` : `Daily digest for ${span}: ${plural(articleIdx.length, 'report')}`;
  const articles = articleIdx.map(({ a }) => ({ id: a.id, title: a.title, source: a.source, url: a.url, published: a.published }));
  const text = digestText(headline, digestSections({ articles, developments, figureChanges, upcoming, latestFigures: latest }));
  return {
    date, window, previousWindow, empty, headline, articles, developments, figureChanges, upcoming, latestFigures: latest,
    citations: book.citations, text, asOf: book.asOf(),
  };
}
