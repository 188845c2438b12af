import type { CitationBook } from './citations.ts';
import { holdsAny, passageTermIds, type Corpus } from '../store/corpus-index.ts';
import { daysBetween, findDateMentions, formatDate, formatShortDate, MONTHS, type DateMention } from '../annotate/dates.ts';
import { findNumbers, formatNumber } from '../annotate/numbers.ts';
import type { Concept, Hit } from '../store/retrieve.ts';
import { passageCoverage } from '../store/retrieve.ts';
import type { Figure } from '../schema.ts';
import { stemWord } from '../annotate/spelling.ts';

/** What every intent's composer works with. */
export interface ComposeContext {
  corpus: Corpus;
  book: CitationBook;
  concepts: Concept[];
  hits: Hit[];
  wantsLatest: boolean;
  /** today's date (UTC), from the injected clock */
  today: string;
  /** days or months the question names ("in July", "on December 22"), resolved against the newest article */
  askedDates: DateMention[];
}

/** A composed reply: the lines of the answer text and the figures it shows. */
export interface Composed {
  lines: string[];
  figures: Figure[];
}

/**
 * The article a passage belongs to, from the store's table (corpus.passageArticle): reading the passage itself would
 * lay out its whole article's text, and a question asks this of thousands of passages (every role holder, every
 * event of a timeline).
 */
export function articleIndexOf(corpus: Corpus, p: number): number {
  return corpus.passageArticle[p]!;
}

export function articleOf(corpus: Corpus, p: number) {
  return corpus.data.articles[articleIndexOf(corpus, p)]!;
}

/** A sentence as the answer text gives it: relative dates get their date, numbers in words their digits. */
export function quoteLine(ctx: ComposeContext, p: number): string {
  return withDigits(withDates(ctx, p, ctx.corpus.data.passages[p]![2]));
}

/** Relative dates get their absolute date in brackets: "this Sunday (26 October 2025)". */
function withDates(ctx: ComposeContext, p: number, text: string): string {
  let out = text;
  const all = ctx.corpus.eventsByPassage.get(p) ?? [];
  const events = all.filter((e) => !e.explicit && e.date);
  for (const event of [...events].reverse()) {
    const at = out.indexOf(event.text);
    if (at < 0) continue;
    // "Monday (December 22)", "Saturday, December 27": the text already gives the date.
    const next = out.slice(at + event.text.length, at + event.text.length + 24);
    if (all.some((e) => e.explicit && e.date === event.date && next.includes(e.text))) continue;
    // After a possessive ("Monday's talks"), not inside it.
    const end = at + event.text.length + (out.slice(at + event.text.length).startsWith("'s") ? 2 : 0);
    out = `${out.slice(0, end)} (${formatDate(event.date!)})${out.slice(end)}`;
  }
  return out;
}

const UNIT_AFTER = /^(-|\s+)(days?|weeks?|months?|years?|hours?|kilomet(?:er|re)s?|km|miles?)\b/i;

/** Numbers in words get their digits: "eighty (80)", "five days (5 days)", "half a million (500,000)"; "two countries" stays. */
export function withDigits(text: string): string {
  let out = text;
  for (const span of findNumbers(text).reverse()) {
    if (/^[\d.,\s]+/.test(span.text) || /^(a|an|one)$/i.test(span.text)) continue;
    const unit = UNIT_AFTER.exec(out.slice(span.end));
    if (!unit && span.value < 10) continue;
    const end = span.end + (unit ? unit[0].length : 0);
    const digits = `${formatNumber(span.value)}${unit ? `${unit[1] === '-' ? '-' : ' '}${unit[2]}` : ''}`;
    out = `${out.slice(0, end)} (${digits})${out.slice(end)}`;
  }
  return out;
}

/** "- <sentence> [n] (24 Dec)" */
export function supportLine(ctx: ComposeContext, p: number): string {
  return `- ${quoteLine(ctx, p)} ${ctx.book.cite(p)} (${formatShortDate(articleOf(ctx.corpus, p).published)})`;
}

/** Picks up to `count` passages from hits, at most `perArticle` from one article, skipping ones already used. */
export function pickPassages(ctx: ComposeContext, hits: Hit[], count: number, skip: Set<number> = new Set(), perArticle = 2): number[] {
  const picked: number[] = [];
  const perArticleCount = new Map<number, number>();
  for (const hit of hits) {
    if (picked.length >= count) break;
    if (skip.has(hit.p)) continue;
    const a = articleIndexOf(ctx.corpus, hit.p);
    if ((perArticleCount.get(a) ?? 0) >= perArticle) continue;
    const text = ctx.corpus.data.passages[hit.p]![2];
    if (picked.some((q) => ctx.corpus.data.passages[q]![2] === text)) continue;
    perArticleCount.set(a, (perArticleCount.get(a) ?? 0) + 1);
    picked.push(hit.p);
  }
  return picked;
}

/** Hits re-ranked by a cue: passages matching it count `factor` times as much. */
export function boostHits(ctx: ComposeContext, hits: Hit[], cue: RegExp, factor: number): Hit[] {
  return hits
    .map((h) => (cue.test(ctx.corpus.data.passages[h.p]![2]) ? { ...h, score: h.score * factor } : h))
    .sort((a, b) => b.score - a.score);
}

/** Hits ordered newest article first among the relevant ones (for "latest" questions). */
export function newestFirst(ctx: ComposeContext, hits: Hit[]): Hit[] {
  if (!hits.length) return hits;
  const best = hits[0]!.coverage;
  const relevant = hits.filter((h) => h.coverage >= best * 0.5);
  const date = (h: Hit) => articleOf(ctx.corpus, h.p).published;
  return [...relevant].sort((a, b) => date(b).localeCompare(date(a)) || b.score - a.score);
}

/** The passages right after p in the same article that continue it ("He said: ...", "Both ... also ..."). */
export function continuations(ctx: ComposeContext, p: number, cue: RegExp, max = 1): number[] {
  const out: number[] = [];
  const [a] = ctx.corpus.data.passages[p]!;
  for (let next = p + 1; out.length < max && next < ctx.corpus.data.passages.length; next++) {
    const [na, , text] = ctx.corpus.data.passages[next]!;
    if (na !== a || !cue.test(text)) break;
    out.push(next);
  }
  return out;
}

/**
 * The list a passage belongs to: for a lead-in ("The Governor also announced the following actions:") its items,
 * for an item its lead-in and the other items, in reading order. Empty for a passage outside a list.
 */
export function listAround(ctx: ComposeContext, p: number, max = 6): number[] {
  const { passages, annotations } = ctx.corpus.data;
  const [a, , text] = passages[p]!;
  const lead = annotations[p]?.l ?? (/:$/.test(text) ? text : null);
  if (!lead) return [];
  const out: number[] = [];
  // The lead-in stands just before its first item; items follow one another.
  let start = p;
  while (start > 0 && passages[start - 1]![0] === a && (annotations[start - 1]?.l === lead || passages[start - 1]![2] === lead)) start--;
  for (let q = start; q < passages.length && passages[q]![0] === a && out.length < max; q++) {
    if (q !== start && annotations[q]?.l !== lead) break;
    if (q !== p) out.push(q);
  }
  return out;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'for', 'by', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'it', 'its', 'that', 'this', 'with', 'at', 'as', 'into', 'from']);

/** The content words of a passage, stemmed: for telling two sentences that say the same apart from two that don't. */
function contentStems(ctx: ComposeContext, p: number): Set<string> {
  return new Set((ctx.corpus.data.passages[p]![2].toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !STOP.has(w)).map(stemWord));
}

/** Whether a passage mostly repeats one already chosen: half its content words or more are in it. */
export function repeats(ctx: ComposeContext, p: number, chosen: number[]): boolean {
  const own = contentStems(ctx, p);
  return chosen.some((q) => {
    const other = contentStems(ctx, q);
    const shared = [...own].filter((w) => other.has(w)).length;
    return shared >= 0.5 * Math.min(own.size, other.size);
  });
}

export function coverageOf(ctx: ComposeContext, p: number, concepts: Concept[] = ctx.concepts): number {
  return passageCoverage(ctx.corpus, p, concepts);
}

/** Articles ranked by how much of the question their matching passages cover together, best first. */
export function rankArticles(ctx: ComposeContext, hits: Hit[]): number[] {
  const byArticle = new Map<number, Hit[]>();
  for (const hit of hits) {
    const a = articleIndexOf(ctx.corpus, hit.p);
    byArticle.set(a, [...(byArticle.get(a) ?? []), hit]);
  }
  const total = ctx.concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  const top = hits[0]?.score || 1;
  const scored = [...byArticle].map(([a, articleHits]) => {
    const month = ctx.corpus.data.articles[a]!.published.slice(5, 7);
    // A concept is covered by a hit holding one of its terms (each hit's term ids read once), and a month asked about
    // ("agreed in October") by an article published in that month.
    const held = new Set<Concept>();
    for (const h of articleHits) {
      const read = passageTermIds(ctx.corpus, h.p);
      for (const c of ctx.concepts) if (!held.has(c) && holdsAny(read, c.ids)) held.add(c);
    }
    const covered = ctx.concepts.filter((c) => MONTHS[c.term] === Number(month) || held.has(c));
    const union = covered.reduce((sum, c) => sum + c.weight, 0) / total;
    const strength = articleHits.slice(0, 3).reduce((sum, h) => sum + h.score, 0) / (3 * top);
    const publishedInAskedMonth = ctx.concepts.some((c) => MONTHS[c.term] === Number(month)) ? 0.5 : 0;
    return { a, score: union + 0.5 * strength + 0.1 * Math.log2(1 + articleHits.length) + publishedInAskedMonth };
  });
  return scored.sort((x, y) => y.score - x.score).map((x) => x.a);
}

/**
 * Passages of the best-ranked articles that match a cue, in article order, at most `perArticle` each; an article
 * that states more such sentences (the terms of a deal, not one mention of it) ranks higher.
 */
export function cuedPassages(ctx: ComposeContext, hits: Hit[], cue: RegExp, articles = 2, perArticle = 2, newest = false): number[] {
  const ranked = rankArticles(ctx, hits);
  const matchingOf = (a: number) => (ctx.corpus.articlePassages[a] ?? []).filter((p) => cue.test(ctx.corpus.data.passages[p]![2]));
  // An article about the day or month the question names ("on Monday", "in October") comes first.
  const aboutDate = (a: number) => ctx.askedDates.length > 0 && (ctx.corpus.articlePassages[a] ?? []).some((p) => aboutAskedDate(ctx, p) && hits.some((h) => h.p === p));
  // "the new ceasefire": the newest of the relevant articles are the candidates (articles are stored newest first).
  const pool = newest ? [...ranked].sort((x, y) => x - y) : ranked;
  const order = pool.slice(0, articles + 2)
    .map((a, i) => ({ a, matching: matchingOf(a), score: -i }))
    .map((x) => ({ ...x, score: x.score + 0.6 * Math.min(x.matching.length, 4) + (aboutDate(x.a) ? 2 : 0) }))
    // "the new ceasefire": among articles that state terms, the newest first (articles are stored newest first).
    .map((x) => ({ ...x, score: newest && x.matching.length ? x.score + 3 - x.a / ctx.corpus.data.articles.length : x.score }))
    .sort((x, y) => y.score - x.score);
  const out: number[] = [];
  for (const { matching } of order.slice(0, articles)) {
    const relevant = matching.filter((p) => hits.some((h) => h.p === p)).concat(matching);
    out.push(...[...new Set(relevant)].slice(0, perArticle).sort((x, y) => x - y));
  }
  return out;
}

/** The days or months a question names, resolved against the newest article's date. */
export function datesAsked(corpus: Corpus, questionText: string): DateMention[] {
  const newest = corpus.data.articles[0]?.published;
  return newest ? findDateMentions(questionText, newest).filter((m) => m.explicit || m.month) : [];
}

/** How a passage relates to a day or month the question names: its article appeared then, it mentions it, or neither. */
function askedDateMatch(ctx: ComposeContext, p: number): 'published' | 'mentioned' | null {
  const published = articleOf(ctx.corpus, p).published;
  if (ctx.askedDates.some((m) => (m.date ? published === m.date : published.startsWith(m.month!)))) return 'published';
  const events = ctx.corpus.eventsByPassage.get(p) ?? [];
  return ctx.askedDates.some((m) => events.some((e) => (m.date ? e.date === m.date : e.month === m.month))) ? 'mentioned' : null;
}

/** Whether a passage is about a day or month the question names: its article appeared then, or it mentions it. */
export function aboutAskedDate(ctx: ComposeContext, p: number): boolean {
  return askedDateMatch(ctx, p) !== null;
}

/** Hits from the month or day a question names ("in October", "on December 22") count double. */
export function favourQuestionDate(ctx: ComposeContext, hits: Hit[]): Hit[] {
  if (!ctx.askedDates.length) return hits;
  // Published then counts more than mentioning it.
  const factor = { published: 2, mentioned: 1.5 };
  return hits.map((h) => {
    const match = askedDateMatch(ctx, h.p);
    return match ? { ...h, score: h.score * factor[match] } : h;
  }).sort((a, b) => b.score - a.score);
}

/** Sentences that carry on from the one before ("Both ... also", "He said"). */
export const CONTINUES = /^(Both|They|The two|Another|It|He|She|This|These)\b|\balso\b/;

/** The best passages as they stand: the first as the direct answer, the rest as supporting lines. */
export function generalAnswer(ctx: ComposeContext, hits = ctx.hits, count = 3): Composed | null {
  const picked = pickPassages(ctx, hits, count);
  if (!picked.length) return null;
  const [first, ...rest] = picked;
  const lines = [`${quoteLine(ctx, first!)} ${ctx.book.cite(first!)}`];
  // A list's lead-in or item brings the whole list: what was announced is every item, not the best one.
  const list = listAround(ctx, first!);
  const extra = list.length ? list : continuations(ctx, first!, CONTINUES, 1).filter((p) => !rest.includes(p));
  for (const p of [...extra, ...rest.filter((p) => !extra.includes(p))]) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}

/** For "latest" questions: says how old the newest report is when it is older than a day. */
export function stalenessNote(ctx: ComposeContext): string | null {
  const newest = ctx.corpus.data.articles[0]?.published;
  if (!newest || !ctx.wantsLatest) return null;
  const age = daysBetween(newest, ctx.today);
  return age > 1 ? `Note: my newest report is from ${formatDate(newest)}, ${age} days ago; there may be later news.` : null;
}
