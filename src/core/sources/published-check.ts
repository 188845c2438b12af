import { daysBetween, inferPublished } from '../annotate/dates.ts';
import { SitrepError } from '../ingest/article-file.ts';
import { cleanRawText } from '../ingest/clean.ts';
import type { IngestOptions } from '../ingest/ingest.ts';

/** How far from today a guessed year may put an article before ingest refuses to guess. */
export const MAX_GUESS_DAYS = 366;

/** The date ingest infers for a text without `published`, and whether its year was written or guessed. */
export interface InferredDate {
  published: string;
  yearGuessed: boolean;
}

/**
 * Infers the publication date the way ingest does (null: none, ingest then refuses with `no_date`); a year picked
 * to fit weekday-dated mentions that lands more than a year from today is refused unless `published` is given.
 */
export function checkInferredDate(text: string, label: string, options: IngestOptions, today: string): InferredDate | null {
  if (options.published !== undefined) return null;
  const cleaned = cleanRawText(text, { title: options.title ?? null, source: options.source ?? null });
  const report: { yearGuessed?: boolean } = {};
  const published = inferPublished([cleaned.standfirst ?? '', ...cleaned.paragraphs].filter(Boolean), today, report);
  if (!published) return null;
  const yearGuessed = report.yearGuessed ?? true;
  if (yearGuessed && Math.abs(daysBetween(published, today)) > MAX_GUESS_DAYS) {
    throw new SitrepError('year_guessed', `${label}: the text names no year, and the only fitting date, ${published}, is more than a year from today; pass --published YYYY-MM-DD`);
  }
  return { published, yearGuessed };
}
