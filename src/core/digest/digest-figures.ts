import type { CitationBook } from '../answer/citations.ts';
import { articleOf } from '../answer/compose.ts';
import type { Corpus, StoredFigure } from '../store/corpus-index.ts';
import { formatShortDate } from '../annotate/dates.ts';
import type { DigestFigure, FigureChange } from './digest-schema.ts';
import { formatNumber } from '../annotate/numbers.ts';
import type { FigureKind } from '../schema.ts';

/** The kinds a morning reader follows from day to day; lengths and durations are not news when they change. */
export const TRACKED_KINDS: readonly FigureKind[] = ['killed', 'injured', 'displaced', 'evacuated', 'detained'];

type ScopeGroup = 'civilian' | 'military' | 'all';

/** Civilian-only and military-only counts are compared with their own kind first, never silently with totals. */
function scopeGroup(scope: string | null): ScopeGroup {
  const s = (scope ?? '').toLowerCase();
  const civilian = /\bcivilians?\b/.test(s);
  const military = /\b(soldiers?|troops?|military|combatants?|servicem[ae]n)\b/.test(s);
  if (civilian && !military) return 'civilian';
  if (military && !civilian) return 'military';
  return 'all';
}

function amount(f: Pick<StoredFigure, 'qualifier' | 'value'>): string {
  return `${f.qualifier ? `${f.qualifier} ` : ''}${formatNumber(f.value)}`;
}

function toDigestFigure(corpus: Corpus, book: CitationBook, f: StoredFigure): DigestFigure {
  const article = articleOf(corpus, f.p);
  return {
    kind: f.kind, value: f.value, unit: f.unit ?? null, qualifier: f.qualifier, scope: f.scope,
    claimant: f.claimant, asOf: article.published, articleId: article.id, n: book.number(f.p),
  };
}

function when(f: DigestFigure): string {
  return `${formatShortDate(f.asOf)}${f.claimant ? `, ${f.claimant}` : ''}`;
}

/** "killed: at least 41 (22 Dec) -> at least 80 (24 Dec); scope: civilians and soldiers (before: unspecified) [3][1]" */
function describeChange(kind: FigureKind, from: DigestFigure | null, to: DigestFigure): string {
  const head = from ? `${amount(from)} (${when(from)}) -> ${amount(to)} (${when(to)})` : `${amount(to)} (${when(to)}), first reported`;
  let scope = to.scope ? `; scope: ${to.scope}` : '';
  if (from && from.scope !== to.scope) scope = `; scope: ${to.scope ?? 'unspecified'} (before: ${from.scope ?? 'unspecified'})`;
  const cites = from ? `[${from.n}][${to.n}]` : `[${to.n}]`;
  return `${kind}: ${head}${scope} ${cites}`;
}

/** One figure per claim: the same number from the same claimant about the same group counts once. */
function distinct(figures: StoredFigure[]): StoredFigure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const key = `${f.kind}|${f.value}|${f.qualifier}|${f.scope}|${f.claimant}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A change before it is cited. */
export interface RawFigureChange {
  kind: FigureKind;
  from: StoredFigure | null;
  to: StoredFigure;
  sameScope: boolean;
}

/**
 * The tracked figures the window reports, each against the newest comparable figure published before the window
 * (the previous window's when it reported one, else the latest earlier report), skipping the unchanged ones.
 * Figures arrive newest article first (buildIndex order), so "first" means newest.
 */
export function findFigureChanges(corpus: Corpus, window: { from: string; to: string }): RawFigureChange[] {
  const published = (f: StoredFigure) => articleOf(corpus, f.p).published;
  const tracked = corpus.data.figures.filter((f) => TRACKED_KINDS.includes(f.kind));
  const inWindow = distinct(tracked.filter((f) => published(f) >= window.from && published(f) <= window.to));
  const before = tracked.filter((f) => published(f) < window.from);
  const changes: RawFigureChange[] = [];
  for (const kind of TRACKED_KINDS) {
    const newestByGroup = new Map<ScopeGroup, StoredFigure>();
    for (const f of inWindow.filter((x) => x.kind === kind)) {
      if (!newestByGroup.has(scopeGroup(f.scope))) newestByGroup.set(scopeGroup(f.scope), f);
    }
    const earlier = before.filter((f) => f.kind === kind);
    for (const [group, to] of newestByGroup) {
      const from = earlier.find((f) => scopeGroup(f.scope) === group) ?? earlier[0] ?? null;
      if (from && from.value === to.value && from.qualifier === to.qualifier) continue;
      changes.push({ kind, from, to, sameScope: !from || scopeGroup(from.scope) === group });
    }
  }
  return changes;
}

/** The changes with their figures cited (the earlier figure first) and described in a line. */
export function citeFigureChanges(corpus: Corpus, book: CitationBook, raw: RawFigureChange[]): FigureChange[] {
  return raw.map(({ kind, from, to, sameScope }) => {
    const before = from ? toDigestFigure(corpus, book, from) : null;
    const after = toDigestFigure(corpus, book, to);
    return { kind, from: before, to: after, sameScope, text: describeChange(kind, before, after) };
  });
}
