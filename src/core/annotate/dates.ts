/** Calendar helpers and the resolution of date expressions against an article's date (all UTC). */

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};

const MONTH_RE = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const WEEKDAY_RE = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';

export function toIso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

export function parseIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  const d = parseIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(iso: string): number {
  return parseIso(iso).getUTCDay();
}

export function daysBetween(a: string, b: string): number {
  return Math.round((parseIso(b).getTime() - parseIso(a).getTime()) / 86_400_000);
}

/** "24 December 2025". */
export function formatDate(iso: string): string {
  const d = parseIso(iso);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "24 Dec". */
export function formatShortDate(iso: string): string {
  const d = parseIso(iso);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]!.slice(0, 3)}`;
}

export function formatMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  return `${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

/** A date expression found in text, resolved to a day or a month where it can be. */
export interface DateMention {
  text: string;
  start: number;
  date: string | null;
  month: string | null;
  /** true when the text itself pins the date (a month and day, or a weekday with its day). */
  explicit: boolean;
}

const FUTURE_CUE = /\b(will|would|shall|scheduled|expected|planned|plans?|due|upcoming|forthcoming|next|to be|set to|to meet|to hold|ahead of|going to|prepar(?:es|ing) to|(?:is|are) to)\b/i;

/** Whether a sentence talks about something still to come. */
export function isFutureTense(sentence: string): boolean {
  return FUTURE_CUE.test(sentence) || /\b(might|may|could|hopes? to|aims? to)\b/.test(sentence);
}

/** The year that puts month/day closest to (and by default not after) the anchor date. */
function pickYear(month: number, day: number, anchor: string, future: boolean): string | null {
  const year = parseIso(anchor).getUTCFullYear();
  const options = [year - 1, year, year + 1].map((y) => toIso(y, month, day)).filter((d): d is string => d !== null);
  const allowed = options.filter((d) => (future ? daysBetween(anchor, d) >= -31 : daysBetween(d, anchor) >= -7));
  const pool = allowed.length ? allowed : options;
  return pool.sort((a, b) => Math.abs(daysBetween(a, anchor)) - Math.abs(daysBetween(b, anchor)))[0] ?? null;
}

/** The latest date on or before the anchor with this day of month (and weekday, when given), within seven years. */
export function latestDayOnOrBefore(day: number, anchor: string, weekday?: number): string | null {
  const start = parseIso(anchor);
  for (let back = 0; back < 12 * 7; back++) {
    const year = start.getUTCFullYear();
    const month = start.getUTCMonth() - back;
    const iso = toIso(year + Math.floor(month / 12), ((month % 12) + 12) % 12 + 1, day);
    if (iso && iso <= anchor && (weekday === undefined || weekdayOf(iso) === weekday)) return iso;
  }
  return null;
}

function nearestWeekday(weekday: number, anchor: string, future: boolean): string {
  const diff = (weekday - weekdayOf(anchor) + 7) % 7;
  if (future) return addDays(anchor, diff === 0 ? 0 : diff);
  return addDays(anchor, diff === 0 ? 0 : diff - 7);
}

/** Words that set a clause in the future ("would meet", "could resume", "is due"). */
const FUTURE_WORD = /^(will|would|could|shall|may|might|due|scheduled|planned|expected|'ll)$/i;
/** A verb in the past ("said", "met", "reached"). */
const PAST_WORD = /^(said|told|met|held|began|took|made|gave|came|went|saw|found|left|sent|struck|fled|fought|won|lost|spoke|wrote|broke|brought|was|were|had|did)$|^[a-z]{3,}[^e]ed$/i;

/**
 * The tense of the clause a day name stands in, read from the nearest verb or modal before it in the same clause:
 * "said on Tuesday that officials would meet" dates the saying in the past although the sentence looks ahead, and
 * "said talks could resume on Thursday" looks ahead. Null when the clause before it shows neither.
 */
function clauseTense(before: string): boolean | null {
  const clause = before.split(/[,;:"“”()]|\bthat\b|\band\b/).at(-1) ?? '';
  const words = (clause.match(/[\p{L}']+/gu) ?? []).slice(-7);
  for (let i = words.length - 1; i >= 0 && i >= words.length - 6; i--) {
    if (FUTURE_WORD.test(words[i]!)) return true;
    // "to be handed over on Monday" is no past deed; "was reached on Thursday" is
    if (PAST_WORD.test(words[i]!) && !/^(be|to)$/i.test(words[i - 1] ?? '')) return false;
  }
  return null;
}

// Built once: a RegExp made inside the function is compiled again on every call (every sentence at build time,
// every question at answer time). matchAll copies a global pattern, so sharing one keeps no state between calls.
const MONTH_DAY = new RegExp(`\\b${MONTH_RE}\\s+${DAY_RE}\\b(?:,?\\s+(\\d{4}))?`, 'gi');
const DAY_MONTH = new RegExp(`\\b${DAY_RE}\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b`, 'gi');
const WEEKDAY_DAY = new RegExp(`\\b${WEEKDAY_RE}\\s*\\(\\s*${DAY_RE}\\s*\\)`, 'gi');
const WEEKDAY_WORD = new RegExp(`\\b(?:(this|next|last|on|by|until|since|from)\\s+)?${WEEKDAY_RE}\\b`, 'gi');
const IN_MONTH = new RegExp(`\\b(?:(?:in|since|during|by|until|of|early|late|mid|earlier in|later in)\\s+)${MONTH_RE}(?:\\s+(\\d{4}))?\\b`, 'gi');
/** Every pattern below needs a digit, a month's or a weekday's name, "month", "today", "yesterday" or "tomorrow". */
const DATE_CUE = /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|month|tomorrow/i;
const UNTIL_MONTH = new RegExp(`\\b(?:by|as of|up to|until)\\s+(?:the\\s+)?(?:(early|mid|late|end of)[- ]?\\s*)?${MONTH_RE}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b)?`, 'i');

/** Finds and resolves date expressions in a sentence of an article published on `published`. */
export function findDateMentions(sentence: string, published: string): DateMention[] {
  if (!DATE_CUE.test(sentence)) return [];
  const future = isFutureTense(sentence);
  const found: DateMention[] = [];
  const taken: Array<[number, number]> = [];
  const claim = (start: number, end: number): boolean => {
    if (taken.some(([s, e]) => start < e && end > s)) return false;
    taken.push([start, end]);
    return true;
  };
  const scan = (re: RegExp, resolve: (m: RegExpExecArray) => Omit<DateMention, 'text' | 'start'> | null) => {
    for (const m of sentence.matchAll(re)) {
      const start = m.index ?? 0;
      const resolved = resolve(m as RegExpExecArray);
      if (resolved && claim(start, start + m[0].length)) found.push({ text: m[0].trim(), start, ...resolved });
    }
  };
  scan(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => {
    const date = toIso(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date, month: date.slice(0, 7), explicit: true } : null;
  });
  const dayMonthYear = (month: number, day: number, year: string | undefined) => {
    const date = year ? toIso(Number(year), month, day) : pickYear(month, day, published, future);
    return date ? { date, month: date.slice(0, 7), explicit: true } : null;
  };
  scan(MONTH_DAY, (m) =>
    dayMonthYear(MONTHS[m[1]!.toLowerCase()]!, Number(m[2]), m[3]));
  scan(DAY_MONTH, (m) =>
    dayMonthYear(MONTHS[m[2]!.toLowerCase()]!, Number(m[1]), m[3]));
  scan(WEEKDAY_DAY, (m) => {
    const weekday = WEEKDAYS[m[1]!.toLowerCase()]!;
    const day = Number(m[2]);
    const anchor = future ? addDays(published, 62) : addDays(published, 3);
    const date = latestDayOnOrBefore(day, anchor, weekday);
    return date ? { date, month: date.slice(0, 7), explicit: true } : null;
  });
  scan(WEEKDAY_WORD, (m) => {
    const word = (m[1] ?? '').toLowerCase();
    const weekday = WEEKDAYS[m[2]!.toLowerCase()]!;
    let date: string;
    if (word === 'next') date = addDays(nearestWeekday(weekday, addDays(published, 1), true), 0);
    else if (word === 'last' || word === 'since') date = nearestWeekday(weekday, addDays(published, -1), false);
    else if (word === 'this') date = nearestWeekday(weekday, published, future || weekday >= weekdayOf(published));
    else date = nearestWeekday(weekday, published, clauseTense(sentence.slice(0, m.index)) ?? future);
    return { date, month: date.slice(0, 7), explicit: false };
  });
  scan(/\b(?:(?:earlier|early|later|late) )?(this|last|next) month\b/gi, (m) => {
    const d = parseIso(published);
    const shift = { this: 0, last: -1, next: 1 }[m[1]!.toLowerCase() as 'this'] ?? 0;
    const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1)).toISOString().slice(0, 7);
    return { date: null, month, explicit: false };
  });
  scan(/\b(today|yesterday|tomorrow)\b/gi, (m) => {
    const offset = { today: 0, yesterday: -1, tomorrow: 1 }[m[1]!.toLowerCase() as 'today'] ?? 0;
    const date = addDays(published, offset);
    return { date, month: date.slice(0, 7), explicit: false };
  });
  scan(IN_MONTH, (m) => {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    if (month === 5 && !/^(in|since|during|by|until)\s/i.test(m[0])) return null;
    const pubYear = parseIso(published).getUTCFullYear();
    const pubMonth = parseIso(published).getUTCMonth() + 1;
    let year = m[2] ? Number(m[2]) : pubYear;
    // "since July", "earlier in July" look back whatever the tense of the sentence.
    const past = !future || /^(since|earlier in|during)\b/i.test(m[0]);
    if (!m[2] && past && month > pubMonth) year -= 1;
    if (!m[2] && !past && month < pubMonth) year += 1;
    return { date: null, month: `${year}-${String(month).padStart(2, '0')}`, explicit: Boolean(m[2]) };
  });
  return found.sort((a, b) => a.start - b.start);
}

/** Reads a dateline's day of month: "(Kuala Lumpur, 23rd)", "BANGKOK, Dec 23 (Reuters) -". */
export function findDatelineDay(firstParagraph: string): { place: string; day: number; month: number | null } | null {
  const paren = /^\(\s*([^,()]{2,40}),\s*(?:([A-Za-z]+)\.?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s*\)/.exec(firstParagraph);
  const plain = new RegExp(`^([A-Z][A-Za-z .'-]{1,40}),\\s*${MONTH_RE}\\s+(\\d{1,2})\\b`).exec(firstParagraph);
  if (paren) {
    const month = paren[2] ? MONTHS[paren[2].toLowerCase()] ?? null : null;
    return { place: paren[1]!.trim(), day: Number(paren[3]), month };
  }
  if (plain) return { place: plain[1]!.trim(), day: Number(plain[3]), month: MONTHS[plain[2]!.toLowerCase()] ?? null };
  return null;
}

/**
 * Infers when an article was published from its text, relative to `reference` (usually today):
 * a full date with its year near the top, or a dateline's day placed by the dates the text pins down.
 */
export function inferPublished(paragraphs: string[], reference: string, report?: { yearGuessed?: boolean }): string | null {
  // `report.yearGuessed` tells the caller whether the year was written or picked to fit (ingest reports a guess).
  if (report) report.yearGuessed = true;
  const head = paragraphs.slice(0, 2).join(' ');
  const withYear = new RegExp(`\\b(?:${MONTH_RE}\\s+${DAY_RE},?\\s+(\\d{4})|${DAY_RE}\\s+${MONTH_RE},?\\s+(\\d{4}))\\b`, 'i').exec(head);
  if (withYear) {
    const [month, day, year] = withYear[1]
      ? [MONTHS[withYear[1].toLowerCase()]!, Number(withYear[2]), Number(withYear[3])]
      : [MONTHS[withYear[5]!.toLowerCase()]!, Number(withYear[4]), Number(withYear[6])];
    const iso = toIso(year, month, day);
    if (iso && iso <= reference) {
      if (report) report.yearGuessed = false;
      return iso;
    }
  }
  const anchors = pinnedDates(paragraphs.join('\n'), reference);
  const dateline = findDatelineDay(paragraphs[0] ?? '');
  if (dateline) {
    if (anchors.length === 0) {
      if (dateline.month) return pickYear(dateline.month, dateline.day, reference, false);
      return latestDayOnOrBefore(dateline.day, reference);
    }
    const anchor = anchors[anchors.length - 1]!;
    const options = [-1, 0, 1].map((shift) => {
      const d = parseIso(anchor);
      d.setUTCMonth(d.getUTCMonth() + shift, 1);
      return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, dateline.day);
    }).filter((d): d is string => d !== null && d <= reference);
    return options.sort((a, b) => Math.abs(daysBetween(a, anchor)) - Math.abs(daysBetween(b, anchor)))[0] ?? null;
  }
  const past = anchors.filter((d) => d <= reference);
  return past.length ? past[past.length - 1]! : null;
}

/** Dates the text pins to a weekday ("Monday (December 22)", "Wednesday (24th)"), placed in the latest fitting year. */
function pinnedDates(text: string, reference: string): string[] {
  const out: string[] = [];
  const withMonth = new RegExp(`\\b${WEEKDAY_RE},?\\s*\\(?\\s*${MONTH_RE}\\s+${DAY_RE}\\b`, 'gi');
  for (const m of text.matchAll(withMonth)) {
    const weekday = WEEKDAYS[m[1]!.toLowerCase()]!;
    const month = MONTHS[m[2]!.toLowerCase()]!;
    const day = Number(m[3]);
    for (let y = parseIso(reference).getUTCFullYear(); y > parseIso(reference).getUTCFullYear() - 8; y--) {
      const iso = toIso(y, month, day);
      if (iso && iso <= reference && weekdayOf(iso) === weekday) {
        out.push(iso);
        break;
      }
    }
  }
  // A weekday with only its day ("Wednesday (24th)") is placed near the month-pinned dates when there are any.
  const dayAnchor = out.length ? addDays(out.sort()[out.length - 1]!, 62) : reference;
  const dayOnly = new RegExp(`\\b${WEEKDAY_RE}\\s*\\(\\s*${DAY_RE}\\s*\\)`, 'gi');
  for (const m of text.matchAll(dayOnly)) {
    const anchor = dayAnchor < reference ? dayAnchor : reference;
    const iso = latestDayOnOrBefore(Number(m[2]), anchor, WEEKDAYS[m[1]!.toLowerCase()]);
    if (iso) out.push(iso);
  }
  return out.sort();
}

/**
 * The last day a "by ..." or "as of ..." phrase allows: "by mid-January" -> the 20th, "by early March" -> the 10th,
 * "by January 12" -> that day, "by the end of May" or "by May" -> the month's last day. The year is the one that
 * puts the day on or before the newest report. Null when the question sets no such bound.
 */
export function untilOf(question: string, newest: string): string | null {
  const m = UNTIL_MONTH.exec(question);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase().replace(/\.$/, '')];
  if (!month) return null;
  const part = m[1]?.toLowerCase();
  const newestYear = Number(newest.slice(0, 4));
  const year = `${newestYear}-${String(month).padStart(2, '0')}` > newest.slice(0, 7) ? newestYear - 1 : newestYear;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] ? Number(m[3]) : part === 'early' ? 10 : part === 'mid' ? 20 : last;
  return toIso(year, month, Math.min(day, last));
}
