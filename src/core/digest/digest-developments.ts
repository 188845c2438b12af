import { quoteLine, type ComposeContext } from '../answer/compose.ts';

/** Sentences that report something happening: meetings, agreements, statements, fighting. */
const NEWS_CUE = /\b(agreed|agree|will|meet|met|meeting|talks|ceasefire|truce|signed|announced|said|told|urged|called|began|begun|convened|resumed?|clash\w*|killed|attacks?|withdraw\w*|proposed|warned|accused?)\b/i;
/** Sentences that lean on the one before ("He said: ...") read badly on their own. */
const LEANS_ON_PREVIOUS = /^["'(]?(He|She|They|It|This|These|Those|That|But|However|Therefore|Only|Once)\b/;
/** "(Kuala Lumpur, 23rd) " and "Bangkok - " datelines add nothing to a bullet. */
const DATELINE = /^(?:\([^()]{2,40}\)\s*|[A-Z][A-Za-z .'-]{1,30} [-\u2013\u2014] )/;

function score(ctx: ComposeContext, p: number): number {
  const [, para, text] = ctx.corpus.data.passages[p]!;
  const words = text.split(/\s+/).length;
  let s = Math.max(0, 1 - Math.max(0, para) / 8);
  if (NEWS_CUE.test(text)) s += 0.5;
  if (LEANS_ON_PREVIOUS.test(text)) s -= 1;
  if (/^["\u201c]/.test(text)) s -= 0.5;
  if (words < 8) s -= 1;
  if (words > 45) s -= 0.5;
  return s;
}

/** The first sentence of an article's body (or its standfirst when the body is missing). */
function leadPassage(ctx: ComposeContext, a: number): number | undefined {
  const passages = ctx.corpus.articlePassages[a] ?? [];
  return passages.find((p) => ctx.corpus.data.passages[p]![1] >= 0) ?? passages[0];
}

/**
 * The developments of the window in a few cited bullets: each new article's lead first, newest article first,
 * then the most newsworthy other sentences taken in turn from each article (at most three bullets an article). Passages in `skip` (shown in the
 * figures or upcoming sections) and repeated sentences are not picked as extras.
 */
export function pickDevelopments(ctx: ComposeContext, articles: number[], max: number, skip: Set<number>): number[] {
  // One article alone gets a lead and two extras: a digest is a few bullets, not the article again.
  const perArticle = 3;
  const picked: number[] = [];
  const texts = new Set<string>();
  const take = (p: number) => {
    const text = ctx.corpus.data.passages[p]![2];
    if (picked.length >= max || texts.has(text)) return;
    texts.add(text);
    picked.push(p);
  };
  for (const a of articles) {
    const lead = leadPassage(ctx, a);
    if (lead !== undefined) take(lead);
  }
  const queues = articles.map((a) => (ctx.corpus.articlePassages[a] ?? [])
    .filter((p) => !picked.includes(p) && !skip.has(p) && score(ctx, p) >= 0.5)
    .sort((x, y) => score(ctx, y) - score(ctx, x) || x - y)
    .slice(0, perArticle - 1));
  while (picked.length < max && queues.some((q) => q.length)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next !== undefined) take(next);
    }
  }
  return picked;
}

/** A sentence as the digest quotes it: relative dates resolved, the dateline dropped. */
export function digestQuote(ctx: ComposeContext, p: number): string {
  // quoteLine dates "Monday" even when the text already says "Monday (December 22)"; keep the writer's own date.
  return quoteLine(ctx, p).replace(DATELINE, '').replace(/ \(\d{1,2} [A-Z][a-z]+ \d{4}\)(?= \()/g, '');
}
