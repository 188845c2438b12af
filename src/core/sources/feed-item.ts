import type { IngestOptions } from '../ingest/ingest.ts';
import { guidKey, urlKey } from './registry.ts';

/** A feed entry as sitrep reads it, whatever the feed's format. */
export interface FeedItem {
  guid: string | null;
  url: string | null;
  title: string | null;
  /** the item's own date (ISO date-time or date), null when it has none */
  published: string | null;
  author: string | null;
  /** plain-text paragraphs of the item's content, or of its summary when it has no content */
  paragraphs: string[];
}

/** A parsed feed: its title and items. */
export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

/** An item carries its article's full text (so its page need not be fetched) when it has this much. */
const FULL_TEXT_CHARS = 400;

/** Whether an item carries full text rather than a teaser. */
export function hasFullText(item: Pick<FeedItem, 'paragraphs'>): boolean {
  return item.paragraphs.length >= 2 && item.paragraphs.join(' ').length >= FULL_TEXT_CHARS;
}

/** The keys an item is known by: its GUID within its feed, and its URL. */
export function itemKeys(feedUrl: string, item: Pick<FeedItem, 'guid' | 'url'>): string[] {
  return [...(item.guid ? [guidKey(feedUrl, item.guid)] : []), ...(item.url ? [urlKey(item.url)] : [])];
}

/** A date-time or date as the UTC day, or undefined when it cannot be read. */
export function isoDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** What ingest needs of an item: its text (title line, then paragraphs) and metadata; the source names the outlet. */
export function ingestInput(item: FeedItem, paragraphs: string[], source: string | null): { text: string; options: IngestOptions } {
  const url = item.url && /^https?:\/\//.test(item.url) ? item.url : null;
  return {
    text: paragraphs.join('\n\n'),
    options: { title: item.title ?? undefined, source, url, published: isoDay(item.published) },
  };
}
