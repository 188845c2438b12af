import { quoteLine, type ComposeContext } from '../answer/compose.ts';
import { sameDevelopment } from './digest-clusters.ts';

/** Sentences that report something happening: meetings, agreements, statements, fighting. */
const NEWS_CUE = /\b(agreed|agree|will|meet|met|meeting|talks|ceasefire|truce|signed|announced|said|told|urged|called|began|begun|convened|resumed?|clash\w*|killed|attacks?|withdraw\w*|proposed|warned|accused?)\b/i;
/** Sentences that lean on the one before ("He said: ...") read badly on their own. */
const LEANS_ON_PREVIOUS = /^["'(]?(He|She|They|It|This|These|Those|That|But|However|Therefore|Only|Once)\b/;
/** "echoed this sentiment", "welcomed the move": the sentence needs the one before it. */
const ECHOES_PREVIOUS = /\b(this|that|these|those|such|the) (sentiment|view|views|position|move|step|call|calls|effort|development|remarks?)\b/i;
/** "(Kuala Lumpur, 23rd) " and "Bangkok - " datelines add nothing to a bullet. */
const DATELINE = /^(?:\([^()]{2,40}\)\s*|[A-Z][A-Za-z .'-]{1,30} [-\u2013\u2014] )/;

function score(ctx: ComposeContext, p: number): number {
  const [, para, text] = ctx.corpus.data.passages[p]!;
  const words = text.split(/\s+/).length;
  let s = Math.max(0, 1 - Math.max(0, para) / 8);
  if (NEWS_CUE.test(text)) s += 0.5;
  if (LEANS_ON_PREVIOUS.test(text) || ECHOES_PREVIOUS.test(text)) s -= 1;
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

/** One development: the sentence that tells it best, and every sentence (from any article) that reports it too. */
export interface DevelopmentCluster {
  p: number;
  members: number[];
}

/**
 * The developments of the window, one each however many articles report it: each new article's lead first, newest
 * article first, then the most newsworthy other sentences taken in turn from each article (at most three new
 * developments an article). A sentence that reports a development already picked joins it (its article is cited
 * with it) instead of making another bullet. Passages in `skip` (shown in the figures or upcoming sections) are not picked.
 */
export function pickDevelopments(ctx: ComposeContext, articles: number[], max: number, skip: Set<number>): DevelopmentCluster[] {
  const perArticle = 3;
  const clusters: DevelopmentCluster[] = [];
  const started = new Map<number, number>();
  const text = (p: number) => ctx.corpus.data.passages[p]!;
  const take = (p: number) => {
    const [a, , sentence] = text(p);
    const same = clusters.find((c) => c.members.some((m) => text(m)[2] === sentence || sameDevelopment(text(m)[2], sentence)));
    if (same) {
      same.members.push(p);
      return;
    }
    if (clusters.length >= max || (started.get(a) ?? 0) >= perArticle) return;
    started.set(a, (started.get(a) ?? 0) + 1);
    clusters.push({ p, members: [p] });
  };
  for (const a of articles) {
    const lead = leadPassage(ctx, a);
    if (lead !== undefined) take(lead);
  }
  const queues = articles.map((a) => (ctx.corpus.articlePassages[a] ?? [])
    .filter((p) => !clusters.some((c) => c.members.includes(p)) && !skip.has(p) && score(ctx, p) >= 0.5)
    .sort((x, y) => score(ctx, y) - score(ctx, x) || x - y));
  while (queues.some((q) => q.length)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next !== undefined) take(next);
    }
  }
  return clusters;
}

/** A sentence as the digest quotes it: relative dates resolved, the dateline dropped. */
export function digestQuote(ctx: ComposeContext, p: number): string {
  const original = ctx.corpus.data.passages[p]![2];
  // quoteLine dates "Monday" even when the text already says "Monday (December 22)"; keep the writer's own date.
  const quoted = quoteLine(ctx, p).replace(DATELINE, '').replace(/ \(\d{1,2} [A-Z][a-z]+ \d{4}\)(?= \()/g, '');
  // The answers' digits for numbers in words ("three-day (3-day)") are not the writer's: a quote keeps the words.
  return quoted.replace(/ \((?:\d[\d,.]*)(?:[- ][a-z]+)?\)/g, (gloss) => (original.includes(gloss) ? gloss : ''));
}
