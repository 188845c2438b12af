import { aboutAskedDate, articleOf, coverageOf, type ComposeContext, type Composed } from './compose.ts';
import type { StoredFigure } from '../store/corpus-index.ts';
import { formatDate, formatShortDate } from '../annotate/dates.ts';
import { formatNumber } from '../annotate/numbers.ts';
import type { Concept } from '../store/retrieve.ts';
import type { Figure, FigureKind } from '../schema.ts';
import { stemWord } from '../annotate/spelling.ts';
import { tokenize } from '../annotate/text.ts';

const KIND_LABEL: Record<FigureKind, string> = {
  killed: 'killed', injured: 'injured', displaced: 'displaced', evacuated: 'evacuated',
  detained: 'detained', missing: 'missing', duration: 'lasting', distance: 'long',
};
/** A figure kind as a heading ("Killed", "Length"): one list for every renderer. */
export const KIND_TITLE: Record<FigureKind, string> = {
  killed: 'Killed', injured: 'Injured', displaced: 'Displaced', evacuated: 'Evacuated',
  detained: 'Detained', missing: 'Missing', duration: 'Duration', distance: 'Length',
};
/** Question words that only name the kind of figure; relevance is judged on the other words. */
const KIND_WORDS = /^(missing|unaccounted|kill\w*|dead|deaths?|died|die|fatalit\w*|toll|casualt\w*|injur\w*|wounded|hurt|displac\w*|evacuat\w*|fled|refugees?|detain\w*|prisoners?|releas\w*|freed|captured|long|far|length|distance|last|lasted|days?|people|persons)$/;

const PLURAL: Record<string, string> = {
  civilian: 'civilians', soldier: 'soldiers', person: 'people', child: 'children', resident: 'residents',
  citizen: 'citizens', villager: 'villagers', worker: 'workers', troop: 'troops', fighter: 'fighters',
};

/** "20 civilian deaths" gives the scope "civilian": name it in the plural for a count above one. */
function pluralScope(scope: string | null, value: number): string | null {
  if (!scope || value === 1) return scope;
  return scope.replace(/^(\w+)$/, (w) => PLURAL[w.toLowerCase()] ?? w);
}

/** "at least 80 civilians and soldiers killed", with the source's words when it wrote the number out. */
export function describeFigure(f: Pick<Figure, 'kind' | 'value' | 'qualifier' | 'scope' | 'unit'> & { wording?: string | undefined }): string {
  const amount = `${f.qualifier ? `${f.qualifier} ` : ''}${formatNumber(f.value)}`;
  const words = f.wording ? ` ("${f.qualifier ? `${f.qualifier} ` : ''}${f.wording}")` : '';
  if (f.kind === 'duration' || f.kind === 'distance') {
    return `${amount} ${f.unit ?? ''}${words}${f.scope ? ` (${f.scope})` : ''}`.replace(/\s+/g, ' ').trim();
  }
  const scope = pluralScope(f.scope, f.value);
  return `${amount}${words}${scope ? ` ${scope}` : ''} ${KIND_LABEL[f.kind]}`;
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

/** Share of the question's other concepts named in a figure's scope ("July conflict", "frontier" for "border"). */
function scopeMatch(scope: string | null, concepts: Concept[]): number {
  if (!scope) return 0;
  const stems = new Set(tokenize(scope).map(stemWord));
  const total = concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  return concepts.filter((c) => [...c.stems].some((s) => stems.has(s))).reduce((sum, c) => sum + c.weight, 0) / total;
}

/** Most figures to weigh: those in matching passages, plus the newest of each kind (figures are stored newest first). */
const NEWEST_PER_KIND = 200;

const newestByKind = new WeakMap<StoredFigure[], Map<FigureKind, StoredFigure[]>>();

/** The newest NEWEST_PER_KIND figures of each kind, in stored order: one pass over the figures per corpus. */
export function newestOfKind(figures: StoredFigure[], kind: FigureKind): StoredFigure[] {
  let byKind = newestByKind.get(figures);
  if (!byKind) {
    byKind = new Map();
    for (const f of figures) {
      const list = byKind.get(f.kind);
      if (!list) byKind.set(f.kind, [f]);
      else if (list.length < NEWEST_PER_KIND) list.push(f);
    }
    newestByKind.set(figures, byKind);
  }
  return byKind.get(kind) ?? [];
}

function candidateFigures(ctx: ComposeContext, kinds: FigureKind[]): StoredFigure[] {
  const picked = new Set<StoredFigure>();
  for (const hit of ctx.hits) for (const f of ctx.corpus.figuresByPassage.get(hit.p) ?? []) if (kinds.includes(f.kind)) picked.add(f);
  for (const kind of new Set(kinds)) for (const f of newestOfKind(ctx.corpus.data.figures, kind)) picked.add(f);
  return [...picked].sort((a, b) => a.p - b.p);
}

/** Figures of the asked kinds that fit the rest of the question, most relevant first. */
function relevantFigures(ctx: ComposeContext, kinds: FigureKind[]): StoredFigure[] {
  const rest: Concept[] = ctx.concepts.filter((c) => !KIND_WORDS.test(c.term));
  // One person ("a Chinese citizen") is a figure only when the question asks about that group;
  // "How many died in July?" wants figures about July, not the newest ones.
  const all = candidateFigures(ctx, kinds)
    .filter((f) => f.value > 1 || scopeMatch(f.scope, rest) > 0)
    .filter((f) => !ctx.askedDates.length || aboutAskedDate(ctx, f.p));
  if (!rest.length) return all;
  const scored = all.map((f) => ({ f, scope: scopeMatch(f.scope, rest), rel: coverageOf(ctx, f.p, rest) }));
  if (kinds.every((k) => k === 'duration' || k === 'distance') && scored.some((s) => s.scope > 0)) {
    // A length or a duration is of something: the scope ("July conflict", "frontier") decides which.
    const best = Math.max(...scored.map((s) => s.scope));
    return scored.filter((s) => s.scope >= best * 0.5).sort((a, b) => b.scope - a.scope || b.rel - a.rel).map((s) => s.f);
  }
  const best = Math.max(0, ...scored.map((s) => s.rel + s.scope));
  if (best === 0) return all;
  return scored.filter((s) => s.rel + s.scope >= best * 0.5).sort((a, b) => b.rel + b.scope - (a.rel + a.scope)).map((s) => s.f);
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
    const ordered = scoped && kind === 'duration' ? ofKind : newestFirst(ctx, ofKind);
    const lead = ordered[0]!;
    const published = articleOf(ctx.corpus, lead.p).published;
    const who = lead.claimant ? `, according to ${lead.claimant}` : '';
    lines.push(`${KIND_TITLE[kind]}: ${describeFigure(lead)}${who} ${ctx.book.cite(lead.p)} (as of ${formatDate(published)}).`);
    shown.push(lead);
    const others = ordered.slice(1, 6);
    if (others.length) {
      const differ = others.some((f) => f.value !== lead.value || f.qualifier !== lead.qualifier || f.unit !== lead.unit);
      const heading = kind === 'duration' ? 'Other durations in the sources:'
        : differ ? `Sources differ on ${kind === 'distance' ? 'the length' : `the number ${KIND_LABEL[kind]}`}, newest first:` : 'Also reported:';
      lines.push(heading);
      for (const f of [lead, ...others]) lines.push(line(ctx, f));
      shown.push(...others);
    }
  }
  return { lines, figures: shown.map((f) => toFigure(ctx, f)) };
}
