import { Readability } from '@mozilla/readability';
import { htmlParagraphs, parseDocument } from './html-text.ts';

/** A web page reduced to its article: what `sitrep ingest URL` and a teaser-only feed item ingest. */
export interface PageArticle {
  title: string | null;
  byline: string | null;
  /** ISO date-time from the page's metadata, when it has one */
  published: string | null;
  paragraphs: string[];
}

function meta(document: ReturnType<typeof parseDocument>, names: string[]): string | null {
  for (const name of names) {
    const value = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute('content');
    if (value?.trim()) return value.trim();
  }
  return null;
}

/** Extracts a page's article with Mozilla Readability (title, byline, published time, body paragraphs); null when it finds none. */
export function extractPage(html: string): PageArticle | null {
  const document = parseDocument(html);
  const heading = document.querySelector('article h1, h1')?.textContent?.replace(/\s+/g, ' ').trim() || null;
  const published = meta(document, ['article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued']) ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  // Readability takes a DOM Document; linkedom's is one, typed separately.
  const result = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!result?.content) return null;
  const byline = result.byline?.trim() || null;
  const paragraphs = htmlParagraphs(result.content).filter((p) => p !== heading && !(byline && p.replace(/^by\s+/i, '') === byline.replace(/^by\s+/i, '')));
  if (!paragraphs.length) return null;
  return { title: heading ?? result.title?.trim() ?? null, byline, published: result.publishedTime ?? published, paragraphs };
}
