import { isCountryWord, SYNONYM_GROUPS } from '../annotate/lexicon.ts';
import { stemWord } from '../annotate/spelling.ts';
import { STOPWORDS, tokenize } from '../annotate/text.ts';

/** What kind of thing a sentence reports, for telling one development from another. */
const EVENT_CLASSES: Array<[string, RegExp]> = [
  ['talks', /\b(talks?|meet|meets|meeting|met|convened?|dialogue|negotiat\w*|discuss\w*|committee|summit)\b/i],
  ['agreement', /\b(agreed?|agreement|accord|deal|signed|signing|truce terms)\b/i],
  ['fighting', /\b(clash\w*|fighting|attack\w*|shell\w*|strikes?|gunfire|offensive)\b/i],
  ['release', /\b(release[ds]?|freed|handed over|repatriat\w*)\b/i],
];

let canonical: Map<string, string> | null = null;

/** A stem as its synonym group's first word ("truce" and "accord" are "ceasefire"'s group), so rewordings match. */
function canonicalStem(word: string): string {
  if (!canonical) {
    canonical = new Map();
    for (const group of SYNONYM_GROUPS) {
      const head = stemWord(group[0]!);
      for (const w of group) if (!canonical.has(stemWord(w))) canonical.set(stemWord(w), head);
    }
  }
  const stem = stemWord(word);
  return canonical.get(stem) ?? stem;
}

/** The content of a sentence: its stems beyond stop words, short words and country names, synonyms merged. */
export function contentKeys(text: string): Set<string> {
  // Country names are in nearly every sentence of a story about two countries: they tell developments apart least.
  return new Set(tokenize(text).filter((w) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w) && !isCountryWord(w)).map(canonicalStem));
}

/** The first event class a sentence reports, or null. */
export function eventClass(text: string): string | null {
  return EVENT_CLASSES.find(([, re]) => re.test(text))?.[0] ?? null;
}

/**
 * Whether two sentences report the same development: many content words in common, or a few and the same kind of
 * event ("convened for talks" and "have begun renewed talks"; "meet to discuss reinstating a truce").
 */
export function sameDevelopment(a: string, b: string): boolean {
  const x = contentKeys(a);
  const y = contentKeys(b);
  let shared = 0;
  for (const key of x) if (y.has(key)) shared++;
  const kind = eventClass(a);
  return shared >= 5 || (shared >= 3 && kind !== null && kind === eventClass(b));
}
