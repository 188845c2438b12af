import { z } from 'zod';
import { daysBetween } from '../annotate/dates.ts';
import type { Article } from '../schema.ts';
import { NEAR_DUPLICATE_SIMILARITY, signatureOf, similarity } from './minhash.ts';

const SourceRefSchema = z.object({ source: z.string().nullable(), url: z.string().nullable(), title: z.string().nullable(), at: z.string() });
/** One outlet's copy of an article: the article's own, or an alternate (a syndicated copy counted once). */
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const RegistrySchema = z.object({
  format: z.literal(1),
  /** `url:<url>` and `guid:<feed> <guid>` keys already seen, each with the article it became */
  keys: z.record(z.string(), z.object({ id: z.string(), at: z.string() })),
  /** MinHash signatures of recent articles, to spot syndicated copies */
  recent: z.array(z.object({ id: z.string(), published: z.string(), sig: z.string() })),
  /** the other sources of an article */
  alternates: z.record(z.string(), z.array(SourceRefSchema)),
});
export type RegistryData = z.infer<typeof RegistrySchema>;

/** How far apart in days two copies of one story may be published. */
const COPY_WINDOW_DAYS = 7;
/** Keys are forgotten after this many days (feeds drop old items long before). */
const KEY_DAYS = 180;
/** Signatures are kept for articles this many days older than the newest. */
const SIGNATURE_DAYS = 30;

/** The key of an item's URL: fragment and tracking parameters removed. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) if (/^(utm_|fbclid|gclid)/.test(name)) u.searchParams.delete(name);
    return `url:${u.toString()}`;
  } catch {
    return `url:${url}`;
  }
}

/** The key of a feed item's GUID (GUIDs are unique within a feed, not always beyond it). */
export function guidKey(feedUrl: string, guid: string): string {
  return `guid:${feedUrl} ${guid}`;
}

/** The body a signature is taken over. */
export function bodyOf(article: Pick<Article, 'paragraphs' | 'standfirst'>): string {
  return [article.standfirst ?? '', ...article.paragraphs].join('\n');
}

/** What the corpus has seen from its sources: URLs and GUIDs, recent signatures, and each article's other sources. */
export class Registry {
  readonly data: RegistryData;

  constructor(json?: unknown) {
    const parsed = RegistrySchema.safeParse(json);
    this.data = parsed.success ? structuredClone(parsed.data) : { format: 1, keys: {}, recent: [], alternates: {} };
  }

  /** The article an already seen key became, or null. */
  seen(keys: string[]): string | null {
    for (const key of keys) {
      const hit = this.data.keys[key];
      if (hit) return hit.id;
    }
    return null;
  }

  /** The recent article this one is a copy of (most similar above the threshold, published within a week), or null. */
  copyOf(article: Pick<Article, 'paragraphs' | 'standfirst' | 'published'>): { id: string; similarity: number } | null {
    const sig = signatureOf(bodyOf(article));
    let best: { id: string; similarity: number } | null = null;
    for (const entry of this.data.recent) {
      if (Math.abs(daysBetween(entry.published, article.published)) > COPY_WINDOW_DAYS) continue;
      const s = similarity(sig, entry.sig);
      if (s >= NEAR_DUPLICATE_SIMILARITY && (!best || s > best.similarity)) best = { id: entry.id, similarity: s };
    }
    return best;
  }

  /** Records a new article under its keys. */
  addArticle(article: Article, keys: string[], at: string): void {
    for (const key of keys) this.data.keys[key] = { id: article.id, at };
    this.data.recent.push({ id: article.id, published: article.published, sig: signatureOf(bodyOf(article)) });
  }

  /** Records another outlet's copy of an article. */
  addAlternate(id: string, ref: SourceRef, keys: string[]): void {
    for (const key of keys) this.data.keys[key] = { id, at: ref.at };
    const list = (this.data.alternates[id] ??= []);
    if (!list.some((r) => r.source === ref.source && r.url === ref.url)) list.push(ref);
  }

  /** Remembers keys of an item that was refused, so an unchanged item is not refused again at every poll. */
  markRefused(keys: string[], code: string, at: string): void {
    for (const key of keys) this.data.keys[key] = { id: `refused:${code}`, at };
  }

  /** Every source of an article: its own first, then its alternates. */
  sourcesOf(article: Pick<Article, 'id' | 'source' | 'url' | 'title'>): SourceRef[] {
    return [{ source: article.source, url: article.url, title: article.title, at: '' }, ...(this.data.alternates[article.id] ?? [])];
  }

  /** Forgets old keys and signatures so the registry stays small. */
  prune(now: Date): void {
    const today = now.toISOString().slice(0, 10);
    for (const [key, { at }] of Object.entries(this.data.keys)) if (daysBetween(at.slice(0, 10), today) > KEY_DAYS) delete this.data.keys[key];
    const newest = this.data.recent.reduce((max, e) => (e.published > max ? e.published : max), '');
    this.data.recent = this.data.recent.filter((e) => daysBetween(e.published, newest) <= SIGNATURE_DAYS);
  }
}
