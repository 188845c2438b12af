import type { IngestOptions } from '../../core/ingest/ingest.ts';
import type { Article } from '../../core/schema.ts';
import type { DuplicateCandidates } from '../../core/sources/duplicate-candidates.ts';
import { prepareInput } from '../../core/sources/prepare-input.ts';
import { urlKey, type Registry } from '../../core/sources/registry.ts';
import { fetchPageInput, type PollDeps } from './poll-sources.ts';

/** The result of adding one article: stored, already there, or counted as another source of an article. */
export interface AddedArticle {
  article: Article;
  status: 'added' | 'already_stored' | 'copy';
  /** the article it copies, when status is `copy` */
  copyOf: string | null;
}

export type ArticleInput = { text: string; options: IngestOptions } | { url: string; options: IngestOptions };

/** The text and options of an input: a page URL is fetched and read with Readability first (flags win over the page). */
export async function resolveInput(input: ArticleInput, deps: Pick<PollDeps, 'fetcher' | 'limits' | 'now'>): Promise<{ text: string; options: IngestOptions; label: string }> {
  if ('text' in input) return { text: input.text, options: input.options, label: 'the article' };
  const page = await fetchPageInput(input.url, deps);
  const host = (() => {
    try {
      return new URL(input.url).hostname;
    } catch {
      return null;
    }
  })();
  const { options } = input;
  return {
    text: page.text, label: input.url,
    options: { ...options, title: options.title ?? page.title ?? undefined, url: options.url ?? input.url, published: options.published ?? page.published, source: options.source ?? host },
  };
}

/**
 * Decides what one new text becomes (a new article, a copy of a recent one, or one already stored), updating the
 * registry; the caller commits `added` articles with the registry.
 */
export function admitArticle(resolved: { text: string; options: IngestOptions; label: string }, registry: Registry, stored: DuplicateCandidates, now: Date): AddedArticle {
  const prepared = prepareInput(resolved.text, resolved.label, resolved.options, stored, now.toISOString().slice(0, 10), (draft) => registry.copyOf(draft)?.id ?? null);
  const keys = prepared.article.url ? [urlKey(prepared.article.url)] : [];
  if (prepared.alreadyStored) return { article: prepared.article, status: 'already_stored', copyOf: null };
  const at = now.toISOString();
  if (prepared.copyOf) {
    registry.addAlternate(prepared.copyOf, { source: prepared.article.source, url: prepared.article.url, title: prepared.article.title, at }, keys);
    return { article: prepared.article, status: 'copy', copyOf: prepared.copyOf };
  }
  registry.addArticle(prepared.article, keys, at);
  return { article: prepared.article, status: 'added', copyOf: null };
}
