import type { Answer, Citation } from '../core/schema.ts';

/** One cited article: every number the answer gives it, and each quoted sentence once. */
export interface SourceGroup {
  ns: number[];
  id: string;
  title: string;
  source: string | null;
  published: string;
  url: string | null;
  quotes: string[];
}

/** The quotes of a citation: `quotes` when the core gives several per article, else its one `quote`. */
function quotesOf(citation: Citation): string[] {
  const many = (citation as Citation & { quotes?: unknown }).quotes;
  return Array.isArray(many) && many.every((q) => typeof q === 'string') && many.length ? many : [citation.quote];
}

/** Citations grouped by article, in order of first citation, so one article is listed once with its quotes under it. */
export function groupCitations(citations: Citation[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const c of citations) {
    const group = groups.get(c.id) ?? { ns: [], id: c.id, title: c.title, source: c.source, published: c.published, url: c.url, quotes: [] };
    if (!group.ns.includes(c.n)) group.ns.push(c.n);
    for (const q of quotesOf(c)) if (q.trim() && !group.quotes.includes(q)) group.quotes.push(q);
    groups.set(c.id, group);
  }
  return [...groups.values()];
}

/** "[1]" or "[1][3]": the markers a reader looks for in the answer. */
export function groupMarker(group: SourceGroup): string {
  return group.ns.map((n) => `[${n}]`).join('');
}

const DATED_BULLET = /^[-*•]\s+\d{1,2} \w{3,9} \d{4}:\s+(.+)$/;

/**
 * The answer's lines without a dated bullet that only repeats an earlier line (the lead's figure listed again among
 * the sources that differ), so each figure appears once in a message: the lead line, then the other sources'.
 */
export function answerLines(answer: Answer): string[] {
  const lines = answer.answer.split('\n').map((l) => l.trim()).filter(Boolean);
  const kept: string[] = [];
  for (const line of lines) {
    const repeat = DATED_BULLET.exec(line)?.[1];
    if (repeat && kept.some((earlier) => earlier.includes(repeat))) continue;
    kept.push(line);
  }
  return kept;
}
