import { findDateMentions, type DateMention } from './dates.ts';
import { findNumbers, type NumberSpan } from './numbers.ts';
import type { FigureKind } from '../schema.ts';

/** A figure as found in one sentence, before the article's date and id are attached. */
export interface SentenceFigure {
  kind: FigureKind;
  value: number;
  unit: string | null;
  qualifier: string | null;
  scope: string | null;
  claimant: string | null;
  /** the number as the source wrote it, when in words ("half a million") */
  wording?: string;
}

const KIND_WORDS: Array<[FigureKind, RegExp]> = [
  ['killed', /\b(killed|kills|killing|dead|deaths?|died|dying|fatalities|fatality|lives|slain|death toll|toll)\b/i],
  ['injured', /\b(injured|injuries|injury|injuring|wounded|wounding|hurt)\b/i],
  ['evacuated', /\b(evacuated|evacuees|evacuation|evacuations)\b/i],
  ['displaced', /\b(displaced|displacement|displacing|fled|fleeing|refugees|homeless|uprooted|sheltering)\b/i],
  ['detained', /\b(detained|detainees|detention|captured|prisoners?|captives|arrested|held captive|POWs)\b/i],
  ['missing', /\b(missing|unaccounted for)\b/i],
];
/** Nouns that are counted things, not people, so a number before them is no casualty figure. */
const THINGS = /^(camps?|villages?|homes?|houses?|buildings?|shelters?|tonnes?|tons?|provinces?|districts?|schools?|hospitals?|roads?|bridges?|vehicles?|trucks?|rounds?|shells?|rockets?|sites?|areas?|points?|positions?|bases?|hectares?|dollars?|baht|riel|percent)$/i;
const RELEASE_BEFORE = /\b(release|releasing|freeing|free|return|repatriation|repatriate|handover) of\s*$/i;
const DISTANCE_UNIT = /^[\s-]*(kilomet(?:er|re)s?|km|miles?|metres?|meters?)\b/i;
const DURATION_UNIT = /^[\s-]*(days?|weeks?|months?|years?|hours?)\b/i;
const QUALIFIER = /\b(at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|fewer than|less than|an estimated|at most|close to|upwards of|as many as|just over|just under)\s*$/i;
const SCOPE_STOP = /^(still|now|also|reportedly|began|begins|begin|started|starts|ended|ends|opened|will|would|could|can|may|might|must|said|says|have|has|had|were|was|are|is|be|been|being|currently|reportedly|who|that|which|so|since|as|after|during|and|but|while|with|to|from|by|for|in|at|on|of|the)$/i;
const CLAIMANT = /((?:the |The )?(?:[A-Z][\w'.-]*|of|for|and|the)(?: (?:[A-Z][\w'.-]*|of|for|and|the|foreign|defen[cs]e|interior|health|ministry|minister|spokes(?:man|woman|person)|officials?|authorities|government|army|police|military|media|agency))*) (?:also )?(said|says|reported|reports|stated|announced|claimed|claims|estimated|estimates|confirmed|told)\b/;
const ACCORDING = /according to ((?:the )?[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|of|for|and|the))*)/;

function clauseAfter(sentence: string, span: NumberSpan, next: NumberSpan | undefined): string {
  const end = next ? next.start : sentence.length;
  // "the government's count of 23, because they include people still missing": a clause that gives a reason or
  // adds a remark says nothing of what the number counts.
  return sentence.slice(span.end, end).split(/;|,\s*(?:because|since|although|though|while|whereas|which|who|as)\b/)[0]!.split(/\s+/).slice(0, 10).join(' ');
}

function kindIn(text: string): FigureKind | null {
  let best: { kind: FigureKind; at: number } | null = null;
  for (const [kind, re] of KIND_WORDS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.at)) best = { kind, at: m.index };
  }
  return best?.kind ?? null;
}

function scopeAfter(text: string): string | null {
  const words: string[] = [];
  const tokens = text.trim().split(/\s+/);
  for (const [i, raw] of tokens.entries()) {
    const word = raw.replace(/[,.;:!?)"]+$/, '');
    const next = tokens[i + 1] ?? '';
    const joins = word === 'and' && words.length > 0 && next !== '' && !SCOPE_STOP.test(next) && !kindIn(next);
    const verbLike = /^[a-z]+ed$/.test(word) && words.length > 0;
    if (!joins && (!word || SCOPE_STOP.test(word) || kindIn(word) || verbLike)) break;
    words.push(word);
    if (words.length >= 4 || raw !== word) break;
  }
  return words.length ? words.join(' ') : null;
}

function locationAfterKind(text: string): string | null {
  const m = /\b(?:killed|deaths?|displaced|injured|evacuated|detained|wounded)\s+(in|across|from) ([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)(.{0,12})/.exec(text);
  if (!m) return null;
  // "in Thai air strikes": a capitalised word followed by a lowercase noun is an adjective, not a place.
  if (/^\s+[a-z]/.test(m[3]!) && !/^\s+(since|after|as|on|in|during|by|and|or|from|while|over|this|last|so|but|at|with|when|following)\b/.test(m[3]!)) return null;
  return `${m[1]} ${m[2]}`;
}

function subjectBefore(sentence: string, span: NumberSpan): string | null {
  const before = sentence.slice(0, span.start);
  const verb = /(.*?)(?:,\s*which|\s+(?:has|have|had))?\s+(?:lasted|lasting|spans?|spanned|stretch(?:es|ed)?|runs?|ran|of|for|covering|covers)\s+(?:\w+\s+)?$/i.exec(before);
  const subject = (verb?.[1] ?? '').split(/[,;:]/).pop()!.trim();
  const phrase = subject.split(/\b(?:with|along|across|in|on|at|from)\s+/).pop()!;
  const words = phrase.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  return words.slice(-8).join(' ').replace(/^(the|a|an)\s+/i, '');
}

function wordingOf(span: NumberSpan, unit: string): { wording?: string } {
  if (/^[\d.,\s]+(hundred|thousand|million|billion)?$/i.test(span.text) || /^an?$/i.test(span.text)) return {};
  return { wording: `${span.text}${unit}`.trim() };
}

/** Who a sentence attributes its claims to, if anyone. */
export function findClaimant(sentence: string): string | null {
  const according = ACCORDING.exec(sentence);
  if (according) return according[1]!.replace(/^the /i, '');
  const said = CLAIMANT.exec(sentence);
  if (!said) return null;
  let who = said[1]!.replace(/^(?:On|In|At|But|However|And|Meanwhile)\s+\w+,?\s*/, '').replace(/^(?:the|The) /, '');
  if (/^(He|She|They|It|We|I)$/.test(who)) return null;
  if (!/[A-Z]/.test(who)) return null;
  who = who.replace(/^(?:[A-Z][a-z]+day)\s*,?\s*/, '');
  return who.length > 2 ? who : null;
}

/**
 * Extracts the casualty, displacement, detention, duration and distance figures stated in one sentence. A caller that
 * has already found the sentence's dates, numbers or claimant passes them in (the index build finds each once a sentence).
 */
export function extractFigures(sentence: string, published: string, found: { dates?: DateMention[]; numbers?: NumberSpan[]; claimant?: string | null } = {}): SentenceFigure[] {
  const dateSpans = (found.dates ?? findDateMentions(sentence, published)).map((d) => [d.start, d.start + d.text.length] as const);
  const numbers = (found.numbers ?? findNumbers(sentence)).filter((n) => {
    if (dateSpans.some(([s, e]) => n.start >= s && n.end <= e)) return false;
    if (n.yearLike && !DISTANCE_UNIT.test(sentence.slice(n.end)) && !/^\s*(people|civilians|soldiers|troops)/i.test(sentence.slice(n.end))) return false;
    if (/^(?:st|nd|rd|th)\b|^\s*(?:%|per ?cent)/i.test(sentence.slice(n.end))) return false;
    if (/^(one|a)$/i.test(n.text) && !/^\s*(?:[A-Z][\w-]+\s+)?(person|civilian|soldier|citizen|national|man|woman|child|villager|resident|worker|journalist|monk|officer|policeman|farmer|student)\b/.test(sentence.slice(n.end))) return false;
    return true;
  });
  const claimant = found.claimant !== undefined ? found.claimant : findClaimant(sentence);
  const figures: SentenceFigure[] = [];
  numbers.forEach((span, i) => {
    const after = sentence.slice(span.end);
    const qualifier = QUALIFIER.exec(sentence.slice(Math.max(0, span.start - 30), span.start))?.[1]?.toLowerCase() ?? null;
    const distance = DISTANCE_UNIT.exec(after);
    const duration = DURATION_UNIT.exec(after);
    if (distance || duration) {
      const unitMatch = (distance ?? duration)!;
      const unit = unitMatch[1]!.toLowerCase().replace(/^kilometers?$|^kilometres?$/, 'km').replace(/^miles?$/, 'miles');
      const adjective = /^-/.test(after);
      const scope = adjective ? scopeAfter(after.slice(unitMatch[0].length)) : subjectBefore(sentence, span);
      figures.push({
        kind: distance ? 'distance' : 'duration',
        value: span.value,
        unit: duration ? unit.replace(/s?$/, 's').replace(/^(day|week|month|year|hour)s$/, '$1s') : unit,
        qualifier, scope, claimant: null, ...wordingOf(span, (distance ?? duration)![0]),
      });
      return;
    }
    const clause = clauseAfter(sentence, span, numbers[i + 1]);
    // "killing at least 12 soldiers and wounding 30": the verb right before a number names its kind.
    const leadingVerb = /\b(\w+(?:ing|ed))\s+(?:(?:at least|more than|over|nearly|almost|about|around|approximately|some|up to|an estimated)\s+)?$/i.exec(sentence.slice(Math.max(0, span.start - 40), span.start));
    let kind = (leadingVerb ? kindIn(leadingVerb[1]!) : null) ?? kindIn(clause);
    if (RELEASE_BEFORE.test(sentence.slice(0, span.start).replace(QUALIFIER, ''))) kind = kind ?? 'detained';
    if (!kind) {
      // "The death toll ... has risen to 61": the kind can stand well before its number, within the clause.
      const prevEnd = i > 0 ? numbers[i - 1]!.end : 0;
      const before = sentence.slice(prevEnd, span.start).split(/[;:]/).pop()!.split(/\s+/).slice(-12).join(' ');
      kind = kindIn(before);
    }
    // "killed at least 101 people, including 62 civilians": a figure inside another takes its kind.
    const between = sentence.slice(i > 0 ? numbers[i - 1]!.end : 0, span.start);
    if (!kind && i > 0 && /^\s*[\w-]*,?\s*(including|among them|among whom|of whom|of them)\s+(?:at least |more than |some |about )?$/i.test(between)) {
      kind = figures.at(-1)?.kind ?? null;
    }
    if (!kind) return;
    const scope = scopeAfter(clause);
    // "sheltering in 18 camps", "reached 14 villages": counts of things, not of people.
    if (scope && THINGS.test(scope.split(' ').at(-1)!)) return;
    const location = locationAfterKind(clause);
    figures.push({
      kind, value: span.value, unit: null, qualifier,
      scope: [scope, location].filter(Boolean).join(' ') || null,
      claimant, ...wordingOf(span, ''),
    });
  });
  return figures;
}
