import { ArticleSchema, type Article } from '../schema.ts';

/** A named failure with a code, turned into a polite message at each adapter's single catch point. */
export class SitrepError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SitrepError';
  }
}

const FRONT_KEYS = ['id', 'title', 'source', 'url', 'published', 'standfirst'] as const;

function quote(value: string | null | undefined): string {
  return value === null || value === undefined ? 'null' : JSON.stringify(value);
}

/** Serialises an article as Markdown with front matter; values are JSON-quoted so any text round-trips. */
export function serializeArticle(article: Article): string {
  const lines = ['---'];
  for (const key of FRONT_KEYS) {
    if (key === 'standfirst' && !article.standfirst) continue;
    lines.push(`${key}: ${quote(article[key] as string | null | undefined)}`);
  }
  lines.push('---', '');
  return `${lines.join('\n')}${article.paragraphs.join('\n\n')}\n`;
}

/** Splits a Markdown file into its front matter (simple `key: value` lines) and body. */
export function splitFrontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: Record<string, unknown> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    meta[kv[1]!] = parseScalar(kv[2]!.trim());
  }
  return { meta, body: text.slice(match[0].length) };
}

function parseScalar(raw: string): unknown {
  if (raw === '' || raw === 'null' || raw === '~') return null;
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw.slice(1, raw.endsWith('"') ? -1 : undefined);
    }
  }
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Splits a body into paragraphs at blank lines. */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** Parses and validates a stored article file; throws SitrepError naming the problem. */
export function parseArticle(text: string, label: string): Article {
  const { meta, body } = splitFrontMatter(text);
  const result = ArticleSchema.safeParse({ ...meta, paragraphs: splitParagraphs(body) });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'article';
    throw new SitrepError('invalid_article', `${label}: ${where} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}
