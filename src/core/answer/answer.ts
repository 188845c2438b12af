import { encodedAnnotation } from '../store/annotations.ts';
import { answerFigures } from './answer-figures.ts';
import { answerStatementBy, findPeopleByName, findPersonByRole } from './answer-people.ts';
import { findPlace } from './answer-places.ts';
import { answerLatest, answerTimeline, answerUpcoming, answerWhen } from './answer-time.ts';
import { whoAnswer } from './answer-who.ts';
import { CitationBook } from './citations.ts';
import { boostHits, repeats, cuedPassages, datesAsked, favourQuestionDate, generalAnswer, newestFirst, pickPassages, quoteLine, stalenessNote, supportLine, articleIndexOf, type ComposeContext, type Composed } from './compose.ts';
import type { Corpus } from '../store/corpus-index.ts';
import { formatDate, formatShortDate, untilOf } from '../annotate/dates.ts';
import { analyseQuestion, type Question } from '../query/question.ts';
import { parseQuery, type TypedQuery } from '../query/typed-query.ts';
import { expandAcronyms } from '../annotate/acronyms.ts';
import { resolveFollowUp, type StoredQuery } from '../query/follow-up.ts';
import { atEventFit, composeCandidates, dayOf, roleHolders, dateCandidates, isKnownName, nameCandidates, numberCandidates, rankCandidates, timeCandidates, type Candidate } from './candidates.ts';
import { buildConcepts, corpusCoverage, namesUnknown, searchPassages, withoutForgiven } from '../store/retrieve.ts';
import type { Answer, Clock } from '../schema.ts';
import type { ConversationTurn } from '../query/conversation.ts';
import { runSteps, type Steps } from '../store/steps.ts';

export interface AnswerDeps {
  corpus: Corpus;
  clock: Clock;
  /** earlier turns of the same conversation, oldest first (at most MAX_CONVERSATION_TURNS are read) */
  history?: ConversationTurn[];
}

/** At or below this share of its weight known to the corpus, a question is off-topic. */
const MIN_CORPUS_COVERAGE = 0.5;
/** The best passage must hold at least this share of the question's weight. */
const MIN_PASSAGE_COVERAGE = 0.3;

const CUES = {
  agreed: /\b(agreed|agree|agreements?|committed|commitments?|pledged|decided|will|plan to|outcome|provisions?)\b/i,
  demands: /\b(request|requests|requested|demand\w*|insist\w*|ask\w*|urg\w*|call\w* (on|for)|want\w*|must)\b/i,
  statement: /\b(said|says|told|wrote|stated|statement|announced|added|noted|warned)\b|"/,
  reason: /\b(because|due to|as a result|rush\w*|hasty|hastily|so that|in order to|blam\w*|accus\w*|after|in response to|in retaliation|retaliat\w*|following|trigger\w*|spark\w*|led to|caus\w*|reason|why|over|alleg\w*|(?:started|ignited|sparked|set off) the)\b/i,
};
/** Questions for the agenda as a whole rather than one date. */
const AGENDA = /\b(coming up|what'?s next|what is next|what happens next|upcoming (events|meetings|dates)|agenda|calendar|what is planned|what's planned)\b/i;

/** A sentence that states what was agreed, rather than merely mentioning an agreement. */
const AGREED_CONTENT = /\bunder the (deal|agreement|accord|truce|ceasefire|terms|plan)\b|\b(both sides|the two sides|the two countries|each side) (will|would|must|agreed|are to)\b|\b(agreed|agree|committed|pledged|decided|undertook|consented)\s+(to|on|that)\b|\bagreements? (in|on) (several|key|the following|\w+ areas)\b|\bproduced agreements?\b|\b(expected|set) to include\b|\bplan to\b|\b(calls|called|provides|provided) for\b|\bin (return|exchange) for\b|\b(will|would|are to|is to) (be released|be freed|release|free|withdraw|pull|redeploy|hand over|return|receive|allow|reopen|open|stop|halt|cease)\b/i;


function agreedAnswer(ctx: ComposeContext, newest: boolean): Composed | null {
  const passages = cuedPassages(ctx, ctx.hits, AGREED_CONTENT, 2, 3, newest);
  if (!passages.length) return generalAnswer(ctx, boostHits(ctx, ctx.hits, CUES.agreed, 1.6));
  const [first, ...rest] = passages;
  const lines = [`${quoteLine(ctx, first!)} ${ctx.book.cite(first!)}`];
  for (const p of rest.slice(0, 4)) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}


function whereAnswer(ctx: ComposeContext): Composed | null {
  const top = pickPassages(ctx, ctx.hits, 6, new Set(), 2);
  const places = top.map((p) => ({ p, place: findPlace(ctx.corpus.data.passages[p]![2]) })).filter((x) => x.place);
  if (!places.length) return generalAnswer(ctx);
  const lines = [`${places.slice(0, 3).map((x) => `${x.place} ${ctx.book.cite(x.p)}`).join('; ')}.`];
  for (const { p } of places.slice(0, 3)) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}

function statementAnswer(ctx: ComposeContext, q: Question): Composed | null {
  const person = findPeopleByName(ctx.corpus.data.people, q.text)[0] ?? findPersonByRole(ctx, q.text)?.person;
  if (person) return answerStatementBy(ctx, person);
  return generalAnswer(ctx, boostHits(ctx, ctx.hits, CUES.statement, 1.5));
}

/** No answer of the type the question needs: an amount of money that no source gives is not covered. */
const DECLINE = 'decline' as const;

/** The typed answer: candidates of the expected type from the best passages, or null to fall back. */
function composeTyped(ctx: ComposeContext, query: TypedQuery): Composed | typeof DECLINE | null {
  let candidates: Candidate[];
  switch (query.answerType) {
    case 'number': {
      // "by mid-January": figures reported after that day are not the one that stood then.
      const until = untilOf(query.text, ctx.corpus.data.articles[0]?.published ?? ctx.today);
      let figureCtx: ComposeContext = until ? { ...ctx, askedDates: [] } : ctx;
      const fit = atEventFit(ctx, query);
      if (fit) {
        // The figure is sought with the question proper; the "when ..." clause only dates it.
        const clauseTerms = new Set(analyseQuestion(query.atEvent!).terms);
        const own = query.terms.filter((t) => !clauseTerms.has(t));
        const concepts = withoutForgiven(ctx.corpus, buildConcepts(ctx.corpus, own), query.text);
        figureCtx = { ...figureCtx, concepts, hits: own.length ? searchPassages(ctx.corpus, concepts) : ctx.hits };
      }
      candidates = numberCandidates(figureCtx, query, figureCtx.hits)
        .map((c) => ({ ...c, score: c.score * (fit ? fit(c) : 1) * (until && dayOf(ctx.corpus, c.p) > until ? 0.2 : 1) }));
      break;
    }
    case 'agent': candidates = nameCandidates(ctx, query, ctx.hits, 'agent'); break;
    case 'place': candidates = nameCandidates(ctx, query, ctx.hits, 'place'); break;
    case 'date': {
      // "When the ceasefire was announced, when were they due to meet?": what was said at that moment.
      const fit = atEventFit(ctx, query);
      candidates = dateCandidates(ctx, query, ctx.hits).map((c) => ({ ...c, score: c.score * (fit ? fit(c) : 1) }));
      break;
    }
    case 'time': candidates = timeCandidates(ctx, query, ctx.hits); break;
    case 'events-on-date': return eventsOnDate(ctx);
    case 'reason': return reasonAnswer(ctx);
    case 'role':
      // "Who is Vikram Misri?" asks for a role (the people composer); "who is India's DGMO?" asks for a person.
      if (!query.subject || isKnownName(ctx, query.subject)) return null;
      candidates = [...nameCandidates(ctx, query, ctx.hits, 'person'), ...roleHolders(ctx, query)];
      break;
    default: return null;
  }
  if (query.money && !candidates.length) return DECLINE;
  const order = query.wantsFirst ? 'earliest' : query.wantsLatest ? 'latest' : query.answerType === 'number' && impliesLatest(ctx, query) ? 'newest' : null;
  // A wide place or the day of the newest report is named in many passages: for them agreement counts little.
  const agreement = query.answerType === 'number' || query.answerType === 'agent' ? 0.15 : query.answerType === 'place' ? 0.12 : 0.03;
  return composeCandidates(ctx, query, rankCandidates(ctx, candidates, order, agreement), query.answerType, order === 'newest' || order === 'latest');
}

/**
 * A figure of a kind that grows as reports come in (a toll, the displaced) with no day or "first" asked: among
 * candidates that fit the question about as well, the newest leads, so a stale figure is never given as current.
 */
function impliesLatest(ctx: ComposeContext, query: TypedQuery): boolean {
  return !ctx.askedDates.length && !query.wantsFirst && !query.atEvent && query.base.kinds.some((k) => k !== 'duration' && k !== 'distance');
}

/**
 * "Why ...?": the best passage that gives a cause ("because", "in response to", "after"), then the sentences around
 * it in its paragraph, where reports often give the rest of the reason, then the next best.
 */
function reasonAnswer(ctx: ComposeContext): Composed | null {
  // An explainer's "Why is Israel doing this?" heading stands over the reason.
  const underWhy = (p: number) => WHY_HEADING.test(ctx.corpus.data.annotations[p]?.s ?? '');
  // The passages under such a heading answer for the article whose other passages tell of the event asked about.
  const byPassage = new Map(ctx.hits.map((h) => [h.p, h]));
  const { annotations } = ctx.corpus.data;
  for (const h of ctx.hits.slice(0, 5)) {
    const article = ctx.corpus.articlePassages[articleIndexOf(ctx.corpus, h.p)] ?? [];
    // The "Why ...?" section right after the one telling of the event answers it above all.
    const nextSection = article.find((p) => p > h.p && annotations[p]?.s !== annotations[h.p]?.s);
    for (const p of article) {
      if (!underWhy(p)) continue;
      const opens = annotations[p - 1]?.s !== annotations[p]?.s;
      const follows = nextSection !== undefined && annotations[nextSection]?.s === annotations[p]?.s;
      const score = h.score * (opens ? (follows ? 1.9 : 0.8) : 0.5);
      if ((byPassage.get(p)?.score ?? 0) < score) byPassage.set(p, { ...h, p, score });
    }
  }
  const hits = [...byPassage.values()];
  const ranked = boostHits(ctx, hits, CUES.reason, 1.6).map((h) => (underWhy(h.p) ? { ...h, score: h.score * 2.2 } : h)).sort((a, b) => b.score - a.score);
  const [best] = pickPassages(ctx, ranked, 1);
  if (best === undefined) return null;
  const [a, para] = ctx.corpus.data.passages[best]!;
  const around = [best + 1].filter((p) => {
    const other = ctx.corpus.data.passages[p];
    return other !== undefined && other[0] === a && other[1] === para;
  });
  // Then what other reports give as the reason: an official finding beside an allegation.
  const others = pickPassages(ctx, ranked.filter((h) => articleIndexOf(ctx.corpus, h.p) !== a), 8, new Set(), 3);
  const sameReport = pickPassages(ctx, ranked.filter((h) => articleIndexOf(ctx.corpus, h.p) === a), 2, new Set([best, ...around]), 1);
  const lines = [`${quoteLine(ctx, best)} ${ctx.book.cite(best)}`];
  // A headline often gives the cause in brief ("Israel halts Gaza aid after two soldiers killed in Rafah").
  const title = ctx.corpus.data.articles[a]!.title;
  if (HEADLINE_CAUSE.test(title)) lines.push(`- Headline: "${title}" ${ctx.book.cite(best)} (${formatShortDate(ctx.corpus.data.articles[a]!.published)})`);
  // A sentence that repeats one already given ("the investigation is ongoing") makes room for another claim.
  const chosen = [best];
  for (const p of [...around, ...sameReport, ...others]) {
    if (chosen.length >= 5) break;
    if (repeats(ctx, p, chosen)) continue;
    chosen.push(p);
    lines.push(supportLine(ctx, p));
  }
  return { lines, figures: [] };
}

// "after two soldiers killed" gives a cause; "after more than three weeks" only a time.
const HEADLINE_CAUSE = /\b(after(?!\s+(?:more than\s+|nearly\s+|about\s+|almost\s+|just\s+)?(?:(?:[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b)|because|over|following|amid|due to|in response to|blames?)\b/i;
const WHY_HEADING = /^(why\b|what (caused|led|prompted|triggered|is behind)\b|(the )?(reasons?|causes?)\b)/i;

/**
 * "Latest on aid into Gaza?": the newest report on the subject leads, by its sentences that match best, its first
 * sentences and those with figures first (news of a subject is mostly its numbers); then the report before it.
 */
function latestOn(ctx: ComposeContext): Composed | null {
  const ordered = newestFirst(ctx, ctx.hits);
  const newest = ordered[0];
  if (!newest) return null;
  const article = articleIndexOf(ctx.corpus, newest.p);
  const withFigures = (p: number) => (ctx.corpus.data.annotations[p]?.q?.length ? 1.5 : 1);
  // A report's first sentences say what is new in it.
  const lead = (p: number) => ((ctx.corpus.articlePassages[article] ?? []).indexOf(p) < 2 ? 1.8 : 1);
  const own = ordered.filter((h) => articleIndexOf(ctx.corpus, h.p) === article)
    .map((h) => ({ ...h, score: h.score * withFigures(h.p) * lead(h.p) })).sort((a, b) => b.score - a.score).slice(0, 3);
  const before = ordered.find((h) => articleIndexOf(ctx.corpus, h.p) !== article);
  const [first, ...rest] = [...own.map((h) => h.p).sort((a, b) => a - b), ...(before ? [before.p] : [])];
  return { lines: [`${quoteLine(ctx, first!)} ${ctx.book.cite(first!)}`, ...rest.map((p) => supportLine(ctx, p))], figures: [] };
}

/** "What happened on 13 October?": what the sources report of that day, the sentences that date it first. */
function eventsOnDate(ctx: ComposeContext): Composed | null {
  const days = new Set(ctx.askedDates.map((d) => d.date).filter((d): d is string => d !== null));
  if (!days.size) return null;
  const top = ctx.hits[0]?.score || 1;
  const hitScore = new Map(ctx.hits.map((h) => [h.p, h.score / top]));
  const scored: Array<{ p: number; score: number }> = [];
  const byDay = passagesByDay(ctx.corpus);
  // The day's best passages and best live-blog entries by what the day alone says of them (kept once per corpus),
  // and the question's hits: any other passage of the day scores no more than the last of the best (passagesByDay).
  const candidates = new Set<number>(ctx.hits.map((h) => h.p));
  for (const day of days) {
    const { ranked = [], entries = [] } = byDay.get(day) ?? {};
    for (const p of ranked) candidates.add(p);
    for (const p of entries) candidates.add(p);
  }
  [...candidates].sort((x, y) => x - y).forEach((p) => {
    const about = dayStanding(ctx.corpus, p, days);
    if (about) scored.push({ p, score: dayScore(ctx.corpus, p, about) + (hitScore.get(p) ?? 0) });
  });
  const picked = pickPassages(ctx, scored.sort((x, y) => y.score - x.score).map(({ p, score }) => ({ p, score, coverage: 1 })), 4);
  if (!picked.length) return null;
  const [first, ...rest] = picked;
  // one day's live blog is the same whatever was asked of it (kept per corpus); days together are read from the candidates
  const shown = days.size === 1 ? dayTitles(ctx.corpus, [...days][0]!) : entryTitles(ctx.corpus, days, scored.map((x) => x.p));
  const entries = shown.length ? `${formatDate([...days][0]!)}: ${shown.map(([entry]) => entry).join('; ')} ${ctx.book.cite(shown[0]![1])}.` : null;
  if (entries) return { lines: [entries, ...picked.map((p) => supportLine(ctx, p))], figures: [] };
  return { lines: [`${quoteLine(ctx, first!)} ${ctx.book.cite(first!)}`, ...rest.map((p) => supportLine(ctx, p))], figures: [] };
}

/**
 * A passage's live-blog time ("HH:MM") read from its stored annotation without decoding it (the day index reads it
 * for every entry of the corpus), or undefined.
 */
function entryTime(corpus: Corpus, p: number): string | undefined {
  return p < 0 ? undefined : timeIn(encodedAnnotation(corpus.data.annotations, p));
}

/** The live-blog time in an encoded annotation (its "t" field, "HH:MM", which JSON writes without escapes). */
function timeIn(encoded: string): string | undefined {
  const at = encoded.indexOf('"t":"');
  return at < 0 ? undefined : encoded.slice(at + 5, encoded.indexOf('"', at + 5));
}

/**
 * What a passage about a day asked scores for it by the day alone: a mention of the day, plus being dated that day,
 * most as a live-blog entry's first sentence, then as any entry's or an article's lead.
 */
function dayScore(corpus: Corpus, p: number, about: NonNullable<ReturnType<typeof dayStanding>>): number {
  // A time-stamped live-blog entry is an event of its day, its first sentence most of all: the first under its time
  // (read from the annotations alone, so the day index lays out no text; a second paragraph under the same time
  // counted as a first sentence too until the index had to read every live blog's text for it).
  const { time, entry } = about;
  const opensEntry = entry && entryTime(corpus, p - 1) !== time;
  return about.mentioned + (about.dated ? (entry ? (opensEntry ? 1.8 : 1.2) : about.lead ? 1.5 : 0.4) : 0);
}

/**
 * What a passage says of the days asked, read from the store's tables without laying out its text or decoding its
 * annotation: whether it mentions one (2 written out, 1.4 counted back from "on Wednesday"), whether it is dated one
 * (its live-blog day or its article's date), whether it leads its article, and its live-blog time if it has one.
 * Null when it is about none of them.
 */
function dayStanding(corpus: Corpus, p: number, days: Set<string>): { mentioned: number; dated: boolean; lead: boolean; entry: boolean; time: string | undefined } | null {
  // A date written out ("on 13 October") dates its event surely; "on Wednesday" was counted back.
  let mentioned = 0;
  for (const e of corpus.eventsByPassage.get(p) ?? []) if (e.date !== null && days.has(e.date) && !e.future) mentioned = Math.max(mentioned, e.explicit ? 2 : 1.4);
  // A live blog's entries carry the day its day line gives; other sentences their article's date.
  const dated = days.has(dayOf(corpus, p));
  if (!mentioned && !dated) return null;
  const own = corpus.articlePassages[corpus.passageArticle[p]!] ?? [];
  const time = timeIn(encodedAnnotation(corpus.data.annotations, p));
  return { mentioned, dated, lead: own[0] === p || own[1] === p, entry: time !== undefined, time };
}

/** Most passages of one day kept as its best, and most of its live-blog entries: what "what happened on" reads. */
export const DAY_KEPT = 200;

/**
 * One day's passages: the best DAY_KEPT of those that are no live-blog entry and the best DAY_KEPT entries, best
 * first, and the entry titles of its live blog (entryTitles over all the day's entries).
 */
export interface DayPassages {
  ranked: number[];
  entries: number[];
  /** every entry of the day, for its titles */
  allEntries: number[];
  titles?: Array<[string, number]>;
}

const dayIndexes = new WeakMap<object, Map<string, DayPassages>>();

/**
 * Passages by the days they tell of (a date they mention, their live-blog day or their article's date), built once
 * per corpus so "what happened on 13 October" reads a bounded number of that day's passages, not every passage
 * (a day of a busy story holds thousands, and its live blogs over a thousand entries at 50,000 articles). A
 * passage scores for a day by the day alone (dayScore) plus, if the question's search found it, its hit score: so
 * the day's best DAY_KEPT passages and best DAY_KEPT entries by the day alone, with the hits, hold every passage
 * that can rank first, ties broken by passage number as before. The day's live-blog titles need every entry's
 * title: they are read by the first question about the day and kept (dayTitles).
 */
export function passagesByDay(corpus: Corpus): Map<string, DayPassages> {
  return dayIndexes.get(corpus) ?? runSteps(passagesByDaySteps(corpus));
}

/** passagesByDay in steps (steps.ts), a step every few thousand passages: a server prepares it while it answers. */
export function* passagesByDaySteps(corpus: Corpus): Steps<Map<string, DayPassages>> {
  let index = dayIndexes.get(corpus);
  if (index) return index;
  const all = new Map<string, Array<{ p: number; score: number }>>();
  const entries = new Map<string, Array<{ p: number; score: number }>>();
  const one = new Set<string>();
  const add = (day: string, p: number) => {
    one.clear();
    const about = dayStanding(corpus, p, one.add(day));
    // a mention of a day still ahead ("will meet on Friday") tells nothing of what happened then
    if (!about) return;
    const into = about.entry ? entries : all;
    const list = into.get(day);
    if (list && list.at(-1)!.p === p) return;
    const item = { p, score: dayScore(corpus, p, about) };
    if (!list) into.set(day, [item]);
    else list.push(item);
  };
  for (let p = 0; p < corpus.data.passages.length; p++) {
    if (p % 4096 === 4095) yield;
    add(dayOf(corpus, p), p);
    for (const e of corpus.eventsByPassage.get(p) ?? []) if (e.date) add(e.date, p);
  }
  yield;
  // a question made it meanwhile (a server answering while it prepares): keep the one questions already read
  const made = dayIndexes.get(corpus);
  if (made) return made;
  const best = (list: Array<{ p: number; score: number }> = []) => list.sort((x, y) => y.score - x.score || x.p - y.p).slice(0, DAY_KEPT).map((x) => x.p);
  index = new Map();
  for (const day of new Set([...all.keys(), ...entries.keys()])) {
    const dayEntries = entries.get(day) ?? [];
    index.set(day, { ranked: best(all.get(day)), allEntries: dayEntries.map((x) => x.p), entries: best([...dayEntries]) });
  }
  dayIndexes.set(corpus, index);
  return index;
}

/** A day's live-blog titles (entryTitles over every entry of the day), read once per corpus and day. */
function dayTitles(corpus: Corpus, day: string): Array<[string, number]> {
  const passages = passagesByDay(corpus).get(day);
  if (!passages) return [];
  return (passages.titles ??= entryTitles(corpus, new Set([day]), passages.allEntries));
}

/**
 * A live blog of the days asked about, told by its entries' titles in the order they happened: "13 October 2025:
 * 11:30 All living hostages out; 13:40 Trump addresses the Knesset; ... [1]", as [time and title, passage] pairs
 * from the passages given (in passage order); none when no blog has two titled entries.
 */
function entryTitles(corpus: Corpus, days: Set<string>, dated: number[]): Array<[string, number]> {
  // Each blog's entries of the days asked, one a time (its first sentence met), read from the stored annotations
  // without decoding them: a busy day's blogs hold over a thousand entries, and only the chosen blog's titles are read.
  const byArticle = new Map<number, Map<string, number>>();
  for (const p of [...dated].sort((x, y) => x - y)) {
    const encoded = encodedAnnotation(corpus.data.annotations, p);
    const time = timeIn(encoded);
    // an entry's section heading is its title (stored only when there is one)
    if (time === undefined || !encoded.includes('"s":') || !days.has(dayOf(corpus, p))) continue;
    const a = corpus.passageArticle[p]!;
    const times = byArticle.get(a) ?? new Map<string, number>();
    // An entry's own title comes first; a lead-in line under it ("announced the following:") is not its title.
    if (!times.has(time)) times.set(time, p);
    byArticle.set(a, times);
  }
  const [best] = [...byArticle.values()].sort((x, y) => y.size - x.size);
  if (!best || best.size < 2) return [];
  const titled = [...best].map(([time, p]): [string, number] => [`${time} ${corpus.data.annotations[p]!.s}`, p]);
  return titled.sort(([x], [y]) => x.localeCompare(y)).slice(0, 8);
}

function compose(ctx: ComposeContext, q: Question, query: TypedQuery): Composed | null {
  const typed = composeTyped(ctx, query);
  if (typed === DECLINE) return null;
  if (typed) return typed;
  switch (q.intent) {
    case 'casualties':
    case 'figures':
      return answerFigures(ctx, q.kinds) ?? generalAnswer(ctx);
    case 'who':
      return whoAnswer(ctx, q);
    case 'when':
      if (AGENDA.test(q.text)) return answerUpcoming(ctx) ?? answerWhen(ctx, q.text) ?? generalAnswer(ctx);
      return answerWhen(ctx, q.text) ?? generalAnswer(ctx);
    case 'where':
      return whereAnswer(ctx);
    case 'agreed':
      return agreedAnswer(ctx, /\b(new|latest|newest|recent|current)\b/i.test(q.text));
    case 'demands':
      return generalAnswer(ctx, boostHits(ctx, ctx.hits, CUES.demands, 1.6));
    case 'statement':
      return statementAnswer(ctx, q);
    case 'timeline':
      return answerTimeline(ctx) ?? generalAnswer(ctx);
    case 'latest':
      return q.terms.length ? latestOn(ctx) ?? generalAnswer(ctx, newestFirst(ctx, ctx.hits)) : answerLatest(ctx);
    default:
      if (/^\s*why\b/i.test(q.text)) return generalAnswer(ctx, boostHits(ctx, ctx.hits, CUES.reason, 1.6));
      return generalAnswer(ctx, q.wantsLatest ? newestFirst(ctx, ctx.hits) : ctx.hits);
  }
}

/** What the corpus can answer, in words: the kinds of figures it holds and a person it names. */
const hints = new WeakMap<object, string>();

/** The hint is the same for every declined question on a corpus: made once, on the first. */
export function coverageHint(corpus: Corpus): string {
  const made = hints.get(corpus);
  if (made) return made;
  const hint = makeCoverageHint(corpus);
  hints.set(corpus, hint);
  return hint;
}

function makeCoverageHint(corpus: Corpus): string {
  const counts = new Map<string, number>();
  for (const f of corpus.data.figures) if (f.kind !== 'duration' && f.kind !== 'distance') counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const kinds = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k]) => k);
  // The person named earliest in the newest articles (passages are stored newest first).
  let person: (typeof corpus.data.people)[number] | undefined;
  let first = Infinity;
  for (const candidate of corpus.data.people) {
    for (const role of candidate.roles) if (role.p < first) [first, person] = [role.p, candidate];
  }
  const parts = [
    kinds.length ? `how many were ${kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}` : kinds[0]}` : null,
    person ? `who people such as ${person.name} are` : null,
    'when and where things happen',
    'the latest reports',
  ].filter(Boolean);
  return `Try asking ${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}.`;
}

/** The reply when the sources do not cover a question: says so, cites nothing, and names what they do cover. */
export function notCovered(corpus: Corpus, question: string, intent: Answer['intent']): Answer {
  const articles = corpus.data.articles;
  const base = question.trim() ? "My sources don't cover that." : 'Ask me a question about the news I follow.';
  let cover = ' I have no articles yet.';
  if (articles.length) {
    const oldest = articles[articles.length - 1]!.published;
    const newest = articles[0]!.published;
    const span = oldest === newest ? `from ${formatDate(newest)}` : `from ${formatDate(oldest)} to ${formatDate(newest)}`;
    const titles = articles.slice(0, 3).map((a) => a.title).join('; ');
    cover = ` I follow ${articles.length} article${articles.length === 1 ? '' : 's'} ${span}, for example: ${titles}. ${coverageHint(corpus)}`;
  }
  return { question, answered: false, intent, answer: base + cover, citations: [], figures: [], asOf: articles[0]?.published ?? null };
}

/** Answers one question from the corpus; never throws for any input text. */
export function answerQuestion(question: string, deps: AnswerDeps): Answer {
  const resolved = resolveFollowUp(question, deps.history);
  const query = parseQuery(expandAcronyms(resolved, deps.corpus.data.acronyms));
  const stored: StoredQuery = { resolved, answerType: query.answerType, terms: query.terms };
  const q = query.base;
  const { corpus } = deps;
  const standsAlone = q.intent === 'latest' || q.intent === 'timeline' || query.answerType === 'events-on-date' || (q.intent === 'when' && AGENDA.test(q.text));
  if (q.intent === 'none' || (!q.terms.length && !standsAlone)) return { ...notCovered(corpus, question, q.intent === 'none' ? 'none' : q.intent), query: stored };
  const typed = ['number', 'agent', 'person', 'place', 'date', 'time', 'role'].includes(query.answerType);
  // "by March 4": a date's words no source writes are a constraint on when, not words a passage must hold.
  const askedDates = datesAsked(corpus, q.text);
  const dateNumbers = new Set(askedDates.flatMap((d) => d.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
  const built = buildConcepts(corpus, q.terms);
  const searched = built.filter((c) => c.known || !dateNumbers.has(c.term));
  const concepts = withoutForgiven(corpus, searched.length ? searched : built, q.text, typed);
  const byDate = query.answerType === 'events-on-date' && askedDates.some((d) => d.date);
  if (q.terms.length && !byDate && (corpusCoverage(concepts) <= MIN_CORPUS_COVERAGE || namesUnknown(concepts, q.text))) return { ...notCovered(corpus, question, q.intent), query: stored };
  const hits = q.terms.length ? searchPassages(corpus, concepts) : [];
  if (q.terms.length && !byDate && (!hits.length || hits[0]!.coverage < MIN_PASSAGE_COVERAGE) && q.intent !== 'casualties' && q.intent !== 'figures') {
    return { ...notCovered(corpus, question, q.intent), query: stored };
  }
  const book = new CitationBook(corpus);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const ctx: ComposeContext = { corpus, book, concepts, hits, wantsLatest: q.wantsLatest, today, askedDates };
  ctx.hits = favourQuestionDate(ctx, hits);
  const composed = compose(ctx, q, query);
  if (!composed || !book.citations.length) return { ...notCovered(corpus, question, q.intent), query: stored };
  const stale = stalenessNote(ctx);
  if (stale) composed.lines.push(stale);
  const asOf = book.asOf();
  return {
    question, answered: true, intent: q.intent,
    answer: composed.lines.join('\n'),
    citations: book.citations, figures: composed.figures, asOf, query: stored,
  };
}
