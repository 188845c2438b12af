import { z } from 'zod';
import { CitationSchema, FigureKind, FigureSchema, IsoDate } from '../schema.ts';

/** How a digest is composed; every field has a default, so `{}` is a valid options object. */
export const DigestOptionsSchema = z.object({
  /** days in the window that ends with the digest date (1 = articles published on that date) */
  windowDays: z.number().int().min(1).max(31).default(1),
  /** with no new articles: a short "no new reports" digest ('note') or no digest at all ('none') */
  whenEmpty: z.enum(['note', 'none']).default('note'),
  maxDevelopments: z.number().int().min(1).max(10).default(5),
  maxUpcoming: z.number().int().min(0).max(10).default(5),
});
export type DigestOptions = z.input<typeof DigestOptionsSchema>;
export type ResolvedDigestOptions = z.output<typeof DigestOptionsSchema>;

/** An inclusive range of days, YYYY-MM-DD. */
export const DayRangeSchema = z.object({ from: IsoDate, to: IsoDate });

/** A figure as the digest shows it: the Answer figure plus the citation it rests on. */
export const DigestFigureSchema = FigureSchema.extend({ n: z.number().int().positive() });
export type DigestFigure = z.infer<typeof DigestFigureSchema>;

export const FigureChangeSchema = z.object({
  kind: FigureKind,
  /** the newest comparable figure published before the window; null when the window reports it first */
  from: DigestFigureSchema.nullable(),
  to: DigestFigureSchema,
  /** false when the two figures count different groups (e.g. all deaths vs civilian deaths) */
  sameScope: z.boolean(),
  /** "killed: at least 41 (22 Dec) -> at least 80 (24 Dec); scope: civilians and soldiers [3][1]" */
  text: z.string(),
});
export type FigureChange = z.infer<typeof FigureChangeSchema>;

export const UpcomingEventSchema = z.object({
  /** the day it is due, or the first day of the week for "next week" */
  date: IsoDate,
  /** the last day of the week for "this week" / "next week"; null for a single day */
  endDate: IsoDate.nullable(),
  /** "27 December 2025" or "week of 29 December 2025" */
  label: z.string(),
  /** the sentence that names it, relative dates resolved */
  text: z.string(),
  n: z.number().int().positive(),
  articleId: z.string(),
});
export type UpcomingEvent = z.infer<typeof UpcomingEventSchema>;

export const DigestSchema = z.object({
  date: IsoDate,
  window: DayRangeSchema,
  previousWindow: DayRangeSchema,
  /** true when no article was published in the window */
  empty: z.boolean(),
  headline: z.string(),
  articles: z.array(z.object({
    id: z.string(), title: z.string(), source: z.string().nullable(), url: z.string().nullable(), published: IsoDate,
  })),
  developments: z.array(z.object({ text: z.string(), citations: z.array(z.number().int().positive()) })),
  figureChanges: z.array(FigureChangeSchema),
  upcoming: z.array(UpcomingEventSchema),
  /** on a day without new reports: the newest figure of each tracked kind and scope, the last known state */
  latestFigures: z.array(DigestFigureSchema),
  citations: z.array(CitationSchema),
  /** the whole digest as plain text with [n] markers, for surfaces that show text */
  text: z.string(),
  /** the newest publication date among the cited articles */
  asOf: IsoDate.nullable(),
});
export type Digest = z.infer<typeof DigestSchema>;
