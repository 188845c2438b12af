import { keepRecent } from '../store/recent.ts';
import { formatDate, formatShortDate, isFutureTense } from '../annotate/dates.ts';
import { findNumbers, formatNumber } from '../annotate/numbers.ts';
import { stemWord } from '../annotate/spelling.ts';
import type { TypedQuery } from '../query/typed-query.ts';
import { countryFormsOf, countryNameOf, encodedAnnotation, type NameCode } from '../store/annotations.ts';
import { roleWords, sameName } from '../annotate/people.ts';
import { isTitle } from '../annotate/entities.ts';
import { buildConcepts, searchPassages, synonymsByStem, withoutForgiven, type Hit } from '../store/retrieve.ts';
import { analyseQuestion } from '../query/question.ts';
import { aboutAskedDate, articleOf, quoteLine, supportLine, articleIndexOf, type ComposeContext, type Composed } from './compose.ts';
import { describeFigure, KIND_TITLE } from './answer-figures.ts';
import type { Corpus, StoredEvent, StoredFigure } from '../store/corpus-index.ts';
import { nameMentionCounts } from '../store/corpus-index.ts';
import { endOf, eventLabel } from './answer-time.ts';
import { holdersNamed, officeAsked, officeFit, peopleIndex, peopleWithName, type RoleEntry } from './people-index.ts';
import type { FigureKind } from '../schema.ts';

/** One possible answer found in one passage. */
export interface Candidate {
  /** what the first line states: "26", "The Resistance Front", "22 April 2025", "17:00" */
  label: string;
  /** candidates with the same key are the same answer from several sources */
  key: string;
  p: number;
  start: number;
  end: number;
  score: number;
  /** for numbers: the counted noun */
  head?: string;
  value?: number;
  /** for a candidate read in a sentence next to the one that matched the question: that sentence */
  anchor?: number;
  /** for dates: the dated expression the candidate came from */
  event?: StoredEvent;
  published: string;
}

/** How many of the best passages candidates are drawn from. */
const POOL = 14;

/**
 * A passage's words, stemmed, and where each starts: two arrays, not an object a word, so that the passages
 * passageWords keeps cost V8's young-generation collections two objects each to copy, not one a word.
 */
interface Words {
  stems: string[];
  starts: number[];
}

function wordsOf(text: string): Words {
  const stems: string[] = [];
  const starts: number[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    stems.push(stemWord(m[0].toLowerCase()));
    starts.push(m.index ?? 0);
  }
  return { stems, starts };
}

/** Most passages whose stemmed words are kept per corpus (see passageWords). */
const WORDS_KEPT = 2_000;
const wordsKept = new WeakMap<Corpus, { words: Map<number, Words>; keep: (p: number) => void }>();

/**
 * A passage's stemmed words, kept per corpus for the WORDS_KEPT passages read last (about 1 MB: a Worker has
 * 128 MB): the best passages of one question are often the best of the next, and stemming every word of each again
 * was a tenth of a question's work.
 */
function passageWords(corpus: Corpus, p: number, text: string): Words {
  let kept = wordsKept.get(corpus);
  if (!kept) {
    const words = new Map<number, Words>();
    wordsKept.set(corpus, (kept = { words, keep: keepRecent(WORDS_KEPT, (q) => words.delete(q)) }));
  }
  let words = kept.words.get(p);
  if (!words) {
    kept.words.set(p, (words = wordsOf(text)));
    kept.keep(p);
  }
  return words;
}

/**
 * How close a span is to the question's words in its sentence, 0..1: each concept found counts by its weight,
 * more when it stands near the span ("killed" three words from "26" says more than at the other end of the sentence).
 */
function nearness(ctx: ComposeContext, { stems, starts }: Words, start: number, end: number): number {
  let total = 0;
  let got = 0;
  for (const concept of ctx.concepts) {
    total += concept.weight;
    let best = Infinity;
    for (let i = 0; i < stems.length; i++) {
      if (!concept.stems.has(stems[i]!)) continue;
      const at = starts[i]!;
      const d = at < start ? start - at : Math.max(0, at - end);
      if (d < best) best = d;
    }
    if (best < Infinity) got += concept.weight * (0.2 + 0.8 / (1 + best / 15));
  }
  return total ? got / total : 0;
}

/** The words of the question as lowercase strings, for "the question already names this" checks. */
function questionMentions(query: TypedQuery, label: string): boolean {
  const q = query.text.toLowerCase();
  const words = label.toLowerCase().split(/[\s-]+/).filter((w) => w.length > 2 && !['the', 'and', 'of'].includes(w));
  return words.length > 0 && words.every((w) => q.includes(w));
}

function pool(ctx: ComposeContext, hits: Hit[], size = POOL): Array<{ p: number; weight: number }> {
  const top = hits[0]?.score || 1;
  return hits.slice(0, size).map((h) => ({ p: h.p, weight: h.score / top }));
}

/** Share of its weight a sentence lends the one before or after it: "at Baisaran ... Armed men opened fire". */
const NEIGHBOUR = 0.45;

/**
 * The pool with each passage's neighbours in its paragraph: a name or date is often given in the sentence next
 * to the one that matches the question.
 */
function poolWithNeighbours(ctx: ComposeContext, hits: Hit[], size = POOL): Array<{ p: number; weight: number; anchor?: number }> {
  const base = pool(ctx, hits, size);
  const best = new Map<number, { weight: number; anchor?: number }>(base.map((x) => [x.p, { weight: x.weight }]));
  for (const { p, weight } of base) {
    const [a, para] = ctx.corpus.data.passages[p]!;
    for (const q of [p - 1, p + 1]) {
      const other = ctx.corpus.data.passages[q];
      if (!other || other[0] !== a || other[1] !== para) continue;
      if ((best.get(q)?.weight ?? 0) < weight * NEIGHBOUR) best.set(q, { weight: weight * NEIGHBOUR, anchor: p });
    }
  }
  return [...best].map(([p, x]) => ({ p, ...x }));
}

/** The claimant's words found in a sentence ("Pakistan", "Pakistani"), for "according to X" questions. */
function claimantFit(query: TypedQuery, text: string, countries: string[][]): number {
  if (!query.claimant) return 1;
  const forms = new Set([query.claimant.toLowerCase()]);
  for (const form of countryFormsOf(countries, query.claimant) ?? []) forms.add(form);
  const lower = text.toLowerCase();
  return [...forms].some((f) => new RegExp(`\\b${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(lower)) ? 1.8 : 0.5;
}

function nameSpans(ctx: ComposeContext, p: number): Array<[number, number, NameCode]> {
  return ctx.corpus.data.annotations[p]?.n ?? [];
}

/** Counted nouns that a synonym group holds together ("soldiers", "troops", "personnel"). */
function sameThingCounted(a: string, b: string): boolean {
  return synonymsByStem().get(a)?.has(b) ?? false;
}

/** Numbers of the counted thing near the question's words. */
export function numberCandidates(ctx: ComposeContext, query: TypedQuery, hits: Hit[]): Candidate[] {
  const out: Candidate[] = [];
  const kinds: FigureKind[] = query.base.kinds.filter((k) => k !== 'duration' && k !== 'distance');
  // "How many people were injured": with a kind asked, "people" says nothing about which number.
  const generic = query.counted !== null && /^(people|persons|individuals)$/i.test(query.counted) && kinds.length > 0;
  const counted = query.counted && !generic ? stemWord(query.counted) : null;
  const inQuestion = new Set(findNumbers(query.text).map((n) => n.value));
  const wantsShare = /\b(percent|percentage|share|proportion|containment|contained|how much of)\b/i.test(query.text);
  const MONEY_BEFORE = /(\$|€|£|₹|\bRs\.?|\b[A-Z]{2,3}\$?)\s*$/;
  const MONEY_AFTER = /^\s*(?:(?:million|billion|trillion|crore|lakh)\s+)?(dollars|rupees|euros|pounds|yuan|yen|baht|riel|shekels|francs)\b/i;
  for (const { p, weight } of pool(ctx, hits)) {
    // "How many died in July?": a figure from another day or month is no answer.
    if (ctx.askedDates.length && !aboutAskedDate(ctx, p)) continue;
    const text = ctx.corpus.data.passages[p]![2];
    const words = passageWords(ctx.corpus, p, text);
    const fit = claimantFit(query, text, ctx.corpus.data.countries);
    for (const [start, end, value, head] of ctx.corpus.data.annotations[p]?.q ?? []) {
      if (inQuestion.has(value)) continue;
      // One person ("a Chinese citizen") is a count only when the question asks about that group.
      if (value <= 1 && !(head && query.terms.some((t) => stemWord(t) === stemWord(head)))) continue;
      const money = MONEY_BEFORE.test(text.slice(Math.max(0, start - 4), start)) || MONEY_AFTER.test(text.slice(end, end + 24));
      if (query.money !== money) continue;
      let typeFit = 1;
      const headStem = head ? stemWord(head) : null;
      if (counted) {
        if (headStem === counted) typeFit = 2.5;
        // "soldiers" asked, "personnel" given; "buildings" asked, "structures" given.
        else if (headStem && sameThingCounted(counted, headStem)) typeFit = 2.2;
        else if (head === 'percent') typeFit = wantsShare ? 1.5 : 0.3;
        else if (headStem && ['peopl', 'person'].includes(counted) && /^(civilian|soldier|resid|victim|tourist|child|women|men|worker|hostag|prison|troop|fighter|militari|individu|peopl|person)/.test(headStem)) typeFit = 1.6;
        else if (headStem) typeFit = 0.35;
        else typeFit = 0.8;
      } else if (wantsShare) typeFit = head === 'percent' ? 2.5 : 0.4;
      else if (head === 'percent') typeFit = 0.6;
      // A figure the index read as the kind asked ("26 killed") fits better than any number nearby; one read as
      // another kind ("525,000 displaced" for an injuries question) hardly fits.
      if (kinds.length) {
        const figures = (ctx.corpus.figuresByPassage.get(p) ?? []).filter((f) => f.value === value);
        if (figures.some((f) => kinds.includes(f.kind))) typeFit *= 2.2;
        else if (figures.length) typeFit *= 0.3;
      }
      const score = weight * (0.25 + nearness(ctx, words, start, end)) * typeFit * fit;
      out.push({
        label: text.slice(start, end), key: `${value}|${headStem ?? ''}`, p, start, end, score,
        head: head || undefined, value, published: articleOf(ctx.corpus, p).published,
      });
    }
  }
  return out;
}

/** The day a passage tells of: its live-blog entry's day, or its article's date. */
export function dayOf(corpus: Corpus, p: number): string {
  // Only a live-blog entry's annotation holds a day of its own: the rest are not decoded for it.
  const ownDay = encodedAnnotation(corpus.data.annotations, p).includes('"d":') ? corpus.data.annotations[p]?.d : undefined;
  return ownDay ?? articleOf(corpus, p).published;
}

/**
 * "How many were still held when Trump announced the deal?": the passage that best tells of that event dates it;
 * a figure from the same report fits best, one reported by then fits, one from later days hardly fits.
 */
export function atEventFit(ctx: ComposeContext, query: TypedQuery): ((c: Candidate) => number) | null {
  if (!query.atEvent) return null;
  const clause = analyseQuestion(query.atEvent);
  const hits = searchPassages(ctx.corpus, withoutForgiven(ctx.corpus, buildConcepts(ctx.corpus, clause.terms), clause.text), 8);
  // News reports an event when it happens and recalls it later: of the passages that tell of it well, the earliest
  // report dates it.
  const strong = hits.filter((h) => h.score >= (hits[0]?.score ?? 0) * 0.45);
  const event = strong.reduce<Hit | undefined>((first, h) => (!first || dayOf(ctx.corpus, h.p) < dayOf(ctx.corpus, first.p) ? h : first), undefined);
  if (!event) return null;
  const article = articleOf(ctx.corpus, event.p).id;
  const day = dayOf(ctx.corpus, event.p);
  return (c) => {
    if (articleOf(ctx.corpus, c.p).id === article) return 1.8;
    // A figure reported after that moment cannot be the one that stood then, unless no other is given.
    return dayOf(ctx.corpus, c.p) <= day ? 1 : 0.2;
  };
}

/** Where a clause ends: a semicolon, a colon or a full stop that is not an initial's ("U.S."). */
const CLAUSE_END = /[;:]|(?<![A-Z])\.(?:\s|$)/;

/** "Who ...?": people first, then organisations, then countries standing for their governments. */
const AGENT_FIT: Record<NameCode, number> = { p: 1.2, o: 1, g: 0.75, n: 0.6 };

/**
 * How surely a name is the doer of the question's action in its sentence (1: no sign): it stands just before the
 * verb ("Tea Seiha signed"), further before it in the same clause, or after "by" that follows it ("mediated by Egypt").
 */
function doesTheAction(text: string, start: number, end: number, eventStems: Set<string>): number {
  if (!eventStems.size) return 1;
  const after = wordsOf(text.slice(end, end + 90).split(CLAUSE_END)[0]!).stems;
  const at = after.findIndex((stem) => eventStems.has(stem));
  if (at >= 0 && !/\bbetween\s+(?:the\s+)?(?:[\p{L}.'-]+\s+(?:and\s+)?){0,3}$/u.test(text.slice(Math.max(0, start - 60), start))) {
    // "hoped to sign", "plans to meet": an intention, not the deed.
    const between = after.slice(0, at);
    if (between.some((w) => /^(hope|plan|want|aim|expect|seek|intend|propos|offer|threaten|tri|try|refus)/.test(w))) return 1.1;
    return at <= 1 ? 2 : 1.5;
  }
  const before = text.slice(Math.max(0, start - 60), start);
  // "mediated by Egypt", "under the witness of U.S. President Trump": the action asked about, then its doer.
  const passive = /([\p{L}]+)\s+(?:by|of)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'-]*\s+){0,4}$/u.exec(before);
  if (passive && eventStems.has(stemWord(passive[1]!.toLowerCase()))) return 2;
  // "between Thailand and Cambodia": the parties to something, not who brought it about.
  if (/\bbetween\s+(?:the\s+)?(?:[\p{L}.'-]+\s+(?:and\s+)?){0,3}$/u.test(before)) return 0.5;
  // After the verb in its clause a name is its object or a bystander ("signed ..., brokered by Trump").
  const clause = text.slice(0, start).split(CLAUSE_END).at(-1)!;
  return wordsOf(clause).stems.some((stem) => eventStems.has(stem)) ? 0.6 : 1;
}

/**
 * Text before a place that says the place is where something is or happens: "in" or "at", possibly before other
 * places of a list ("in Pasadena and"), a possessor ("in Punjab's") or a place noun ("in the resort town of"); or
 * "near", "outside", "from" just before it ("outside the town of X" says where the event was not).
 */
const PLACE_NOUN = 'city|town|village|resort|district|province|region|county|state|port|capital|area|suburb|neighbou?rhoods?|community|island|municipality|commune|department|parish|valley|coast';
/** "near", "outside", "from" just before a place: close to it only. */
const NEAR_BEFORE = /\b(?:[Nn]ear|[Oo]utside|[Ff]rom|[Aa]cross|[Aa]round)\s+(?:the\s+)?$/;
const LOCATED = new RegExp(
  `(?:${NEAR_BEFORE.source}|\\b(?:[Ii]n|[Aa]t|[Ii]nto|[Ii]nside)\\s+(?:the\\s+)?`
  + `(?:(?:[\\p{L}'-]+\\s+){0,3}(?:${PLACE_NOUN})\\s+of\\s+(?:the\\s+)?)?`
  + `(?:\\p{Lu}[\\p{L}'.-]*(?:\\s+\\p{Lu}[\\p{L}'.-]*){0,3}(?:'s\\s+|,\\s+|\\s+and\\s+|,\\s+and\\s+))?$)`,
  'u',
);

/**
 * Whether a name is listed with a name the question gives, before a shared noun: asked about "the Eaton fire",
 * "Hurst" in "the Hurst, Eaton and Palisades fires" is another fire, not an answer.
 */
function peerOfAsked(ctx: ComposeContext, query: TypedQuery, p: number, start: number, end: number): boolean {
  const text = ctx.corpus.data.passages[p]![2];
  const spans = nameSpans(ctx, p).map(([s, e]) => [s, e] as const).sort((a, b) => a[0] - b[0]);
  const at = spans.findIndex(([s]) => s === start);
  if (at < 0) return false;
  // The run of names joined by commas and "and" around this one.
  let lo = at;
  let hi = at;
  const joined = (a: readonly [number, number], b: readonly [number, number]) => /^(?:,\s*(?:and\s+)?|\s+and\s+|,?\s+or\s+)$/.test(text.slice(a[1], b[0]));
  while (lo > 0 && joined(spans[lo - 1]!, spans[lo]!)) lo--;
  while (hi < spans.length - 1 && joined(spans[hi]!, spans[hi + 1]!)) hi++;
  if (lo === hi) return false;
  const run = spans.slice(lo, hi + 1);
  if (!run.some(([s, e]) => s !== start && questionMentions(query, text.slice(s, e)))) return false;
  // Peers share the noun after the list ("fires"); without one they may be a place list ("in Paris and Lyon").
  const after = /^\s+([\p{L}]+)/u.exec(text.slice(run.at(-1)![1], run.at(-1)![1] + 30))?.[1];
  return after !== undefined && /^\p{Ll}/u.test(after);
}

const NAME_TYPES: Record<string, NameCode[]> = {
  agent: ['p', 'o', 'g', 'n'],
  person: ['p', 'n'],
  place: ['g', 'n'],
};

/** Whether the sources name this as someone or something ("Robert Luna", "Luna"), rather than it being a role. */
export function isKnownName(ctx: ComposeContext, text: string): boolean {
  const wanted = text.replace(/[?.!]+$/, '').trim();
  if (!wanted) return false;
  // Every word asked must be the name's: "Trump" is Donald Trump, "India's DGMO" is not the name "DGMO".
  const words = wanted.toLowerCase().split(/\s+/);
  const covers = (name: string) => { const own = name.toLowerCase().split(/\s+/); return words.every((w) => own.includes(w)); };
  // Only names holding the first word asked can cover it: the index by word finds them.
  return (namesByWord(ctx.corpus).get(words[0]!) ?? []).some(covers);
}

const nameWordIndexes = new WeakMap<object, Map<string, string[]>>();

/** Every name the sources write or give a role, by each of its words: built once per corpus. */
export function namesByWord(corpus: Corpus): Map<string, string[]> {
  let index = nameWordIndexes.get(corpus);
  if (index) return index;
  index = new Map();
  for (const name of [...nameMentionCounts(corpus).keys(), ...corpus.data.people.map((person) => person.name)]) {
    for (const word of new Set(name.toLowerCase().split(/\s+/))) {
      const list = index.get(word);
      if (list) list.push(name);
      else index.set(word, [name]);
    }
  }
  nameWordIndexes.set(corpus, index);
  return index;
}

/** Names of the expected type near the question's words; names the question itself gives are not answers. */
export function nameCandidates(ctx: ComposeContext, query: TypedQuery, hits: Hit[], type: 'agent' | 'person' | 'place'): Candidate[] {
  const out: Candidate[] = [];
  const allowed = type === 'agent' && query.wantsOrg ? ['o', 'n'] as NameCode[] : NAME_TYPES[type]!;
  const mentions = nameMentions(ctx);
  const termStems = new Set(ctx.concepts.flatMap((c) => [...c.stems]));
  const eventStems = new Set(query.event.map(stemWord));
  for (const concept of ctx.concepts) if (eventStems.has(stemWord(concept.term))) for (const stem of concept.stems) eventStems.add(stem);
  // A list item in the passive with no "by": its lead-in says who acted (the pattern made once a question).
  const passiveRe = type === 'agent' ? new RegExp(`\\b(?:has|have|had|was|were|is|are|been|being)\\s+(?:\\w+\\s+)?(?:${[...eventStems].map((e) => e.replace(/[^\p{L}]/gu, '')).join('|') || '-'})\\w*\\b(?![^.;]*\\bby\\b)`, 'iu') : null;
  for (const { p, weight, anchor } of poolWithNeighbours(ctx, hits)) {
    const text = ctx.corpus.data.passages[p]![2];
    const words = passageWords(ctx.corpus, p, text);
    const passive = passiveRe !== null && passiveRe.test(text);
    const doer = passive ? leadInDoer(ctx, p) : null;
    if (doer && !questionMentions(query, doer)) {
      const score = weight * (0.2 + nearness(ctx, words, 0, 0)) * AGENT_FIT.p * 1.5;
      out.push({ label: doer, key: doer.toLowerCase(), p, start: 0, end: 0, score, published: articleOf(ctx.corpus, p).published, anchor });
    }
    for (const [start, end, code] of nameSpans(ctx, p)) {
      if (!allowed.includes(code)) continue;
      let label = text.slice(start, end);
      if (questionMentions(query, label)) continue;
      // "Who mediated the October accord?": a name holding a word of the question ("... Peace Accord") is the thing asked about.
      if (type !== 'place' && wordsOf(label).stems.some((stem) => termStems.has(stem))) continue;
      const country = countryNameOf(ctx.corpus.data.countries, label);
      const demonym = country !== null && country.toLowerCase() !== label.toLowerCase().replace(/'s$/, '');
      // "Egyptian", "Qatari": an adjective of a country is no place; as a doer it stands for the country.
      if (demonym && type === 'place') continue;
      if (demonym && type === 'agent') label = country!;
      if (country && questionMentions(query, country)) continue;
      let typeFit = type === 'agent' && !query.wantsOrg ? AGENT_FIT[code] : code === 'n' ? 0.6 : 1;
      const before = text.slice(Math.max(0, start - 12), start);
      if (type === 'agent') typeFit *= doesTheAction(text, start, end, eventStems);
      // Asked who holds a role, a name the sources never give that role counts little.
      if (query.answerType === 'role' && query.subject) {
        const fit = roleFit(ctx, label, query.subject);
        // someone the sources give another office (the foreign minister, asked for the defence minister) is not it
        if (fit === OTHER_OFFICE) continue;
        typeFit *= fit > 0 ? 1 + 3 * fit : 0.4;
      }
      // "before Trump's visit": a possessor modifies a noun; it is not the one who acted.
      if (type !== 'place' && /^'s\b/.test(text.slice(end, end + 3))) typeFit *= 0.5;
      if (type === 'place') {
        const lead = text.slice(Math.max(0, start - 80), start);
        // "in Pasadena and Altadena", "in Punjab's Firozpur district", "in the resort town of Sharm": the
        // preposition reaches every place of a list, past a possessor, and a place noun's "of" is one too.
        // "near Pasadena", "outside the town": only close to the place, so it says less than "in".
        if (LOCATED.test(lead)) typeFit *= NEAR_BEFORE.test(lead) ? 1.2 : 1.6;
        // "in the Angeles National Forest in Los Angeles County": the place a located place lies in is the wider one,
        // and so is one named as a county, state or province.
        if (/\p{Lu}[\p{L}'.-]*\s+in\s+(?:the\s+)?$/u.test(lead) && nameSpans(ctx, p).some(([, e]) => /^\s+in\s+(?:the\s+)?$/.test(text.slice(e, start)))) typeFit *= 0.6;
        if (/\b(County|State|Province|Region|Governorate|Oblast)$/.test(label)) typeFit *= 0.7;
        // "Punjab's Firozpur district": the possessor is the wider place.
        if (/^'s\s+\p{Lu}/u.test(text.slice(end, end + 5))) typeFit *= 0.5;
        // "a Gaza summit", "the Eaton fire": a name that modifies the very thing asked about is not where it is.
        const next = /^\s+([\p{L}]+)/u.exec(text.slice(end, end + 30))?.[1];
        if (next && termStems.has(stemWord(next.toLowerCase()))) typeFit *= 0.3;
        // "the leaders of Egypt, Qatar and Turkey": a name completing a noun of the question says whose, not where.
        const whose = /([\p{L}]+)\s+of\s+(?:the\s+)?(?:\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3}(?:,\s+|\s+and\s+|,\s+and\s+))?$/u.exec(lead);
        if (whose && termStems.has(stemWord(whose[1]!.toLowerCase()))) typeFit *= 0.4;
        // "the Hurst, Eaton and Palisades fires": names listed with the one asked about are its peers.
        if (peerOfAsked(ctx, query, p, start, end)) continue;
        // A country, or a place the corpus names everywhere, is less exact than the venue or town of one event.
        if (countryFormsOf(ctx.corpus.data.countries, label)) typeFit *= 0.4;
        typeFit *= 1 / (1 + 0.35 * Math.log2(mentions.get(label.toLowerCase()) ?? 1));
      }
      if (type === 'agent' && /\bby\s+(the\s+)?$/i.test(before)) typeFit *= 1.4;
      const score = weight * (0.2 + nearness(ctx, words, start, end)) * typeFit;
      out.push({ label, key: label.toLowerCase().replace(/^the\s+/, ''), p, start, end, score, published: articleOf(ctx.corpus, p).published, anchor });
    }
  }
  return out;
}

/** A lead-in's doer: "The Governor also announced the following actions:", "Dovic listed these steps:". */
const LEAD_DOER = /^(?:the\s+)?([\p{L}.'-]+(?:\s+[\p{L}.'-]+){0,3}?)\s+(?:also\s+|then\s+|has\s+|have\s+|had\s+)?(?:announced|said|listed|set out|ordered|approved|unveiled|outlined|agreed|declared|decided|took|called for|promised|pledged)\b/iu;

/**
 * Who did what a list item reports in the passive ("The deployment of the Guard has been doubled"): the doer of
 * its lead-in, named there, or named by the role it gives ("The Governor"), in the same article first.
 */
function leadInDoer(ctx: ComposeContext, p: number): string | null {
  const lead = ctx.corpus.data.annotations[p]?.l;
  const doer = lead ? LEAD_DOER.exec(lead)?.[1] : undefined;
  if (!doer) return null;
  // A name in the lead-in: people holding its first word, found by the index of names by word.
  const named = (namesByWord(ctx.corpus).get(doer.toLowerCase().split(/\s+/)[0]!) ?? []).find((name) => sameName(name, doer) && ctx.corpus.data.people.some((person) => person.name === name));
  if (named) return named;
  const wanted = roleWords(doer);
  if (!wanted.length) return null;
  const article = articleIndexOf(ctx.corpus, p);
  let best: { name: string; score: number } | null = null;
  for (const held of roleIndex(ctx.corpus).get(wanted[0]!) ?? []) {
    if (!wanted.every((w) => held.words.has(w))) continue;
    const score = articleIndexOf(ctx.corpus, held.p) === article ? 2 : 1;
    if (!best || score > best.score) best = { name: held.name, score };
  }
  return best?.name ?? null;
}

/** How many times the sources write each name: the index's name table (built with the index, not per question). */
function nameMentions(ctx: ComposeContext): Map<string, number> {
  return nameMentionCounts(ctx.corpus);
}

/** Whether the date at `start` follows "since": the start of some state ("held since October 7, 2023"). */
function sinceDate(text: string, start: number): boolean {
  return /\bsince\s+$/i.test(text.slice(Math.max(0, start - 8), start));
}

/** Whether a word of the stems stands within three words before the span or one after it ("took effect on Wednesday"). */
function nearVerb(words: Words, stems: Set<string>, start: number, end: number): boolean {
  const at = words.starts.findIndex((s) => s >= start);
  const from = at < 0 ? words.stems.length : at;
  const after = words.starts.findIndex((s) => s >= end);
  const window = [...words.stems.slice(Math.max(0, from - 3), from), ...(after >= 0 ? words.stems.slice(after, after + 1) : [])];
  return window.some((stem) => stems.has(stem));
}

/** A wait ahead: "at least another week", "within two days", "in the coming weeks", "one more week". */
const WAIT_AHEAD = /\b(?:(?:at least|up to|about|roughly|nearly)\s+)?(?:another|one more|a further|within|in the (?:next|coming)|in)\s+(?:(?:a|one|two|three|four|five|six|several|a few|few|\d+)\s+)?(?:more\s+)?(?:days?|weeks?|months?|hours?)\b/gi;

const SPEECH_WORD = /\b(said|says|say|saying|told|tell|telling|speaking|spoke|speak|announced|announce|announcing|wrote|posted|tweeted|added|statement|interview|briefing|press conference|remarks)\b/i;
const SPEECH_WORDS = new RegExp(SPEECH_WORD.source, 'gi');

/**
 * Whether a date says when something was said rather than when the thing said happens: a speech word governs it
 * with no verb or new subject between ("Speaking by phone on Wednesday", "told reporters on Thursday", "said on
 * Monday"), unlike "said he expected them to be freed on Monday".
 */
function statementDate(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 90), start);
  const speech = [...before.matchAll(SPEECH_WORDS)].at(-1);
  if (!speech) return false;
  const gap = before.slice((speech.index ?? 0) + speech[0].length);
  return gap.split(/\s+/).length <= 12 && !/[;:]/.test(gap)
    && !/\b(he|she|they|it|we|i|you|that|will|would|could|should|to be|is|are|was|were|\w+ed|\w+ing)\b/i.test(gap);
}

/** Dates of events near the question's words, resolved against their article's date. */
export function dateCandidates(ctx: ComposeContext, query: TypedQuery, hits: Hit[]): Candidate[] {
  const out: Candidate[] = [];
  const asked = new Set(ctx.askedDates.map((d) => d.date).filter(Boolean));
  const future = /\b(will|next|due|scheduled|expect\w*|plan\w*|hop\w+ to|intend\w*|going to|set to|supposed to|again)\b/i.test(query.text)
    || !/\b(did|was|were|had|happened|began|started|signed|ended)\b/i.test(query.text);
  // "When is the next meeting?": only what lies after the newest report counts as next.
  const next = /\b(next|upcoming|coming|forthcoming|future)\b/i.test(query.text);
  const newest = ctx.corpus.data.articles[0]?.published ?? '';
  const asksAboutStatement = SPEECH_WORD.test(query.text);
  // "When can / will / could ...?": a wait ahead answers as well as a date.
  const ahead = /^\s*(when|how soon)\s+(can|could|will|would|should|might|may|are .* expected|is .* expected)\b/i.test(query.text);
  // "When did the lorry ban start?": the question ends on what happened; a date right by that verb dates it.
  const lastWord = /(?:^|\s)([\p{L}'-]+)[?.!\s]*$/u.exec(query.text)?.[1]?.toLowerCase();
  const verb = /^\s*when\s+(did|does|do|will|would|was|were|is|are|has|have|had)\b/i.test(query.text) && lastWord
    ? ctx.concepts.find((c) => c.term === lastWord) : undefined;
  for (const { p, weight, anchor } of poolWithNeighbours(ctx, hits, next ? 40 : POOL)) {
    const text = ctx.corpus.data.passages[p]![2];
    const words = passageWords(ctx.corpus, p, text);
    const events = ctx.corpus.eventsByPassage.get(p) ?? [];
    // "A short time ago the army commenced the operation": a report of something just done is dated by its article.
    const lead = (ctx.corpus.articlePassages[articleIndexOf(ctx.corpus, p)] ?? []).indexOf(p);
    // A live-blog entry's first sentence reports what happened on the entry's day.
    const { annotations } = ctx.corpus.data;
    const opensEntry = annotations[p]?.t !== undefined && annotations[p - 1]?.t !== annotations[p]?.t;
    // Its dates, but for "since" ones (the start of a state, not this event).
    const sinceOnly = events.every((e) => sinceDate(text, text.indexOf(e.text)));
    if (sinceOnly && !future && weight >= 0.5 && ((lead >= 0 && lead < 3) || opensEntry) && !isFutureTense(text)) {
      const published = dayOf(ctx.corpus, p);
      const event: StoredEvent = { p, date: published, month: published.slice(0, 7), text, future: false, explicit: false };
      out.push({ label: eventLabel(event), key: published, p, start: 0, end: text.length, score: weight * (opensEntry ? 0.8 : 0.35) * (0.2 + nearness(ctx, words, 0, 0)), published, event });
    }
    // "When can residents go home?" -> "at least another week": a wait stated as a span from the report's day.
    if (ahead) {
      for (const m of text.matchAll(WAIT_AHEAD)) {
        const start = m.index ?? 0;
        const label = m[0].trim().replace(/^./, (c) => c.toUpperCase());
        const score = weight * (0.2 + nearness(ctx, words, start, start + m[0].length)) * 0.9;
        out.push({ label, key: m[0].toLowerCase(), p, start, end: start + m[0].length, score, published: articleOf(ctx.corpus, p).published, anchor });
      }
    }
    for (const event of events) {
      if (event.date !== null && asked.has(event.date)) continue;
      // "detained since July": when something began, not when the thing asked about happens.
      if (/^since\b/i.test(event.text)) continue;
      if (next && !(event.future && (event.date ?? `${event.month}-31`) > newest)) continue;
      const start = text.indexOf(event.text);
      if (start < 0) continue;
      const tense = event.future === future ? 1 : 0.6;
      // "held since October 7, 2023": the start of some state, seldom the event asked about.
      const since = sinceDate(text, start) ? 0.5 : 1;
      // "Speaking to reporters on Thursday, she said they would return on Sunday": Thursday dates what was said.
      const said = !asksAboutStatement && statementDate(text, start) ? 0.45 : 1;
      const byVerb = verb && nearVerb(words, verb.stems, start, start + event.text.length) ? 1.5 : 1;
      // "A lawsuit filed Monday alleges ... started the fire": a date right after another deed dates that deed (asked
      // about a past event; "to be signed this Sunday" may well date what a plan will do).
      const deed = /([\p{L}]+ed)\s+(?:on\s+|last\s+|this\s+)?$/u.exec(text.slice(Math.max(0, start - 24), start))?.[1];
      const otherDeed = !future && deed && !ctx.concepts.some((c) => c.stems.has(stemWord(deed.toLowerCase()))) ? 0.55 : 1;
      const score = weight * (0.2 + nearness(ctx, words, start, start + event.text.length)) * tense * since * said * byVerb * otherDeed * (event.date ? 1 : 0.8);
      out.push({
        label: `${event.future ? 'Scheduled for ' : ''}${eventLabel(event)}`, key: event.date ?? event.month ?? event.text,
        p, start, end: start + event.text.length, score, published: articleOf(ctx.corpus, p).published, event, anchor,
      });
    }
  }
  return out;
}

/** Times of day near the question's words; a live-blog entry's stamp counts a little. */
export function timeCandidates(ctx: ComposeContext, query: TypedQuery, hits: Hit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { p, weight } of pool(ctx, hits)) {
    const text = ctx.corpus.data.passages[p]![2];
    const words = passageWords(ctx.corpus, p, text);
    const published = articleOf(ctx.corpus, p).published;
    for (const [start, end, time] of ctx.corpus.data.annotations[p]?.tm ?? []) {
      const score = weight * (0.2 + nearness(ctx, words, start, end));
      out.push({ label: time, key: time, p, start, end, score, published });
    }
  }
  return out;
}

/** When a candidate was reported: its article's date, then its live-blog time, then its place in the article. */
function reportedAt(ctx: ComposeContext, c: Candidate): string {
  return `${c.published} ${ctx.corpus.data.annotations[c.p]?.t ?? '99:99'} ${String(1e6 - c.p).padStart(7, '0')}`;
}

/**
 * Candidates of one answer added up: the same answer from several passages gains, with diminishing returns.
 * For "latest" the newest of the close candidates leads, for "first" the earliest reported.
 */
export function rankCandidates(ctx: ComposeContext, candidates: Candidate[], order: 'latest' | 'newest' | 'earliest' | null, agreement = 0.15): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  const ranked = [...groups.values()].map((group) => {
    const sorted = group.sort((a, b) => b.score - a.score);
    const total = sorted[0]!.score + agreement * sorted.slice(1, 4).reduce((s, c) => s + c.score, 0);
    return { group: sorted, total };
  }).sort((a, b) => b.total - a.total);
  if (order && ranked.length > 1) {
    const best = ranked[0]!.total;
    // Asked for the latest, a newer figure leads even when an older one fits the words a little better.
    const close = ranked.filter((r) => r.total >= best * (order === 'latest' ? 0.3 : order === 'newest' ? 0.5 : 0.6));
    const when = (r: (typeof ranked)[number]) => reportedAt(ctx, r.group[0]!);
    const pick = close.reduce((n, r) => ((order === 'earliest' ? when(r) < when(n) : when(r) > when(n)) ? r : n), close[0]!);
    return [pick, ...ranked.filter((r) => r !== pick)].map((r) => r.group);
  }
  return ranked.map((r) => r.group);
}

/** Names joined to the best one in its sentence by commas and "and": "mediated by Egypt, Qatar and Turkey". */
function coordinated(ctx: ComposeContext, best: Candidate, allowed: NameCode[]): string[] {
  const text = ctx.corpus.data.passages[best.p]![2];
  const own = nameSpans(ctx, best.p).find(([s]) => s === best.start);
  if (!own) return [best.label];
  // A possessor belongs to the title after it: "Natthaphon Narkphanit and Cambodia's Defence Minister Tea Seiha" joins two people.
  const spans = nameSpans(ctx, best.p)
    .filter(([s, e, code]) => allowed.includes(code) && (s === own[0] || !/^'s\b/.test(text.slice(e, e + 3))))
    .sort((a, b) => a[0] - b[0]);
  const at = spans.findIndex(([s]) => s === best.start);
  const joins = (a: [number, number, NameCode], b: [number, number, NameCode]) => {
    const gap = text.slice(a[1], b[0]).replace(/\b\p{Lu}[\p{L}.'-]*(?:'s)?\s*/gu, '');
    return /^(,\s*(and\s+)?|\s+and\s+|\s*,?\s*as well as\s+)(the\s+)?$/i.test(gap);
  };
  let lo = at;
  let hi = at;
  while (lo > 0 && joins(spans[lo - 1]!, spans[lo]!)) lo--;
  while (hi < spans.length - 1 && joins(spans[hi]!, spans[hi + 1]!)) hi++;
  return spans.slice(lo, hi + 1).map(([s, e]) => text.slice(s, e));
}

/** The place a question names after "in", "at" or "near" ("killed in Orsk" -> "Orsk"), or null. */
function placeAsked(text: string): string | null {
  return /\b(?:in|at|near)\s+((?:\p{Lu}[\p{L}'.-]*)(?:\s+\p{Lu}[\p{L}'.-]*){0,3})/u.exec(text.replace(/^\W*\p{L}+/u, ''))?.[1]?.replace(/'s$/, '') ?? null;
}

/**
 * Whether a figure's passage is about a place: it names it, or the sentence before it, its section heading or its
 * report's headline does (the rest of a report may name the place for other things).
 */
function reportNames(ctx: ComposeContext, p: number, place: string): boolean {
  const a = articleIndexOf(ctx.corpus, p);
  const own = ctx.corpus.articlePassages[a] ?? [];
  const at = own.indexOf(p);
  const near = [p, ...(at > 0 ? [own[at - 1]!] : [])].map((q) => ctx.corpus.data.passages[q]![2]);
  return [ctx.corpus.data.articles[a]!.title, ctx.corpus.data.annotations[p]?.s ?? '', ...near].some((text) => text.includes(place));
}

/** The first line and its support for a typed answer, or null when no candidate has enough support. */
export function composeCandidates(ctx: ComposeContext, query: TypedQuery, ranked: Candidate[][], type: string, sideBySide = false): Composed | null {
  const best = ranked[0]?.[0];
  if (!best || best.score < 0.08) return null;
  const cite = ctx.book.cite(best.p);
  const when = formatShortDate(best.published);
  let lead: string;
  const shown = [best];
  if (type === 'number') return composeNumber(ctx, query, ranked, sideBySide);
  if (type === 'agent' || type === 'person') {
    // Names the question gives ("who signed the declaration in Sharm el-Sheikh") are not among the doers.
    const names = [...new Set(coordinated(ctx, best, NAME_TYPES[type]!).filter((name) => name === best.label || !questionMentions(query, name))
      .map((name) => countryNameOf(ctx.corpus.data.countries, name) ?? name))]
      .map((name) => withRole(ctx, name, best.p));
    lead = `${names.join(names.some((n) => n.includes('(')) ? ` ${cite}; ` : ', ')} ${cite}`;
    // Doers that other passages support about as well ("Malaysia" beside "Donald Trump") are named too.
    // A sentence that lists the doers together is taken as the whole list.
    const listed = names.length > 1;
    for (const group of ranked.slice(1, 4)) {
      const other = group[0]!;
      if (type !== 'agent' || listed || other.score < best.score * 0.75 || names.length >= 4) continue;
      const name = countryNameOf(ctx.corpus.data.countries, other.label) ?? other.label;
      if (names.some((n) => sameName(n.replace(/\s*\(.*$/, ''), name))) continue;
      names.push(name);
      shown.push(other);
      lead += `; ${withRole(ctx, name, other.p)} ${ctx.book.cite(other.p)}`;
    }
    lead += '.';
  } else if (type === 'role') {
    lead = `${withRole(ctx, best.label, best.p)} ${cite}.`;
  } else if (type === 'place') {
    // "in Pasadena and Altadena": places named together are given together.
    const places = coordinated(ctx, best, NAME_TYPES.place!);
    // The source's own preposition: "near Pasadena" is not "in Pasadena"; "from Vellmark" answers where from.
    const before = ctx.corpus.data.passages[best.p]![2].slice(Math.max(0, best.start - 24), best.start);
    const said = /\b(in|at|near|from|outside|off|inside)\s+(?:the\s+)?$/i.exec(before)?.[1]?.toLowerCase();
    const preposition = said ?? (/\bfrom\b/i.test(query.text) ? 'from' : 'in');
    lead = `${preposition} ${places.length > 1 ? `${places.slice(0, -1).join(', ')} and ${places.at(-1)}` : best.label} ${cite}.`;
  } else if (type === 'date' && best.event) {
    const end = endOf(ctx, query.text, best.event);
    if (end) return end;
    lead = `${best.label} ${cite}.`;
  } else {
    lead = `${best.label} ${cite} (${when})`;
  }
  const lines = [lead];
  // The sentence that gave the answer, then the one next to it that matched the question, in reading order.
  const quoted = new Set<number>();
  for (const c of shown) {
    for (const p of [c.p, c.anchor].filter((x): x is number => x !== undefined).sort((x, y) => x - y)) {
      // Two doers from one sentence quote it once.
      if (!quoted.has(p)) lines.push(supportLine(ctx, p));
      quoted.add(p);
    }
  }
  for (const group of ranked.slice(1, 3)) {
    const c = group[0]!;
    if (!shown.some((s) => s.p === c.p) && c.score >= best.score * 0.5 && lines.length < 5) lines.push(supportLine(ctx, c.p));
  }
  return { lines, figures: [] };
}

/** "Donald Trump (U.S. President)": a person's name with the role the sources give, the one in this passage first. */
function withRole(ctx: ComposeContext, name: string, p: number): string {
  const people = peopleWithName(ctx.corpus.data.people, name);
  const roles = people.flatMap((person) => person.roles);
  const role = roles.find((r) => r.p === p) ?? roles[0];
  const full = people.find((person) => person.name.length >= name.length)?.name ?? name;
  return role ? `${full} (${role.role})` : name;
}

/** Most mentions of holders of a role asked about to weigh, of those of the country asked and of the rest each. */
const MAX_HOLDERS = 40;

const rolesOfAcronyms = new WeakMap<Array<[string, string]>, { long: Map<string, string[]>; shortOf: Map<string, string> }>();

/** Each acronym's long form as role words, and the other way round: made once per corpus's list, not per question. */
function acronymRoles(acronyms: Array<[string, string]>): { long: Map<string, string[]>; shortOf: Map<string, string> } {
  let roles = rolesOfAcronyms.get(acronyms);
  if (!roles) {
    const long = new Map(acronyms.map(([short, full]) => [short.toLowerCase(), roleWords(full)]));
    rolesOfAcronyms.set(acronyms, (roles = { long, shortOf: new Map([...long].map(([short, words]) => [words.join(' '), short])) }));
  }
  return roles;
}

/** Roles of people with a name by each of their words (people-index.ts), not every role the sources give. */
function roleIndex(corpus: Corpus): Map<string, RoleEntry[]> {
  return peopleIndex(corpus.data.people).holdersByWord;
}

/**
 * "Who is India's DGMO?": people whose role in the sources carries every word of the one asked (an acronym counts
 * as its long form and the long form as it), from anywhere in the corpus, not only the best passages. A role
 * that names another country is someone else's ("Pakistan's Director General ...").
 */
export function roleHolders(ctx: ComposeContext, query: TypedQuery): Candidate[] {
  if (!query.subject) return [];
  const { countries, acronyms } = ctx.corpus.data;
  // "India's DGMO": the possessor says whose; the rest is the role.
  const possessor = /^\s*([\p{L}.-]+)'s\s+/u.exec(query.subject)?.[1]?.toLowerCase() ?? null;
  const subjectWords = roleWords(query.subject.replace(/^\s*[\p{L}.-]+'s\s+/u, ''));
  const asked = (possessor && (countryNameOf(countries, possessor) ?? possessor)) || (subjectWords.map((w) => countryNameOf(countries, w)).find((c): c is string => c !== null) ?? null);
  const wanted = subjectWords.filter((w) => !countryNameOf(countries, w));
  if (!wanted.length) return [];
  // An acronym asked may be written out in the role, and the other way round.
  const { long, shortOf } = acronymRoles(acronyms);
  const has = (held: RoleEntry, word: string) => held.words.has(word) || (long.get(word)?.every((w) => held.words.has(w)) ?? false);
  // Every word asked must be held: the roles holding the rarest of them ("prime", not "minister") are all there is to read.
  const index = roleIndex(ctx.corpus);
  const lists = (w: string) => [index.get(w) ?? [], index.get(long.get(w)?.[0] ?? '') ?? []];
  const size = (w: string) => lists(w).reduce((n, list) => n + list.length, 0);
  const rarest = wanted.reduce((a, b) => (size(b) < size(a) ? b : a));
  const whole = shortOf.get(wanted.join(' '));
  const keys = [...new Set([rarest, long.get(rarest)?.[0], whole].filter((k): k is string => Boolean(k)))];
  // A country asked ("Thai defence minister"): another country's roles are never read, and once MAX_HOLDERS roles
  // naming no country are taken, only the country's own are (see holdersOf); passages are numbered newest first.
  const country = asked !== null && countryNameOf(countries, asked) === asked ? asked : null;
  const split = keys.map((k) => holdersOf(ctx.corpus, k));
  const own = country ? newestFirst(split.map((h) => h.byCountry.get(country) ?? [])) : [];
  const other = newestFirst(split.map((h) => (country ? h.none : h.all)));
  const out: Candidate[] = [];
  // Someone named with the role every day is one candidate, not hundreds: the two newest mentions each. Passages
  // are stored newest first, so the newest holders come first; past MAX_HOLDERS of a standing, older ones add nothing.
  const perName = new Map<string, number>();
  const perStanding = [0, 0];
  for (let i = 0, j = 0; i < own.length || j < other.length;) {
    // every standing that can still take someone is full: the older rest adds nothing
    if (perStanding[0]! >= MAX_HOLDERS && (asked === null || perStanding[1]! >= MAX_HOLDERS)) break;
    // roles naming no country only fill the standing they count in: once it is full, the country's own are left
    if (country && perStanding[0]! >= MAX_HOLDERS) j = other.length;
    const held = j >= other.length || (i < own.length && own[i]!.p <= other[j]!.p) ? own[i++]! : other[j++]!;
    if (!held) break;
    if ((perName.get(held.name) ?? 0) >= 2) continue;
    if (!wanted.every((w) => has(held, w)) && !(whole && held.words.has(whole))) continue;
    const named = countriesNamed(held, countries);
    const isOwn = asked !== null && (named.includes(asked) || held.words.has(asked.toLowerCase()));
    if (asked && named.length && !isOwn) continue;
    if (perStanding[Number(isOwn)]! >= MAX_HOLDERS) continue;
    perStanding[Number(isOwn)]!++;
    const score = 0.5 * (isOwn ? 1.3 : 1);
    perName.set(held.name, (perName.get(held.name) ?? 0) + 1);
    out.push({ label: held.name, key: held.name.toLowerCase(), p: held.p, start: 0, end: 0, score, published: articleOf(ctx.corpus, held.p).published });
  }
  return out;
}

/** The roles of people with a name holding one word (roleIndex), newest first, and split by the countries they name. */
interface Holders {
  all: RoleEntry[];
  none: RoleEntry[];
  byCountry: Map<string, RoleEntry[]>;
}

const holderSplits = new WeakMap<Corpus, Map<string, Holders>>();

/** Holders of a role word, sorted and split once per corpus and word (a common word is held by thousands). */
function holdersOf(corpus: Corpus, word: string): Holders {
  let byWord = holderSplits.get(corpus);
  if (!byWord) holderSplits.set(corpus, (byWord = new Map()));
  let holders = byWord.get(word);
  if (holders) return holders;
  const all = [...(roleIndex(corpus).get(word) ?? [])].sort((x, y) => x.p - y.p || x.order - y.order);
  holders = { all, none: [], byCountry: new Map() };
  for (const held of all) {
    const named = countriesNamed(held, corpus.data.countries);
    if (!named.length) holders.none.push(held);
    for (const country of new Set(named)) {
      const list = holders.byCountry.get(country);
      if (list) list.push(held);
      else holders.byCountry.set(country, [held]);
    }
  }
  byWord.set(word, holders);
  return holders;
}

/** Sorts and splits the holders of every role word ahead of the first question (see prepareCorpus). */
export function prepareRoleHolders(corpus: Corpus): void {
  for (const word of roleIndex(corpus).keys()) holdersOf(corpus, word);
}

/** Lists sorted newest first (lowest passage number) merged into one, each role once. */
function newestFirst(lists: RoleEntry[][]): RoleEntry[] {
  const nonEmpty = lists.filter((list) => list.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return [...new Set(nonEmpty.flat())].sort((x, y) => x.p - y.p || x.order - y.order);
}

const namedCountries = new WeakMap<RoleEntry, string[]>();

/** The countries a role's words name ("Thai Defence Minister" -> Thailand), read once per role. */
function countriesNamed(held: RoleEntry, countries: string[][]): string[] {
  let named = namedCountries.get(held);
  if (!named) namedCountries.set(held, (named = [...held.words].map((w) => countryNameOf(countries, w)).filter((c): c is string => c !== null)));
  return named;
}

/** A role the sources give someone that is another office than the one asked (see roleFit). */
const OTHER_OFFICE = -1;

/**
 * How well a person's roles in the sources fit the role asked ("Thai defence minister"): 1 when one carries every
 * word asked (a country left out is no matter), the share of words carried when none does, 0 when none shares a
 * word, and OTHER_OFFICE when the roles that share the office's title are other offices: "Foreign Minister" when a
 * defence minister is asked (the title's head, "minister", is there but not the word that says which), or another
 * country's.
 */
function roleFit(ctx: ComposeContext, name: string, role: string): number {
  const office = officeAsked(ctx.corpus.data.countries, roleWords(role));
  if (!office) return 0;
  // Only this person's roles can fit: read by the holder's name, not every role.
  let best = 0;
  let otherOffice = false;
  let titled = false;
  for (const held of holdersNamed(peopleIndex(ctx.corpus.data.people), name)) {
    const fit = officeFit(office, held);
    if (fit.otherOffice) otherOffice = true;
    else best = Math.max(best, fit.share);
    if ([...held.words].some(isTitle)) titled = true;
  }
  // Someone the sources only ever give other titles ("Foreign Minister", asked for the ambassador) holds another office.
  return best === 0 && (otherOffice || (titled && isTitle(office.head))) ? OTHER_OFFICE : best;
}

/** The stored figure a number candidate is (kind, qualifier, scope, claimant), if the index extracted one. */
function figureOf(ctx: ComposeContext, c: Candidate, kinds: FigureKind[]): StoredFigure | null {
  const figures = (ctx.corpus.figuresByPassage.get(c.p) ?? []).filter((f) => f.value === c.value && f.kind !== 'duration' && f.kind !== 'distance');
  return figures.find((f) => kinds.includes(f.kind)) ?? (kinds.length ? null : figures[0] ?? null);
}

function figureText(ctx: ComposeContext, c: Candidate, f: StoredFigure | null): string {
  if (!f) return numberLabel(c);
  return `${describeFigure(f)}${f.claimant ? `, according to ${f.claimant}` : ''}`;
}

/**
 * A number's answer: the best candidate with its as-of date and claimant; figures of the same thing that other
 * sources (or later reports) give stay side by side below it, newest first; nothing is added up.
 */
function composeNumber(ctx: ComposeContext, query: TypedQuery, ranked: Candidate[][], sideBySide: boolean): Composed {
  const best = ranked[0]![0]!;
  const kinds = query.base.kinds.filter((k) => k !== 'duration' && k !== 'distance');
  const lead = figureOf(ctx, best, kinds);
  const bestArticle = articleOf(ctx.corpus, best.p).id;
  const text = ctx.corpus.data.passages[best.p]![2];
  // "35 to 40 personnel": the other end of the lead figure's range is not another figure.
  const rangeOfBest = (c: Candidate) => c.p === best.p && /^\s*(?:to|-|–|and|or)\s*$/.test(c.start > best.end ? text.slice(best.end, c.start) : text.slice(c.end, best.start));
  const others = ranked.slice(1, 8).map((g) => g[0]!).filter((c) => {
    if (c.value === best.value || rangeOfBest(c)) return false;
    const sameThing = c.head === best.head || !c.head || !best.head || sameThingCounted(stemWord(c.head), stemWord(best.head));
    // Disputed: another source's figure, or the same report's other sentence giving someone else's count.
    if (query.disputed) return (sameThing || (lead !== null && figureOf(ctx, c, [lead.kind]) !== null)) && (articleOf(ctx.corpus, c.p).id !== bestArticle || c.p !== best.p) && c.score >= best.score * 0.2;
    // Every source's figure of the kind asked stands beside the lead one, when it fits the question too.
    if (lead && c.score >= best.score * (sideBySide ? 0.2 : 0.3)) return figureOf(ctx, c, [lead.kind]) !== null;
    return sameThing && c.score >= best.score * 0.45;
  }).slice(0, query.disputed ? 3 : 4);
  const asOf = `(as of ${formatDate(best.published)})`;
  // "How many were killed in Orsk?" when no report of the figure names Orsk: the figure is not Orsk's, and the first
  // line says so rather than pass a wider count off as the place's.
  const place = placeAsked(query.text);
  const elsewhere = place && !reportNames(ctx, best.p, place) ? `The sources give no figure for ${place}. ` : '';
  const lines = [elsewhere + (lead
    ? `${KIND_TITLE[lead.kind]}: ${figureText(ctx, best, lead)} ${ctx.book.cite(best.p)} ${asOf}.`
    : `${rangeLabel(best, ranked.flat().find(rangeOfBest)) ?? numberLabel(best)}: ${quoteLine(ctx, best.p)} ${ctx.book.cite(best.p)} ${asOf}`)];
  const shown: StoredFigure[] = lead ? [lead] : [];
  if (others.length) {
    lines.push('Sources differ, newest first:');
    const sorted = [best, ...others].sort((a, b) => b.published.localeCompare(a.published) || b.score - a.score);
    for (const c of sorted) {
      const f = c === best ? lead : figureOf(ctx, c, kinds);
      if (f && c !== best) shown.push(f);
      lines.push(`- ${formatShortDate(c.published)} ${c.published.slice(0, 4)}: ${figureText(ctx, c, f)} ${ctx.book.cite(c.p)}`);
    }
  }
  if (lead) lines.push(supportLine(ctx, best.p));
  return { lines, figures: shown.map((f) => ({ kind: f.kind, value: f.value, unit: f.unit ?? null, qualifier: f.qualifier, scope: f.scope, claimant: f.claimant, asOf: articleOf(ctx.corpus, f.p).published, articleId: articleOf(ctx.corpus, f.p).id })) };
}

/** "35 to 40 personnel": a figure given as a range, both ends. */
function rangeLabel(c: Candidate, other: Candidate | undefined): string | null {
  if (!other || other.value === undefined || c.value === undefined) return null;
  const [lo, hi] = [Math.min(c.value, other.value), Math.max(c.value, other.value)];
  return `${formatNumber(lo)} to ${formatNumber(hi)}${c.head && c.head !== 'percent' ? ` ${c.head}` : c.head === 'percent' ? '%' : ''}`;
}

function numberLabel(c: Candidate): string {
  const value = formatNumber(c.value ?? 0);
  if (c.head === 'percent') return `${value}%`;
  return c.head ? `${value} ${c.head}` : value;
}
