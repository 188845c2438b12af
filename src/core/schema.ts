import { z } from 'zod';

/** YYYY-MM-DD that is also a real calendar date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

/** Article ids become file names: lowercase letters, digits and dashes only. */
export const ArticleId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');

export const ArticleMetaSchema = z.object({
  id: ArticleId,
  title: z.string().min(1).max(300),
  source: z.string().min(1).max(200).nullable(),
  url: z.string().url().max(2000).nullable(),
  published: IsoDate,
  standfirst: z.string().max(1000).nullable().optional(),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

export const ArticleSchema = ArticleMetaSchema.extend({
  paragraphs: z.array(z.string().min(1)).min(1),
});
export type Article = z.infer<typeof ArticleSchema>;

export const FigureKind = z.enum(['killed', 'injured', 'displaced', 'evacuated', 'detained', 'missing', 'duration', 'distance']);
export type FigureKind = z.infer<typeof FigureKind>;

export const FigureSchema = z.object({
  kind: FigureKind,
  value: z.number(),
  unit: z.string().nullable().optional(),
  qualifier: z.string().nullable(),
  scope: z.string().nullable(),
  claimant: z.string().nullable(),
  asOf: IsoDate,
  articleId: z.string(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const CitationSchema = z.object({
  n: z.number().int().positive(),
  id: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  published: IsoDate,
  url: z.string().nullable(),
  quote: z.string(),
  /** every sentence of this article the answer quotes, `quote` first (one citation number per article) */
  quotes: z.array(z.string()).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const Intent = z.enum([
  'casualties', 'figures', 'who', 'when', 'where', 'agreed', 'demands', 'statement',
  'latest', 'timeline', 'general', 'help', 'none',
]);
export type Intent = z.infer<typeof Intent>;

export const AnswerSchema = z.object({
  question: z.string(),
  answered: z.boolean(),
  intent: Intent,
  answer: z.string(),
  citations: z.array(CitationSchema),
  figures: z.array(FigureSchema),
  asOf: IsoDate.nullable(),
  error: z.string().optional(),
  /** the typed query the engine made of the question (after resolving a follow-up); adapters store it per thread */
  query: z.unknown().optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** Injected time source: the core never calls Date.now() itself. */
export interface Clock {
  now(): Date;
}
