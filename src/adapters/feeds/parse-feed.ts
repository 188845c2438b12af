import { parseFeed } from 'feedsmith';
import type { FeedItem, ParsedFeed } from '../../core/sources/feed-item.ts';
import { htmlParagraphs } from './html-text.ts';

/** A feed that could not be read, with why. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return null;
}

function paragraphs(...candidates: unknown[]): string[] {
  for (const candidate of candidates) {
    const html = text(candidate);
    if (html) {
      const found = htmlParagraphs(html);
      if (found.length) return found;
    }
  }
  return [];
}

/** Reads RSS 2.0 (and RDF), Atom or JSON Feed with feedsmith into sitrep's items; a feed it cannot read throws FeedParseError. */
export function readFeed(body: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    throw new FeedParseError(`not a feed sitrep can read (RSS, Atom or JSON Feed): ${(error as Error).message}`);
  }
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return {
        title: text(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((item): FeedItem => {
          const i = item as Record<string, unknown> & { guid?: { value?: string }; content?: { encoded?: string }; dc?: { creators?: string[]; dates?: string[]; date?: string } };
          return {
            guid: text(i.guid?.value), url: text(i.link), title: text(i.title),
            published: text(i.pubDate) ?? text(i.dc?.dates?.[0]) ?? text(i.dc?.date),
            author: text(i.dc?.creators?.[0]) ?? null,
            paragraphs: paragraphs(i.content?.encoded, i.description),
          };
        }),
      };
    case 'atom':
      return {
        title: text(parsed.feed.title),
        items: (parsed.feed.entries ?? []).map((entry): FeedItem => ({
          guid: text(entry.id), url: text(entry.links?.find((l) => !l.rel || l.rel === 'alternate')?.href ?? entry.links?.[0]?.href),
          title: text(entry.title), published: text(entry.published) ?? text(entry.updated),
          author: text(entry.authors?.[0]?.name), paragraphs: paragraphs(entry.content, entry.summary),
        })),
      };
    case 'json':
      return {
        title: text(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((item): FeedItem => ({
          guid: text(item.id), url: text(item.url), title: text(item.title), published: text(item.date_published) ?? text(item.date_modified),
          author: text(item.authors?.[0]?.name), paragraphs: paragraphs(item.content_html, item.content_text, item.summary),
        })),
      };
  }
}
