import { articleOf, coverageOf, type ComposeContext, type Composed } from './compose.ts';
import type { StoredFigure } from './corpus-index.ts';
import { formatDate, formatShortDate } from './dates.ts';
import { formatNumber } from './numbers.ts';
import type { Concept } from './retrieve.ts';
import type { Figure, FigureKind } from './schema.ts';

const KIND_LABEL: Record<FigureKind, string> = {
  killed: 'killed', injured: 'injured', displaced: 'displaced', evacuated: 'evacuated',
  detained: 'detained', duration: 'lasting', distance: 'long',
};
const KIND_TITLE: Record<FigureKind, string> = {
  killed: 'Killed', injured: 'Injured', displaced: 'Displaced', evacuated: 'Evacuated',
  detained: 'Detained', duration: 'Duration', distance: 'Length',
};
/** Question words that only name the kind of figure; relevance is judged on the other words. */
const KIND_WORDS = /^(kill\w*|dead|deaths?|died|die|fatalit\w*|toll|casualt\w*|injur\w*|wounded|hurt|displac\w*|evacuat\w*|fled|refugees?|detain\w*|prisoners?|releas\w*|freed|captured|long|far|length|distance|last|lasted|days?|people|persons)$/;

/** "at least 80 civilians and soldiers killed" */
export function describeFigure(f: Pick<Figure, 'kind' | 'value' | 'qualifier' | 'scope' | 'unit'>): string {
  const amount = `${f.qualifier ? `${f.qualifier} ` : ''}${formatNumber(f.value)}`;
  if (f.kind === 'duration' || f.kind === 'distance') {
    const unit = f.unit ?? '';
    return `${amount} ${f.kind === 'distance' && unit === 'km' ? 'km' : unit}${f.scope ? ` (${f.scope})` : ''}`.trim();
  }
  return `${amount}${f.scope ? ` ${f.scope}` : ''} ${KIND_LABEL[f.kind]}`;
}

function toFigure(ctx: ComposeContext, f: StoredFigure): Figure {
  const article = articleOf(ctx.corpus, f.p);
  return {
    kind: f.kind, value: f.value, unit: f.unit ?? null, qualifier: f.qualifier, scope: f.scope,
    claimant: f.claimant, asOf: article.published, articleId: article.id,
  };
}

function line(ctx: ComposeContext, f: StoredFigure): string {
  const published = articleOf(ctx.corpus, f.p).published;
  const who = f.claimant ? `, according to ${f.claimant}` : '';
  return `- ${formatShortDate(published)} ${published.slice(0, 4)}: ${describeFigure(f)}${who} ${ctx.book.cite(f.p)}`;
}

/** Figures of the asked kinds, most relevant to the rest of the question, then newest first. */
function relevantFigures(ctx: ComposeContext, kinds: FigureKind[]): StoredFigure[] {
  const rest: Concept[] = ctx.concepts.filter((c) => !KIND_WORDS.test(c.term));
  const all = ctx.corpus.data.figures.filter((f) => kinds.includes(f.kind));
  if (!rest.length) return all;
  const scored = all.map((f) => ({ f, rel: coverageOf(ctx, f.p, rest) + (f.scope && rest.some((c) => f.scope!.toLowerCase().includes(c.term)) ? 0.5 : 0) }));
  const best = Math.max(0, ...scored.map((s) => s.rel));
  if (best === 0) return all;
  const cut = kinds.every((k) => k === 'duration' || k === 'distance') ? best * 0.75 : best * 0.5;
  return scored.filter((s) => s.rel >= cut).sort((a, b) => b.rel - a.rel).map((s) => s.f);
}

function newestFirst(ctx: ComposeContext, figures: StoredFigure[]): StoredFigure[] {
  const date = (f: StoredFigure) => articleOf(ctx.corpus, f.p).published;
  return [...figures].sort((a, b) => date(b).localeCompare(date(a)) || a.p - b.p);
}

function dedupe(figures: StoredFigure[]): StoredFigure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const key = `${f.p}|${f.kind}|${f.value}`;
    const sameClaim = `${f.kind}|${f.value}|${f.qualifier}|${f.scope}|${f.claimant}`;
    if (seen.has(key) || seen.has(sameClaim)) return false;
    seen.add(key);
    seen.add(sameClaim);
    return true;
  });
}

/**
 * Answers a figures question: the newest figure of each kind first, then every source's figure side by side,
 * newest first, with who said it and when. Figures are never added up or silently picked.
 */
export function answerFigures(ctx: ComposeContext, kinds: FigureKind[]): Composed | null {
  const found = dedupe(relevantFigures(ctx, kinds));
  if (!found.length) return null;
  const scoped = kinds.every((k) => k === 'duration' || k === 'distance');
  const lines: string[] = [];
  const shown: StoredFigure[] = [];
  for (const kind of kinds) {
    const ofKind = found.filter((f) => f.kind === kind);
    if (!ofKind.length) continue;
    const ordered = scoped ? ofKind : newestFirst(ctx, ofKind);
    const lead = ordered[0]!;
    const published = articleOf(ctx.corpus, lead.p).published;
    const who = lead.claimant ? `, according to ${lead.claimant}` : '';
    lines.push(`${KIND_TITLE[kind]}: ${describeFigure(lead)}${who} ${ctx.book.cite(lead.p)} (as of ${formatDate(published)}).`);
    shown.push(lead);
    const others = ordered.slice(1, 6);
    if (others.length) {
      const differ = others.some((f) => f.value !== lead.value || f.qualifier !== lead.qualifier);
      lines.push(differ ? `Sources differ on ${KIND_LABEL[kind] === 'long' ? 'the length' : `the number ${KIND_LABEL[kind]}`}, newest first:` : 'Also reported:');
      for (const f of [lead, ...others]) lines.push(line(ctx, f));
      shown.push(...others);
    }
  }
  return { lines, figures: shown.map((f) => toFigure(ctx, f)) };
}
