import { SitrepError } from './article-file.ts';
import { cleanRawText, deriveId, deriveTitle } from './clean.ts';
import { inferPublished } from '../annotate/dates.ts';
import { ArticleSchema, IsoDate, type Article } from '../schema.ts';
import { normalizeText } from '../annotate/text.ts';

/** Largest raw article accepted, in bytes. */
export const MAX_ARTICLE_BYTES = 512 * 1024;
/** Shortest body worth indexing, in characters. */
const MIN_BODY_CHARS = 40;

export interface IngestOptions {
  id?: string | undefined;
  title?: string | undefined;
  source?: string | null | undefined;
  url?: string | null | undefined;
  published?: string | undefined;
  standfirst?: string | null | undefined;
}

/** Refuses empty, binary or oversized input before any parsing. */
export function checkRawBytes(bytes: Uint8Array, label: string): string {
  if (bytes.length === 0) throw new SitrepError('empty', `${label}: the file is empty`);
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new SitrepError('too_large', `${label}: the file is ${bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes`);
  }
  if (bytes.includes(0)) throw new SitrepError('binary', `${label}: the file is binary (it contains NUL bytes), not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SitrepError('binary', `${label}: the file is not valid UTF-8 text`);
  }
  const controls = (text.match(/[\u0001-\u0008\u000E-\u001F]/g) ?? []).length;
  if (controls > text.length * 0.01) throw new SitrepError('binary', `${label}: the file looks binary (control characters), not text`);
  if (!text.trim()) throw new SitrepError('empty', `${label}: the file has no text`);
  return text.replace(/^\uFEFF/, '');
}

/** The paragraphs `duplicate_text` compares: each one's words, lowercased, when longer than 30 characters. */
export function fingerprint(paragraphs: string[]): Set<string> {
  return new Set(paragraphs.map((p) => p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).filter((p) => p.length > 30));
}

/** A text sharing at least this share of its fingerprint with a stored article is refused as `duplicate_text`. */
export const DUPLICATE_SHARE = 0.8;

/**
 * Turns a raw news text plus metadata into a validated article, checked against the existing corpus:
 * a duplicate id or the same text ingested again is refused with a SitrepError naming the problem.
 */
export function prepareArticle(text: string, label: string, options: IngestOptions, existing: Article[], today: string): Article {
  const cleaned = cleanRawText(text, { title: options.title ?? null, source: options.source ?? null });
  const paragraphs = cleaned.paragraphs;
  if (paragraphs.join(' ').length < MIN_BODY_CHARS) {
    throw new SitrepError('too_short', `${label}: the article body is too short to index (${paragraphs.join(' ').length} characters)`);
  }
  let published = options.published;
  if (published !== undefined) {
    const date = IsoDate.safeParse(published);
    if (!date.success) throw new SitrepError('invalid_date', `${label}: --published "${published}" ${date.error.issues[0]?.message ?? 'is invalid'}`);
  } else {
    published = inferPublished([cleaned.standfirst ?? '', ...paragraphs].filter(Boolean), today) ?? undefined;
    if (!published) {
      throw new SitrepError('no_date', `${label}: cannot tell when this article was published; pass --published YYYY-MM-DD`);
    }
  }
  const title = options.title ? normalizeText(options.title) : cleaned.headline ?? deriveTitle(paragraphs);
  const candidate = {
    id: options.id ?? deriveId(published, title),
    title,
    source: options.source ?? null,
    url: options.url ?? null,
    published,
    standfirst: options.standfirst ?? cleaned.standfirst,
    paragraphs,
  };
  const parsed = ArticleSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SitrepError('invalid_article', `${label}: ${issue?.path.join('.') || 'article'} ${issue?.message ?? 'is invalid'}`);
  }
  const article = parsed.data;
  if (existing.some((a) => a.id === article.id)) {
    throw new SitrepError('duplicate_id', `${label}: an article with id "${article.id}" already exists; pass another --id`);
  }
  const mine = fingerprint(article.paragraphs);
  for (const other of existing) {
    const theirs = fingerprint(other.paragraphs);
    const shared = [...mine].filter((p) => theirs.has(p)).length;
    if (mine.size && shared / mine.size >= DUPLICATE_SHARE) {
      throw new SitrepError('duplicate_text', `${label}: the same text is already in the corpus as "${other.id}"`);
    }
  }
  return article;
}
