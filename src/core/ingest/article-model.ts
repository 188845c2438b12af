import { findDateMentions, MONTHS } from '../annotate/dates.ts';
import { splitSentences } from '../annotate/text.ts';
import type { Article } from '../schema.ts';

/** One body sentence of an article, with what the page around it says about it. */
export interface BodySentence {
  /** paragraph index in the article file (-1: the standfirst) */
  para: number;
  /** the sentence without dateline, list marker or live-blog time stamp */
  text: string;
  /** the section heading it stands under, if any */
  section: string | null;
  /** a live-blog entry's time stamp ("17:25", "9:10 a.m."), 24-hour "HH:MM" */
  time: string | null;
  /** the day a dated line above it gives ("Monday 13 October 2025. Times are local."), ISO, when the article has one */
  day: string | null;
  /** for a list item: the sentence that introduces the list ("The Governor also announced the following actions:") */
  lead: string | null;
}

/** What ingestion recognises in an article beyond its body: the parts that are page furniture, not facts. */
export interface ArticleModel {
  /** the dateline's place ("KINGSTON", "Jerusalem"), when the article has one */
  datelinePlace: string | null;
  headings: string[];
  /** lines that are page furniture (mastheads, "Live updates | ...", bylines) */
  furniture: string[];
  body: BodySentence[];
}

const WEEKDAY = /\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(day|sday|nesday|rsday|urday)?\b/;
const MONTH_WORD = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\b\\.?`, 'i');
const TERMINAL_PERIOD = /[.!]["')\]]*$/;
const BYLINE = /^(?:By|Briefing by|Reporting by|Editing by|Additional reporting by|Written by|Compiled by|Photos? by)\s+\S/i;
const STAMP_LINE = /^(?:Published|Updated|Posted|Last updated|First published)\b/i;
/** A live-blog entry's time stamp at the start of a paragraph: "17:25 - ", "9:10 a.m. - ", "18:02 IST: ". */
const TIME_STAMP = /^(\d{1,2})[:.](\d{2})\s*(a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?(?:-|–|—|:|\|)\s+/i;
/** A dateline opening the first paragraph: "KINGSTON, Oct 28 (Wire) - ", "AMMAN, Jordan - ". */
const DATELINE = /^([A-Z][A-Z .'/-]{1,40}[A-Z])(?:,\s*[A-Z][A-Za-z]+\.?)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*-\s+/;
/** A dateline with the place in title case, which then needs its date: "Jerusalem, Dec 11: ", "Kyiv, March 3 - ". */
const TITLE_DATELINE = new RegExp(`^([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}),\\s*(?:${Object.keys(MONTHS).map((m) => m[0]!.toUpperCase() + m.slice(1)).join('|')})\\.?\\s+\\d{1,2}(?:,?\\s+\\d{4})?\\s*(?:\\([^)]{1,40}\\))?\\s*[:–—-]\\s+`);
/** A label before the text of a paragraph: "SUMMARY:", "UPDATE:", "BREAKING:". */
const LABEL = /^(?:SUMMARY|UPDATE|UPDATED|BREAKING|CONTEXT|ANALYSIS|BACKGROUND|EXCLUSIVE|WATCH|READ MORE|IN BRIEF|KEY POINTS)\s*:\s*/i;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Share of the letters that are capitals: mastheads and datelines shout. */
function capitalShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (!letters.length) return 0;
  return letters.filter((l) => l === l.toUpperCase() && l !== l.toLowerCase()).length / letters.length;
}

/** What a byline says after its "By" / "Briefing by": "Government Spokesperson Shosh Bedrosian"; null for other lines. */
export function bylineText(line: string): string | null {
  const m = BYLINE.exec(line);
  return m ? line.replace(/^(?:By|Briefing by|Reporting by|Editing by|Additional reporting by|Written by|Compiled by|Photos? by)\s+/i, '').trim() : null;
}

/** A line of page furniture: "Live updates | Saturday, May 10, 2025", "OFFICE OF THE GOVERNOR", a byline. */
export function isFurnitureLine(text: string): boolean {
  if (text.length > 200) return false;
  if (/\s\|\s/.test(text)) return true;
  if (BYLINE.test(text) && words(text).length <= 12 && !TERMINAL_PERIOD.test(text)) return true;
  if (STAMP_LINE.test(text) && words(text).length <= 12) return true;
  // A dateline with a label and no text: "LOS ANGELES, Jan. 13 (Wire) - BRIEF".
  const dateline = DATELINE.exec(text);
  if (dateline && words(text.slice(dateline[0].length)).length <= 2 && capitalShare(text.slice(dateline[0].length)) > 0.8) return true;
  if (words(text).length <= 12 && capitalShare(text) > 0.8 && !TERMINAL_PERIOD.test(text)) return true;
  // A place and a date alone: "Jerusalem, Thursday 9 October 2025".
  const dateless = text.replace(WEEKDAY, '').replace(new RegExp(MONTH_WORD.source, 'gi'), '').replace(/\d+(st|nd|rd|th)?/g, '').replace(/[,.()]/g, ' ');
  const hasDate = MONTH_WORD.test(text) && /\d/.test(text);
  return hasDate && words(text).length <= 8 && words(dateless.replace(/\.$/, '')).length <= 3;
}

/**
 * A live blog's day line: a date standing alone, then at most a few short notes ("Monday 13 October 2025. Times are
 * local (GMT+3). Latest first."). Its date is the day of the entries below it, which may be before the article's own.
 */
function dayLine(text: string): boolean {
  if (text.length > 120) return false;
  const [first, ...rest] = splitSentences(text);
  if (!first || !isFurnitureLine(first.replace(/\.$/, ''))) return false;
  return rest.every((sentence) => words(sentence).length <= 5);
}

/** A section heading: a short line that does not end a sentence ("Death toll", "1. Approval", "Why is Israel doing this?"). */
export function isHeadingLine(text: string): boolean {
  if (/^[-*•]\s/.test(text)) return false;
  const count = words(text).length;
  if (count > 12 || TERMINAL_PERIOD.test(text)) return false;
  // A question standing alone as a paragraph is the explainer's heading, not a fact.
  if (/\?["')]*$/.test(text)) return true;
  return !/[,;]$/.test(text) && !/\b(said|says|told)\b/.test(text);
}

/** "9:10 a.m." -> "09:10"; "17:25" -> "17:25". */
function clockTime(hours: string, minutes: string, meridiem: string | undefined): string | null {
  let h = Number(hours);
  if (h > 23 || Number(minutes) > 59) return null;
  const m = meridiem?.toLowerCase().replace(/\./g, '');
  if (m === 'pm' && h < 12) h += 12;
  if (m === 'am' && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${minutes}`;
}

/**
 * The article model: which paragraphs are furniture, headings or body, and the body's sentences with the section
 * and live-blog time each stands under. Datelines, list markers, labels and time stamps leave the sentence text.
 */
export function modelArticle(article: Pick<Article, 'paragraphs' | 'standfirst'> & { published?: string; title?: string }): ArticleModel {
  const model: ArticleModel = { datelinePlace: null, headings: [], furniture: [], body: [] };
  let section: string | null = null;
  let time: string | null = null;
  let day: string | null = null;
  let lead: string | null = null;
  const paragraphs: Array<[number, string]> = article.standfirst ? [[-1, article.standfirst]] : [];
  article.paragraphs.forEach((text, i) => paragraphs.push([i, text]));
  let seenBody = false;
  for (const [index, [para, raw]] of paragraphs.entries()) {
    let text = raw.replace(/^#{1,6}\s+/, '').trim();
    // The headline repeated over the body is no section of it.
    const furniture = isFurnitureLine(text) || (!seenBody && text === article.title?.trim());
    if (furniture || (!seenBody && dayLine(text))) {
      model.furniture.push(text);
      // A capitalised place line before the body is the dateline ("LOS ANGELES").
      if (!seenBody && !model.datelinePlace && words(text).length <= 3 && !/\d/.test(text) && capitalShare(text) > 0.8) model.datelinePlace = text;
      // A dated line above the body ("Live updates | Tuesday, March 4, 2026") gives the day of what follows.
      if (!seenBody && article.published) day = findDateMentions(text, article.published).find((m) => m.date && m.explicit)?.date ?? day;
      continue;
    }
    const stamp = TIME_STAMP.exec(text);
    if (stamp) {
      time = clockTime(stamp[1]!, stamp[2]!, stamp[3]) ?? time;
      text = text.slice(stamp[0].length);
      // "19:45 – Declaration signed in Sharm el-Sheikh" over a paragraph of its own: the entry's title, a heading.
      const next = paragraphs[index + 1]?.[1].trim();
      if (next && !TIME_STAMP.test(next) && !isFurnitureLine(next) && isHeadingLine(text) && !/^[-*•]\s/.test(next)) {
        section = text;
        model.headings.push(section);
        continue;
      }
    }
    const listItem = /^[-*•]\s/.test(text);
    const nextIsItem = /^[-*•]\s/.test(paragraphs[index + 1]?.[1].trim() ?? '');
    // "The Governor also announced the following actions:" over a list: a sentence of its own, and the items'
    // lead-in, which says who did what they report.
    const leadIn = !stamp && nextIsItem && /:$/.test(text) && words(text).length >= 4;
    if (!listItem) lead = null;
    if (stamp || leadIn || listItem) {
      // not a heading
    } else if (para >= 0 && isHeadingLine(text.replace(/^\d{1,2}\.\s+/, ''))) {
      section = text.replace(/^\d{1,2}\.\s+/, '');
      model.headings.push(section);
      continue;
    }
    const dateline = DATELINE.exec(text) ?? TITLE_DATELINE.exec(text);
    if (dateline && !seenBody) {
      // The dateline in the text says where the report was filed, over a capitalised line above it.
      model.datelinePlace = dateline[1]!;
      text = text.slice(dateline[0].length);
    }
    text = text.replace(LABEL, '').replace(/^[-*•]\s+/, '');
    if (!text) continue;
    seenBody = true;
    for (const sentence of splitSentences(text)) {
      // A list number or a stray symbol on its own ("1.") is no sentence.
      if ((sentence.match(/\p{L}/gu) ?? []).length >= 2) model.body.push({ para, text: sentence, section, time, day, lead: listItem ? lead : null });
    }
    if (leadIn) lead = text;
  }
  return model;
}
