import type { CountryNames } from './geo.ts';
import { findNumbers, type NumberSpan } from './numbers.ts';
import { MONTHS } from './dates.ts';
import type { Tagger, Token } from './tagger.ts';

/** What annotation runs with: a tagger, and the countries and capitals of the world (or none, in a Worker). */
export interface AnnotationTools {
  tagger: Tagger;
  countryOf: (text: string) => CountryNames | null;
  isCapital: (text: string) => boolean;
}

/** What a proper name refers to; `name` when the text does not say. */
export type NameType = 'person' | 'org' | 'place' | 'name';

/** Evidence, from one mention, of what a name is; the index adds it up over the corpus. */
export interface NameVotes {
  person: number;
  org: number;
  place: number;
}

export interface NameMention {
  text: string;
  start: number;
  end: number;
  votes: NameVotes;
}

/** A number with the thing it counts: "1,968 Palestinian prisoners" -> value 1968, head "prisoner". */
export interface QuantityMention {
  start: number;
  end: number;
  value: number;
  /** the counted noun's lemma, "percent" for a share, null when no noun follows */
  head: string | null;
}

export interface TimeMention {
  start: number;
  end: number;
  /** 24-hour "HH:MM" */
  time: string;
}

export interface SentenceAnnotation {
  names: NameMention[];
  quantities: QuantityMention[];
  times: TimeMention[];
}

/** Titles and role words that stand before a person's name ("Prime Minister Andrew Holness"). */
const TITLE = new Set([
  'president', 'prime', 'minister', 'secretary', 'gen', 'gen.', 'general', 'lt', 'lt.', 'lieutenant', 'col', 'col.', 'colonel',
  'maj', 'maj.', 'major', 'capt', 'capt.', 'captain', 'adm', 'adm.', 'admiral', 'dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms',
  'ms.', 'sir', 'dame', 'sheriff', 'governor', 'gov', 'gov.', 'mayor', 'chief', 'spokesperson', 'spokesman', 'spokeswoman',
  'sen', 'sen.', 'senator', 'rep', 'rep.', 'representative', 'king', 'queen', 'prince', 'princess', 'pope', 'judge', 'justice',
  'commissioner', 'ambassador', 'envoy', 'director', 'chancellor', 'premier', 'chairman', 'chairwoman', 'chair', 'speaker',
  'coordinator', 'administrator', 'commander', 'marshal', 'brigadier', 'sergeant', 'sgt', 'inspector', 'superintendent',
  'deputy', 'vice', 'foreign', 'defence', 'defense', 'interior', 'external', 'affairs', 'state', 'former', 'acting', 'air',
  'sheikh', 'emir', 'crown', 'fire', 'police', 'army', 'officer', 'official', 'head', 'leader', 'minister-president', 'mp',
]);
/** Words that make a name an organisation. */
const ORG_WORD = /^(ministry|department|agency|office|council|commission|committee|army|forces|force|police|front|party|group|movement|organi[sz]ation|authority|administration|service|services|bureau|university|institute|company|corporation|corp\.?|inc\.?|ltd\.?|bank|fund|union|nations|court|parliament|senate|congress|cabinet|government|brigade|brigades|corps|guard|command|centre|center|network|association|federation|foundation|programme|program|cross|crescent|edison|electric|energy|airlines|times|news|post|press|media|agency|bloc|alliance|coalition|club|team|board|unit|secretariat|assembly|tribunal|examiner|hamas|hezbollah|taliban)$/i;
/** Words that make a name a place. */
const PLACE_WORD = /^(province|district|city|county|region|village|town|strip|valley|canyon|meadow|river|bay|island|islands|mountains?|hills?|beach|airport|border|crossing|checkpoint|camp|parish|square|street|road|avenue|park|bowl|highway|coast|peninsula|gulf|sea|ocean|lake|desert|plateau|pass|port|harbour|harbor|bridge|prefecture|state|territory|kashmir|neighbourhood|neighborhood|area|zone|corridor|line|palace|hospital|stadium|base|station)$/i;
const PLACE_BEFORE = /^(in|at|near|from|into|across|outside|inside|towards?|around|through|to|over|off|along|within|between)$/i;
const SPEECH = /^(said|says|told|added|wrote|posted|announced|stated|warned|urged|confirmed|denied|tweeted)$/i;
const CONNECTOR = /^(of|for|the|el|al|bin|ibn|de|del|du|da|dos|das|es|van|von|der|la|le|on|and)$/;
const CALENDAR = new Set([...Object.keys(MONTHS), 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const NOT_NAME = new Set(['i', 'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'this', 'that', 'these', 'those', 'live', 'update', 'breaking']);

// Named once: a regular expression literal is a new object each time it is evaluated, and these run for every token.
const PLURAL_S = /s$/;
const UPPER_START = /^\p{Lu}/u;
const FINAL_DOT = /\.$/;
const JOINING_PARTICLE = /^(el|al|bin|de)$/i;

/** A title word, singular or plural ("Minister", "Ministers"). */
export const isTitle = (word: string) => TITLE.has(word.toLowerCase()) || TITLE.has(word.toLowerCase().replace(PLURAL_S, ''));

const capitalised = (t: Token) => UPPER_START.test(t.value) && !CALENDAR.has(t.value.toLowerCase().replace(FINAL_DOT, ''));

/** Whether token i may be part of a proper name: a capitalised proper noun, or a capitalised noun inside one. */
function nameToken(list: Token[], i: number): boolean {
  const t = list[i]!;
  if (!capitalised(t) || NOT_NAME.has(t.value.toLowerCase())) return false;
  if (t.pos === 'PROPN') return true;
  // Sentence-initial capitals say nothing; elsewhere a capitalised noun or adjective is part of a name ("Resistance Front").
  return i > 0 && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'VERB' || t.pos === 'X');
}

/** Proper names of a sentence with the evidence each mention gives of its type. */
function findNames(sentence: string, list: Token[], { countryOf, isCapital }: AnnotationTools): NameMention[] {
  const names: NameMention[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!nameToken(list, i)) continue;
    let j = i;
    // Extend over further name tokens, hyphens without spaces ("el-Sheikh") and connectors inside a name ("Office of the ...").
    for (;;) {
      const next = list[j + 1];
      if (!next) break;
      if (nameToken(list, j + 1)) { j++; continue; }
      const joined = next.start === list[j]!.end && (next.value === '-' || JOINING_PARTICLE.test(next.value));
      if (joined || (CONNECTOR.test(next.value) && next.value !== 'and')) {
        let k = j + 1;
        while (list[k] && (CONNECTOR.test(list[k]!.value) || list[k]!.value === '-' || /^(el|al)$/i.test(list[k]!.value)) && list[k]!.value !== 'and') k++;
        if (list[k] && nameToken(list, k) && k - j <= 3) { j = k; continue; }
      }
      break;
    }
    const votes: NameVotes = { person: 0, org: 0, place: 0 };
    const runStart = i;
    i = j;
    // Titles in front are the role, not the name: "U.S. Fire Administrator Dr. Lori Moore-Merrell" -> "Lori Moore-Merrell".
    let first = runStart;
    for (let k = j - 1; k >= runStart; k--) {
      const next = list[k + 1]!;
      if (isTitle(list[k]!.value) && nameToken(list, k + 1) && !isTitle(next.value)) { first = k + 1; break; }
    }
    // A role phrase ending in its title: "Special Envoy for Asian Affairs", "Foreign Minister".
    // A title joined to the name by a particle or hyphen is part of it: "Sharm el-Sheikh".
    const particleBefore = j > runStart && (list[j - 1]!.value === '-' || CONNECTOR.test(list[j - 1]!.value)) && !/^(of|for|the|on|and)$/.test(list[j - 1]!.value);
    if (first === runStart && isTitle(list[j]!.value) && !particleBefore && !list.slice(runStart, j + 1).some((t) => ORG_WORD.test(t.value))) continue;
    // A role phrase with no name after it: "Director General of Military Operations".
    if (first === runStart && isTitle(list[runStart]!.value)) continue;
    const span = list.slice(first, j + 1);
    // A run of titles alone ("the Governor", "Director General of Military Operations") names a role, not someone.
    if (span.every((t) => isTitle(t.value) || CONNECTOR.test(t.value) || t.value === '-')) continue;
    // "the Ministry", "the Army": one word of an institution or a kind of place refers back; it names nothing new.
    if (span.length === 1 && (ORG_WORD.test(span[0]!.value) || PLACE_WORD.test(span[0]!.value))) continue;
    const before = list[runStart - 1];
    if (first > runStart || (before && isTitle(before.value))) votes.person += 2;
    const words = span.map((t) => t.value);
    if (words.some((w) => ORG_WORD.test(w))) votes.org += 2;
    if (words.some((w) => PLACE_WORD.test(w))) votes.place += 1.5;
    const text = sentence.slice(span[0]!.start, span.at(-1)!.end).replace(/'s$/, '');
    if (countryOf(text) || isCapital(text)) votes.place += 3;
    if (/^[A-Z]{2,6}$/.test(text) && !countryOf(text)) votes.org += 0.6;
    if (before && PLACE_BEFORE.test(before.value)) votes.place += 1;
    const after = list[j + 1];
    const after2 = list[j + 2];
    if (after && SPEECH.test(after.value)) votes.person += 0.5;
    // "Natthapon Nakpanich, the army's spokesman," / "Vikram Misri, India's Foreign Secretary,"
    if (after?.value === ',' && after2 && /^(the|a|an|who)$/i.test(after2.value)) votes.person += 0.5;
    if (span.length >= 2 && span.length <= 4 && !votes.org && !votes.place && span.every((t) => t.pos === 'PROPN')) votes.person += 0.3;
    names.push({ text, start: span[0]!.start, end: span[0]!.start + text.length, votes });
  }
  return names;
}

const RANGE_JOIN = /^(to|and|or|-)$/;
const MONTH_BEFORE = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\.?\\s*$`, 'i');
const MONTH_AFTER = new RegExp(`^\\s*(${Object.keys(MONTHS).join('|')})\\b`, 'i');

/** Numbers with the noun they count; years, clock times and dates are not quantities. */
function findQuantities(sentence: string, list: Token[], spans: NumberSpan[]): QuantityMention[] {
  const out: QuantityMention[] = [];
  for (const [n, span] of spans.entries()) {
    if (span.yearLike) continue;
    const around = sentence.slice(Math.max(0, span.start - 12), span.end + 12);
    if (/\d[:.]\d\d\s*(a\.?m|p\.?m|hours|hrs)/i.test(around) && /[:.]/.test(sentence.slice(span.end, span.end + 1))) continue;
    const prev = sentence.slice(Math.max(0, span.start - 12), span.start);
    const nextText = sentence.slice(span.end, span.end + 12);
    if (MONTH_BEFORE.test(prev) || MONTH_AFTER.test(nextText)) continue;
    if (/^\s*(?:%|per ?cent\b|percent\b)/i.test(nextText)) {
      out.push({ start: span.start, end: span.end + (/^\s*%/.test(nextText) ? nextText.indexOf('%') + 1 : nextText.search(/cent/i) + 4), value: span.value, head: 'percent' });
      continue;
    }
    // "300 to 400 drones": the first number of a range counts what the second counts.
    const following = spans[n + 1];
    let from = span.end;
    if (following && RANGE_JOIN.test(sentence.slice(span.end, following.start).trim())) from = following.end;
    const k = list.findIndex((t) => t.start >= from);
    let head: string | null = null;
    for (let m = k; m >= 0 && m < list.length && m < k + 4; m++) {
      const t = list[m]!;
      if (t.pos === 'NOUN') {
        head = t.lemma.toLowerCase();
        // A compound ends at its last noun: "aid trucks", "evacuation orders".
        if (list[m + 1]?.pos !== 'NOUN') break;
        continue;
      }
      if (head) break;
      if (!(t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'NUM' || t.pos === 'ADV' || t.value === '-' || t.pos === 'VERB' && /ed$/.test(t.value))) break;
    }
    out.push({ start: span.start, end: span.end, value: span.value, head });
  }
  return out;
}

const TIME_RES: Array<[RegExp, (m: RegExpMatchArray) => string | null]> = [
  [/\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/gi, (m) => clock(Number(m[1]), Number(m[2] ?? 0), m[3]!)],
  [/\b([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s*(?:hours|hrs|h)\b)?(?!\s*(?:a\.?m|p\.?m|%|\d))/gi, (m) => clock(Number(m[1]), Number(m[2]), '')],
  [/\b([01]\d|2[0-3])([0-5]\d)\s*(?:hours|hrs)\b/gi, (m) => clock(Number(m[1]), Number(m[2]), '')],
  [/\b(noon|midday)\b/gi, () => '12:00'],
  [/\bmidnight\b/gi, () => '00:00'],
];

function clock(hours: number, minutes: number, meridiem: string): string | null {
  let h = hours;
  const m = meridiem.toLowerCase().replace(/\./g, '');
  if (h > 23 || minutes > 59 || (m && h > 12)) return null;
  if (m === 'pm' && h < 12) h += 12;
  if (m === 'am' && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Times of day in a sentence: "5 pm", "17:00 hours", "15:35", "noon". */
export function findTimes(sentence: string): TimeMention[] {
  const out: TimeMention[] = [];
  for (const [re, resolve] of TIME_RES) {
    for (const m of sentence.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const time = resolve(m);
      if (time && !out.some((t) => start < t.end && end > t.start)) out.push({ start, end, time });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Names, quantities and times of one sentence, for the index to store (build time only); `numbers` if already found. */
export function annotateSentence(sentence: string, tools: AnnotationTools, numbers = findNumbers(sentence)): SentenceAnnotation {
  const list = tools.tagger(sentence);
  const times = findTimes(sentence);
  const quantities = findQuantities(sentence, list, numbers).filter((q) => !times.some((t) => q.start < t.end && q.end > t.start));
  return { names: findNames(sentence, list, tools), quantities, times };
}
