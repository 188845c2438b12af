import { SitrepError, serializeArticle } from '../ingest/article-file.ts';
import { prepareArticle, type IngestOptions } from '../ingest/ingest.ts';
import type { Article } from '../schema.ts';
import type { DuplicateCandidates } from './duplicate-candidates.ts';
import { checkInferredDate } from './published-check.ts';

/** One input turned into an article, or found already stored word for word (a rerun after an interruption). */
export interface Prepared {
  article: Article;
  yearGuessed: boolean;
  alreadyStored: boolean;
}

/** A text's article before any duplicate check (prepareArticle against nothing), its date checked as ingest does. */
export interface Draft {
  draft: Article;
  withDate: IngestOptions;
  yearGuessed: boolean;
}

export function draftInput(body: string, label: string, options: IngestOptions, today: string): Draft {
  const inferred = checkInferredDate(body, label, options, today);
  const withDate = inferred ? { ...options, published: inferred.published } : options;
  return { draft: prepareArticle(body, label, withDate, [], today), withDate, yearGuessed: inferred?.yearGuessed ?? false };
}

/**
 * Prepares one text as ingest does (prepareArticle), checking a guessed year; an article stored before with the same
 * id and the same content is reported as already stored instead of refused, so rerunning an ingest completes it.
 * The text is compared with the articles that share its id or a paragraph, not with the whole corpus; `copyOf` may
 * name an article the draft is a near-duplicate of, which then stands instead of any refusal. `drafted`: the text's
 * draftInput, when the caller made it already (to `load` the candidates).
 */
export function prepareInput(body: string, label: string, options: IngestOptions, stored: DuplicateCandidates, today: string, copyOf?: (draft: Article) => string | null, drafted?: Draft): Prepared & { copyOf: string | null } {
  const { draft, withDate, yearGuessed } = drafted ?? draftInput(body, label, options, today);
  // A syndicated copy is recognised before the duplicate checks, which would refuse its shared title or paragraphs.
  const copy = copyOf?.(draft) ?? null;
  if (copy) return { article: draft, yearGuessed, alreadyStored: false, copyOf: copy };
  const candidates = stored.for(draft.id, draft.paragraphs);
  try {
    return { article: prepareArticle(body, label, withDate, candidates, today), yearGuessed, alreadyStored: false, copyOf: null };
  } catch (error) {
    if (!(error instanceof SitrepError) || !['duplicate_id', 'duplicate_text'].includes(error.code)) throw error;
    const same = candidates.find((a) => a.id === draft.id);
    if (same && serializeArticle(same) === serializeArticle(draft)) return { article: draft, yearGuessed, alreadyStored: true, copyOf: null };
    throw error;
  }
}
