import type { FigureKind, Intent } from '../schema.ts';
import { STOPWORDS, normalizeText, tokenize } from '../annotate/text.ts';

/** What the core makes of a question before it searches. */
export interface Question {
  raw: string;
  /** the question with chat mention syntax removed, normalised and capped */
  text: string;
  intent: Intent;
  kinds: FigureKind[];
  wantsLatest: boolean;
  /** words that carry the question's meaning (no stopwords, no question words) */
  terms: string[];
  /** for "who is X" / "who is the <role>": the words after "who is" */
  subject: string | null;
}

export const MAX_ANALYSED_CHARS = 500;

const QUESTION_WORDS = new Set([
  'who', 'what', 'when', 'where', 'why', 'how', 'which', 'many', 'much', 'latest', 'newest', 'recent', 'most',
  'figures', 'figure', 'number', 'numbers', 'total', 'give', 'show', 'find', 'tell', 'happened', 'happening',
  'news', 'update', 'updates', 'currently', 'current', 'today', 'far', 'status', 'info', 'information', 'details',
  'doing', 'done', 'did', 'does', 'going', 'people', 'summary', 'summarise', 'summarize', 'briefing', 'brief',
  'timeline', 'chronology', 'sequence', 'events', 'key', 'new', 'sitrep', 'overview', 'developments', 'development',
  'situation', 'story', 'recap', 'use', 'used', 'using', 'being', 'make', 'made', 'main', 'key',
  'whats', 'wheres', 'whens', 'whos', 'hows', 'role', 'roles', 'play', 'plays', 'playing', 'played', 'actually', 'exactly', 'really', 'just', 'finally', 'quick', 'quickly', 'please', 'mid', 'ever', 'basically', 'even', 'roughly',
  'next', 'upcoming', 'coming', 'agenda', 'calendar', 'planned', 'happens', 'anyone', 'anybody', 'someone', 'somebody', 'anything', 'something', 'everything', 'everybody',
]);

/** Removes Slack and Discord mention and link syntax so a question never pings anyone and searches clean words. */
export function stripChatSyntax(text: string): string {
  return text
    .replace(/<[!@#][^>\s]{0,80}>/g, ' ')
    .replace(/@(everyone|here|channel)\b/gi, ' ')
    .replace(/<(https?:[^>|]{0,500})\|([^>]{0,200})>/g, '$2')
    .replace(/<@&?\d+>/g, ' ');
}

const KIND_PATTERNS: Array<[FigureKind, RegExp]> = [
  ['killed', /\b(kill|killed|deaths?|dead|died|fatalit\w*|death toll|toll|casualt\w*|lives lost)\b/],
  ['injured', /\b(injur\w*|wounded|hurt|casualt\w*)\b/],
  ['displaced', /\b(displac\w*|fled|refugees?|homeless|uprooted)\b/],
  ['evacuated', /\b(evacuat\w*)\b/],
  ['detained', /\b(detain\w*|prisoners?|captured|captives?|releas\w*|freed|pows?)\b/],
  ['missing', /\b(missing|unaccounted)\b/],
  ['duration', /\bhow long (did|has|have|had|was|were|will|would|do|does)\b|\b(lasted?|duration|how many (days|weeks|months))\b/],
  ['distance', /\bhow long is\b|\b(length|how far|distance|kilomet\w*|miles|km)\b/],
];

function classify(text: string, kinds: FigureKind[]): Intent {
  const t = text.toLowerCase();
  const figureAsk = /\b(how many|how much|number of|figures?|toll|count|tally|statistics|stats|casualt\w*|how long|how far)\b/.test(t);
  if (kinds.length && (figureAsk || /^\s*(latest|current|total|new)\b/.test(t) || kinds.some((k) => k !== 'duration' && k !== 'distance'))) {
    if (figureAsk || !/^\s*(who|what|when|where|why)\b/.test(t)) return kinds.every((k) => k === 'killed' || k === 'injured') ? 'casualties' : 'figures';
  }
  if (/^\s*why\b/.test(t)) return 'general';
  if (/^\s*(who|whom)\b|\bwho('s| is| was| are| were)\b|\bname of\b|^\s*(name|identify)\b|\bwhich (person|official|minister|leader|country|countries)\b/.test(t)) return 'who';
  if (/\b(coming up|what'?s next|what is next|what happens next|agenda|calendar)\b/.test(t)) return 'when';
  if (/^\s*when\b|\bwhat (date|day|time)\b|\bwhich (date|day)\b|\bscheduled\b|\bhow soon\b|\bwhen (is|are|will|did|was)\b/.test(t)) return 'when';
  if (/^\s*where\b|\bwhich (city|province|country|location|venue|place|town)\b|\bvenue\b|\blocation\b/.test(t)) return 'where';
  if (/\b(timeline|chronology|sequence of events|key events|what has happened so far)\b/.test(t)) return 'timeline';
  if (/\b(ask|asking|asked|demand\w*|request\w*|want|wants|insist\w*|urg\w*|call(ing|ed)? on|conditions?)\b/.test(t)) return 'demands';
  // "What came out of the talks?", "what was the outcome of the meeting": what the sides agreed.
  if (/\b(agree\w*|terms|deal include|commitments?|pledg\w*|concessions?|provisions?)\b|\bwhat (came|come|has come) out of\b|\b(outcome|result|results) of\b|\bwhat did the (talks|meeting|summit|call|negotiations) (produce|yield|achieve|decide)\b/.test(t)) return 'agreed';
  if (/\b(say|said|says|saying|stated?|statement|comment\w*|react\w*|respond\w*|think|view|position)\b/.test(t)) return 'statement';
  if (/\b(latest|newest|most recent|update|updates|news|happening|status|what's new|whats new|so far|right now|sitrep|briefing)\b/.test(t)) return 'latest';
  return 'general';
}

/** Reads a question: removes chat syntax, finds its intent, the figure kinds it asks for and its content words. */
export function analyseQuestion(raw: string): Question {
  const text = normalizeText(stripChatSyntax(raw)).slice(0, MAX_ANALYSED_CHARS);
  const lower = text.toLowerCase();
  const kinds = KIND_PATTERNS.filter(([, re]) => re.test(lower)).map(([kind]) => kind);
  const intent = text.trim() ? classify(text, kinds) : 'none';
  const wantsLatest = /\b(latest|newest|most recent|now|so far|current(ly)?|to date|updated?|today)\b|\b(what'?s|anything|what is) new\b/.test(lower);
  const seen = new Set<string>();
  const terms = tokenize(text).filter((t) => {
    if (STOPWORDS.has(t) || QUESTION_WORDS.has(t) || t.length < 2 && !/\d/.test(t) || seen.has(t)) return false;
    seen.add(t);
    return true;
  }).slice(0, 40);
  const subjectMatch = /\bwho(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+|a\s+|an\s+)?(.+?)[?.!]*$/i.exec(text)
    ?? /^\s*(?:name|identify)\s+(?:the\s+|a\s+)?(.+?)[?.!]*$/i.exec(text)
    ?? /\bwho\s+the\s+(.+?)\s+(?:is|was)\b/i.exec(text);
  return {
    raw, text, intent,
    kinds: intent === 'casualties' || intent === 'figures' ? kinds : [],
    wantsLatest, terms,
    subject: subjectMatch ? subjectMatch[1]!.trim() : null,
  };
}
