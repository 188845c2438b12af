import { analyseQuestion, type Question } from './question.ts';
import { isVerbForm } from '../annotate/spelling.ts';

/** What kind of thing the first line of the answer must state. */
export type AnswerType =
  | 'number' | 'agent' | 'person' | 'place' | 'date' | 'time' | 'duration'
  | 'reason' | 'terms' | 'role' | 'events-on-date' | 'latest' | 'timeline' | 'passage';

/**
 * A question parsed once: the expected answer type, what it counts or names, the words that must be near the
 * answer, and its constraints. Composers read this, never the raw text; a follow-up inherits from the one before.
 */
export interface TypedQuery {
  text: string;
  answerType: AnswerType;
  /** for numbers: the noun counted ("drones", "trucks"), or null for "how many were killed" */
  counted: string | null;
  /** the question's event words: verbs and nouns of what happened ("killed", "signed", "mediated", "break out") */
  event: string[];
  /** who the figure or statement must come from: "according to Pakistan", "does India say" */
  claimant: string | null;
  /** for "who is X": X */
  subject: string | null;
  /** the content words of the question, for retrieval */
  terms: string[];
  wantsLatest: boolean;
  /** the asker says sources disagree ("the numbers I see are all over the place"): show them side by side */
  disputed: boolean;
  /** "first": the earliest report or event is wanted */
  wantsFirst: boolean;
  /** the number asked is an amount of money ("how much did it cost", "in dollars") */
  money: boolean;
  /** the names asked for are organisations ("which group", "which organisation") */
  wantsOrg: boolean;
  /** "how many were still held when Trump announced the deal": the event whose time the answer must hold at */
  atEvent: string | null;
  /** the legacy analysis (intent, figure kinds) the Answer JSON still reports */
  base: Question;
}

/** A clause about the asker's confusion rather than the news: "I keep seeing very different numbers". */
const META_CLAUSE = /\b(i|i've|i'm|we)\b.*\b(see|seen|seeing|read|hear|heard|confused|sure|know)\b|\b(all over the place|don't match|do not match|doesn't match|different numbers|conflicting|contradict\w*|disagree\w*|vary|varies)\b/i;
const DISPUTE = /\b(all over the place|don't match|do not match|doesn't match|different (numbers|figures|tolls?|counts?)|conflicting|contradict\w*|disagree\w*|disputed?|vary|varies|each side|both sides say)\b/i;

/** The question without clauses about the asker ("I keep seeing different numbers"), and whether they report a dispute. */
function withoutMeta(text: string): { text: string; disputed: boolean } {
  const parts = text.split(/(?<=[.?!;])\s+|\s+-\s+/);
  const kept = parts.filter((part, i) => i === 0 || !META_CLAUSE.test(part));
  return { text: kept.join(' ').trim() || text, disputed: DISPUTE.test(text) };
}

const NUMBER_ASK = /\bhow (many|much)\b|\bnumber of\b|\b(death|casualty) toll\b|\bwhat (percentage|share|proportion|fraction|portion)\b|\bhow (big|large|high|low|deep|wide|tall|heavy|far along)\b|\bwhat (is|was|were) the (number|total|toll|count|figure|tally|size|extent|area|containment)\b|\btoll\b|\bcontainment\b/i;
const COUNTED = /\bhow many\s+((?:[a-z'-]+\s+){0,3}?[a-z'-]+?)(?=\s+(?:did|do|does|were|was|are|is|have|has|had|will|would|could|can|remain\w*|still|in|on|at|from|of|by|to|a|per|each|got|get|went|crossed|entered|died|killed)\b|[?.,!]|$)/i;
const AGENT_ASK = /^\s*(who|whom)\b|\bwhich (group|groups|organi[sz]ations?|country|countries|side|nation|nations|militant|agency|body|party|official|leader|person|people)\b|\bby whom\b/i;
const ROLE_ASK = /\bwho(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+|a\s+|an\s+)?|^\s*(?:name|identify)\s+the\b/i;

function countedNoun(text: string): string | null {
  const m = COUNTED.exec(text);
  if (!m) return null;
  const words = m[1]!.toLowerCase().split(/\s+/).filter((w) => !['more', 'of', 'the', 'total', 'people\'s'].includes(w));
  // "how many people spent the night in tents": the noun phrase ends where a verb follows it ("displaced people"
  // may open with one)
  const verb = words.findIndex((w, i) => i > 0 && isVerbForm(w));
  return (verb > 0 ? words.slice(0, verb) : words).at(-1) ?? null;
}

/** "According to Pakistan, ...", "does India say", "Pakistan's figure": the source a figure must come from. */
function claimantOf(text: string): string | null {
  const according = /\baccording to\s+(?:the\s+)?([\w'-]+(?:\s+[A-Z][\w'-]+)*)/i.exec(text);
  if (according) return according[1]!.replace(/'s$/, '');
  const says = /\b(?:does|did|do)\s+(?:the\s+)?([\w'-]+(?:\s+[A-Z][\w'-]+)*)\s+(?:say|claim|report|estimate|put)\b/i.exec(text);
  if (says) return says[1]!.replace(/'s$/, '');
  const per = /\b(?:by|in)\s+([A-Z][\w'-]+)'s\s+(?:count|tally|figures?|estimate)\b/.exec(text);
  return per ? per[1]! : null;
}

const EVENT_STOP = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'did', 'do', 'does', 'has', 'have', 'had', 'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'who', 'what', 'when', 'where', 'why', 'how', 'which', 'many', 'much', 'that', 'this', 'it', 'they', 'there', 'exactly', 'actually', 'first', 'finally', 'really']);

/** The words after the question word that say what happened: "who doubled the National Guard" -> doubled, guard... */
function eventWords(q: Question): string[] {
  return q.terms.filter((t) => !EVENT_STOP.has(t));
}

function answerTypeOf(q: Question, text: string): AnswerType {
  const t = text.toLowerCase();
  if (q.intent === 'timeline') return 'timeline';
  if (/^\s*what (happened|took place|went on)\b.*\b(on|in)\b/.test(t)) return 'events-on-date';
  if (/^\s*why\b|\bwhat (caused|led to|triggered|prompted|is behind|was behind)\b|\bthe (reason|cause)\b|\bhow come\b/.test(t)) return 'reason';
  if (/\bwhat time\b|\bat what time\b|\bwhat hour\b/.test(t)) return 'time';
  if (/\bhow long\b/.test(t) && !/\bhow long is\b/.test(t)) return 'duration';
  // "Who tripled the number of engineers?" asks for a doer, whatever number it names.
  if (NUMBER_ASK.test(t) && !/^\s*(who|whom)\b/.test(t)) return 'number';
  if (/^\s*when\b|\bwhat (date|day)\b|\bwhich (date|day)\b|\bon what (date|day)\b/.test(t)) return 'date';
  if (/^\s*where\b|\bwhich (city|province|country|location|venue|place|town|district|area|region)\b|\bin what (city|place|town)\b/.test(t)) return 'place';
  if (ROLE_ASK.test(t) && !/\bwho(?:'s|\s+(?:is|was|are|were))\s+(?:\w+ing|behind|responsible)\b/.test(t)) return 'role';
  if (AGENT_ASK.test(t)) return 'agent';
  if (q.intent === 'agreed' || q.intent === 'demands') return 'terms';
  if (q.intent === 'latest') return 'latest';
  return 'passage';
}

/**
 * A clause after the question proper that names the moment asked about: "... when Trump announced the deal", "...
 * at the time of the summit", "... by the time the fire was contained". Not a question that opens with "when".
 */
function atEventOf(text: string): string | null {
  // "When the ceasefire was announced, when were the DGMOs due to speak again?"
  const leading = /^\s*(?:when|by the time|at the time)\s+([^,?]{3,}),\s*(?:who|what|when|where|how|which|did|was|were|is|are)\b/i.exec(text);
  if (leading) return leading[1]!.trim();
  const m = /\S\s+(?:when|by the time|at the time(?: of)?|as of the time)\s+(?!(?:did|do|does|was|were|is|are|will|would)\b)([^?.!]{3,})/i.exec(text);
  return m ? m[1]!.trim() : null;
}

/** The office a verb of leading names: "who leads the union" asks who the union leader is. */
const LEADS: Record<string, string> = { leads: 'leader', heads: 'head', runs: 'head', chairs: 'chair', commands: 'commander', directs: 'director', governs: 'governor' };

/** "Who leads the union?" -> "Who is the union leader?": a question of who holds an office, asked with a verb. */
function asOffice(text: string): string {
  const m = /^(\s*who)\s+(leads|heads|runs|chairs|commands|directs|governs)\s+(?:the\s+)?((?:[\p{L}'.-]+\s*){1,4}?)(\?*)\s*$/iu.exec(text);
  if (!m || m[3]!.split(/\s+/).some((w) => isVerbForm(w))) return text;
  return `${m[1]} is the ${m[3]!.trim()} ${LEADS[m[2]!.toLowerCase()]}${m[4]}`;
}

/** Parses a question once into a typed query. */
export function parseQuery(raw: string): TypedQuery {
  const meta = withoutMeta(raw);
  const analysed = analyseQuestion(asOffice(meta.text));
  const answerType = answerTypeOf(analysed, analysed.text);
  // "Where did the attack take place?": the answer type says where; "take place" is no word a passage must hold.
  const filler = answerType === 'place' || answerType === 'date' || answerType === 'time' ? /^(take|took|taken|takes|place|happen|happened|happens|occur|occurred|occurs)$/ : null;
  const base = { ...analysed, raw, terms: filler && analysed.terms.some((t) => !filler.test(t)) ? analysed.terms.filter((t) => !filler.test(t)) : analysed.terms };
  return {
    text: base.text,
    answerType,
    counted: answerType === 'number' ? countedNoun(base.text) : null,
    event: eventWords(base),
    claimant: claimantOf(base.text),
    subject: base.subject,
    terms: base.terms,
    wantsLatest: base.wantsLatest,
    disputed: meta.disputed,
    // "how much was spent"; "how many people spent the night" counts people
    money: answerType === 'number' && (/\b(cost|costs|money|dollars?|rupees?|euros?|pounds?|yuan|yen|budget|funding|funds|worth|price|loss|losses|damages?)\b|\$/i.test(base.text)
      || (/\bhow much\b/i.test(base.text) && /\b(spent|spend|paid|pay)\b/i.test(base.text))),
    atEvent: answerType === 'number' || answerType === 'date' ? atEventOf(base.text) : null,
    wantsOrg: /\bwhich (group|groups|organi[sz]ations?|militant|militants|agency|body|party|company|firm)\b/i.test(base.text),
    wantsFirst: /\b(first|earliest|initially|originally)\b/i.test(base.text) && !/\bfirst (phase|stage|round|day|week|time)\b/i.test(base.text),
    base,
  };
}
