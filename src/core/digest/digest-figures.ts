import type { CitationBook } from '../answer/citations.ts';
import { articleOf } from '../answer/compose.ts';
import type { Corpus, StoredFigure } from '../store/corpus-index.ts';
import { formatShortDate } from '../annotate/dates.ts';
import type { DigestFigure, FigureChange } from './digest-schema.ts';
import { formatNumber } from '../annotate/numbers.ts';
import type { FigureKind } from '../schema.ts';
import { canonicalCountry, isCountryWord } from '../annotate/lexicon.ts';

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

/** The countries a figure is about: named in its scope ("people in Cambodia"), else its claimant's ("Cambodian Ministry"). */
function placeOf(f: Pick<StoredFigure, 'scope' | 'claimant'>): string {
  const countries = (text: string | null) => [...new Set((text ?? '').split(/[^\p{L}']+/u).filter(isCountryWord).map(canonicalCountry))].sort().join('+');
  return countries(f.scope) || countries(f.claimant);
}

/** Figures are compared only within one scope: the same group (all, civilians, soldiers) of the same place. */
function scopeKey(f: Pick<StoredFigure, 'scope' | 'claimant'>): string {
  return `${scopeGroup(f.scope)}|${placeOf(f)}`;
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

/** "killed: at least 41 (22 Dec) -> at least 80 (24 Dec); scope: civilians and soldiers [3][1]"; both figures count the same group. */
function describeChange(kind: FigureKind, from: DigestFigure | null, to: DigestFigure): string {
  const head = from ? `${amount(from)} (${when(from)}) -> ${amount(to)} (${when(to)})` : `${amount(to)} (${when(to)}), first reported`;
  const place = placeOf(to).split('+').filter(Boolean).map((c) => c.replace(/\b\w/g, (l) => l.toUpperCase())).join(' and ');
  const named = place && !(to.scope ?? '').toLowerCase().includes(place.toLowerCase()) ? place : '';
  const scope = to.scope || named ? `; scope: ${[to.scope, named].filter(Boolean).join(', ')}` : '';
  const cites = from && from.n !== to.n ? `[${from.n}][${to.n}]` : `[${to.n}]`;
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
 * The tracked figures the window reports, each against the newest figure of the same kind and scope (group and
 * place) published before the window, skipping the unchanged ones; a scope counted for the first time is a first
 * report, never compared with another scope's count. Figures arrive newest article first, so "first" means newest.
 */
export function findFigureChanges(corpus: Corpus, window: { from: string; to: string }): RawFigureChange[] {
  const published = (f: StoredFigure) => articleOf(corpus, f.p).published;
  // A single person ("one Chinese citizen injured") is a story, not a tally to follow from day to day.
  const tracked = corpus.data.figures.filter((f) => TRACKED_KINDS.includes(f.kind) && f.value > 1);
  const inWindow = distinct(tracked.filter((f) => published(f) >= window.from && published(f) <= window.to));
  const before = tracked.filter((f) => published(f) < window.from);
  const changes: RawFigureChange[] = [];
  for (const kind of TRACKED_KINDS) {
    const newestByScope = new Map<string, StoredFigure>();
    for (const f of inWindow.filter((x) => x.kind === kind)) {
      if (!newestByScope.has(scopeKey(f))) newestByScope.set(scopeKey(f), f);
    }
    const earlier = before.filter((f) => f.kind === kind);
    for (const [key, to] of newestByScope) {
      const from = earlier.find((f) => scopeKey(f) === key) ?? null;
      if (from && from.value === to.value && from.qualifier === to.qualifier) continue;
      changes.push({ kind, from, to, sameScope: true });
    }
  }
  return changes;
}

/** The newest figure of each tracked kind and scope published up to `date`: the last known state on a quiet day. */
export function latestFigures(corpus: Corpus, date: string): StoredFigure[] {
  const seen = new Set<string>();
  return distinct(corpus.data.figures.filter((f) => TRACKED_KINDS.includes(f.kind) && f.value > 1 && articleOf(corpus, f.p).published <= date))
    .filter((f) => {
      const key = `${f.kind}|${scopeKey(f)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** A figure as a line of the last known state: "killed: at least 80 civilians and soldiers (24 Dec) [2]". */
export function describeLatest(figure: DigestFigure): string {
  return `${figure.kind}: ${amount(figure)}${figure.scope ? ` ${figure.scope}` : ''} (${when(figure)}) [${figure.n}]`;
}

/** The last known figures, cited. */
export function citeLatest(corpus: Corpus, book: CitationBook, figures: StoredFigure[]): DigestFigure[] {
  return figures.map((f) => toDigestFigure(corpus, book, f));
}

/** The changes with their figures cited (the earlier figure first) and described in a line. */
export function citeFigureChanges(corpus: Corpus, book: CitationBook, raw: RawFigureChange[]): FigureChange[] {
  return raw.map(({ kind, from, to, sameScope }) => {
    const before = from ? toDigestFigure(corpus, book, from) : null;
    const after = toDigestFigure(corpus, book, to);
    return { kind, from: before, to: after, sameScope, text: describeChange(kind, before, after) };
  });
}
