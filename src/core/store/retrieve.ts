import { documentFrequency, holdsAny, nameWordSet, passageTermIds, type Corpus } from './corpus-index.ts';
import { countryForms, SYNONYM_GROUPS } from '../annotate/lexicon.ts';
import { limitedTerm } from './lunr-compact.ts';
import { scoreTerms } from './score-terms.ts';
import { storeCounters } from './counters.ts';
import { isVerbForm, stemWord } from '../annotate/spelling.ts';
import { MONTHS } from '../annotate/dates.ts';

/** A question word with the other words that count as it. */
export interface Concept {
  term: string;
  stems: Set<string>;
  /** index term ids of the stems the corpus knows */
  ids: Set<number>;
  /** inverse document frequency of the concept's best-known stem; unknown concepts get the maximum */
  weight: number;
  known: boolean;
}

export interface Hit {
  p: number;
  score: number;
  /** share of the question's concept weight this passage holds */
  coverage: number;
}

/**
 * How many postings one lunr query may touch: lunr's cost grows with every posting of every term, so rare
 * question words are spent first, then synonyms; words left out still count when re-ranking by coverage.
 */
export const POSTING_BUDGET = 3000;
/** Candidates from lunr that are re-ranked by concept coverage. */
export const CANDIDATES = 300;

let synonymStems: Map<string, Set<string>> | null = null;

/** stem -> stems of its synonym groups, built once. */
export function synonymsByStem(): Map<string, Set<string>> {
  if (synonymStems) return synonymStems;
  synonymStems = new Map();
  for (const group of SYNONYM_GROUPS) {
    const stems = group.map(stemWord);
    for (const stem of stems) {
      const set = synonymStems.get(stem) ?? new Set<string>();
      for (const other of stems) if (other !== stem) set.add(other);
      synonymStems.set(stem, set);
    }
  }
  return synonymStems;
}

/** Whether a word is part of a name the sources give (a place, person or organisation): the index's name table. */
function isCorpusName(corpus: Corpus, word: string): boolean {
  return nameWordSet(corpus).has(word.toLowerCase());
}

/**
 * Rows reused by editDistance: closestTerm compares a misspelt word with thousands of index terms, and allocating two
 * arrays per comparison was most of a misspelt question's cost.
 */
let rows = [new Int32Array(40), new Int32Array(40), new Int32Array(40)];

/**
 * Edit distance of two short strings counting a swap of neighbouring letters as one edit ("ceasefrie"; the optimal
 * string alignment distance), giving up (returning max + 1) once every alignment exceeds max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rows[0]!.length) rows = rows.map(() => new Int32Array(b.length + 1));
  let before = rows[0]!;
  let previous = rows[1]!;
  let row = rows[2]!;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let cost = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) cost = Math.min(cost, before[j - 2]! + 1);
      row[j] = cost;
      if (cost < best) best = cost;
    }
    // no later row can come back under max: a swap reaches back two rows, and only from a cell that was under max
    if (best > max) return max + 1;
    [before, previous, row] = [previous, row, before];
  }
  return previous[b.length]!;
}

/** The letters a-z a word holds, one bit each: a cheap lower bound on edit distance (see closestTerm). */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

/** Bits set in a 32-bit number. */
function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface TermTable {
  /** `${first letter}${length}` -> term ids */
  byStart: Map<string, number[]>;
  /** term id -> letterMask of the term */
  masks: Int32Array;
}

const termTables = new WeakMap<Corpus, TermTable>();

/** The index's terms by first letter and length, with their letter masks (built once per corpus). */
export function termTable(corpus: Corpus): TermTable {
  let table = termTables.get(corpus);
  if (table) return table;
  const { terms } = corpus.data.lunr;
  table = { byStart: new Map(), masks: new Int32Array(terms.length) };
  terms.forEach((term, id) => {
    const key = `${term[0]}${term.length}`;
    const list = table!.byStart.get(key);
    if (list) list.push(id);
    else table!.byStart.set(key, [id]);
    table!.masks[id] = letterMask(term);
  });
  termTables.set(corpus, table);
  return table;
}

/** Ids of the index terms starting with a letter whose length lies in [min, max], in id order. */
function termsNear(table: TermTable, first: string, min: number, max: number): number[] {
  const out: number[] = [];
  for (let length = Math.max(1, min); length <= max; length++) out.push(...(table.byStart.get(`${first}${length}`) ?? []));
  storeCounters.termsCompared += out.length;
  return out.sort((a, b) => a - b);
}

const ENDINGS = ['e', 's', 'ed', 'ing', 'ion', 'ate', 'ated', 'ation', 'y', 'ies', 'er'].map((ending) => ({ ending, mask: letterMask(ending) }));

/**
 * The index term a misspelt word most likely meant: same first letter, one edit for words of six to eight letters,
 * two for longer ones (a swap of two letters is one edit), the most frequent on a tie. Shorter words are never
 * corrected (too many near neighbours).
 */
function closestTerm(corpus: Corpus, word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 6 || /\d/.test(lower)) return null;
  // The answer depends on the word and the corpus only, and the words that need it recur (a name the sources do not
  // hold is asked about again and again): kept per corpus, up to CORRECTIONS_KEPT words.
  let memo = corrections.get(corpus);
  if (!memo) corrections.set(corpus, (memo = new Map()));
  const kept = memo.get(lower);
  if (kept !== undefined) return kept;
  const found = searchClosest(corpus, lower);
  if (memo.size >= CORRECTIONS_KEPT) memo.clear();
  memo.set(lower, found);
  return found;
}

const CORRECTIONS_KEPT = 20_000;
const corrections = new WeakMap<Corpus, Map<string, string | null>>();

function searchClosest(corpus: Corpus, lower: string): string | null {
  const max = lower.length >= 9 ? 2 : 1;
  const stem = stemWord(lower);
  const table = termTable(corpus);
  const wordMask = letterMask(lower);
  const stemMask = letterMask(stem);
  // An edit changes at most two letters of the set a word holds (a swap none): more differing letters rule a pair out
  // before the distance is computed, which is most pairs.
  const far = (a: number, b: number) => bitCount(a ^ b) > 2 * max;
  let best: { term: string; distance: number; df: number } | null = null;
  for (const id of termsNear(table, lower[0]!, lower.length - max - 3, lower.length + max + 3)) {
    const term = corpus.data.lunr.terms[id]!;
    const mask = table.masks[id]!;
    // Index terms are stems: compare the word's stem, the word itself and the stem with common endings put back.
    let distance = max + 1;
    if (!far(stemMask, mask)) distance = editDistance(stem, term, max);
    if (distance > 0 && !far(wordMask, mask)) distance = Math.min(distance, editDistance(lower, term, max));
    if (term.length >= 5) {
      for (const { ending, mask: endingMask } of ENDINGS) {
        if (distance === 0) break;
        if (Math.abs(lower.length - term.length - ending.length) > max || far(wordMask, mask | endingMask)) continue;
        distance = Math.min(distance, editDistance(lower, term + ending, max));
      }
    }
    if (distance > max) continue;
    const df = corpus.data.lunr.df[id]!;
    if (!best || distance < best.distance || (distance === best.distance && df > best.df)) best = { term, distance, df };
  }
  return best?.term ?? null;
}

/** Passages of the whole corpus, also when a store loaded only the part one question needs. */
function passageTotal(corpus: Corpus): number {
  return corpus.data.lunr.documents ?? corpus.data.passages.length;
}

/** Turns question terms into concepts: each term with its synonyms and country forms, weighted by rarity. */
export function buildConcepts(corpus: Corpus, terms: string[]): Concept[] {
  const total = passageTotal(corpus) || 1;
  const maxWeight = Math.log(1 + total);
  return terms.map((term) => {
    // A word the sources never use may be a typo of one they do: "Sindor" is "Sindoor", "mediatted" is "mediated".
    const known = documentFrequency(corpus, stemWord(term)) > 0;
    const own = known ? stemWord(term) : closestTerm(corpus, term) ?? stemWord(term);
    const stems = new Set<string>([own, ...(synonymsByStem().get(own) ?? []), ...countryForms(term).map(stemWord)]);
    const ids = new Set<number>();
    for (const stem of stems) {
      const id = corpus.termIds.get(stem);
      if (id !== undefined) ids.add(id);
    }
    let df = documentFrequency(corpus, own);
    if (!df) for (const stem of stems) df = Math.max(df, documentFrequency(corpus, stem));
    return { term, stems, ids, weight: df ? Math.log(1 + total / df) : maxWeight, known: df > 0 };
  });
}

/**
 * Share of the question's weight that the corpus knows at all (after withoutForgiven): low means the question is
 * off the corpus's topic.
 */
export function corpusCoverage(concepts: Concept[]): number {
  const total = concepts.reduce((sum, c) => sum + c.weight, 0);
  if (!total) return 0;
  return concepts.filter((c) => c.known).reduce((sum, c) => sum + c.weight, 0) / total;
}

/**
 * The concepts without forgiven unknown everyday words (see corpusCoverage): they can match nothing anyway. A question
 * anchored by known words may carry one or two words the sources never use ("massacre" for "attack"); unknown
 * names and numbers are never forgiven, and a question with more unknown words than that is left as it is.
 */
/** Months and weekdays are capitalised but name no thing ("May" is also a word the index leaves out). */
const CALENDAR_WORD = new RegExp(`^(${Object.keys(MONTHS).join('|')}|mon|tue|wed|thu|fri|sat|sun)(day)?$`, 'i');

/** A question word written as a name (capitalised past the first word) or a number: never an everyday word. */
function isNameLike(c: Concept, questionText: string): boolean {
  if (CALENDAR_WORD.test(c.term)) return false;
  return /\d/.test(c.term) || capitalisedIn(c.term, questionText.replace(/^\W*\p{L}/u, ''));
}

/**
 * Whether `text` holds the word with its first letter capitalised, at the start or after a non-letter. A scan with
 * indexOf: a RegExp built from the word would be compiled anew for every word of every question.
 */
function capitalisedIn(word: string, text: string): boolean {
  const form = word.charAt(0).toUpperCase() + word.slice(1);
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    if (at === 0 || !LETTER.test(text.charAt(at - 1))) return true;
  }
  return false;
}
const LETTER = /\p{L}/u;

/** Whether the question names something the sources never mention ("the weather in Lagos"): then they do not cover it. */
export function namesUnknown(concepts: Concept[], questionText: string): boolean {
  return concepts.some((c) => !c.known && isNameLike(c, questionText) && !/\d/.test(c.term));
}



export function withoutForgiven(corpus: Corpus, concepts: Concept[], questionText: string, typed = false): Concept[] {
  const isName = (c: Concept) => isNameLike(c, questionText);
  const unknown = concepts.filter((c) => !c.known);
  const known = concepts.filter((c) => c.known);
  if (!unknown.length || unknown.some(isName)) return concepts;
  // One known word anchors an unknown one when the unknown word is a verb ("where did the landslide hit"), or when
  // the question's word says what it wants (a date, a place, a number) and the known word is a name the sources use
  // ("when was the Pettersby disaster"). "What is the weather in Lagos" wants the unknown thing itself; "died in the
  // earthquake" has no name: neither is covered.
  const anchored = known.length === 1 && ((typed && isCorpusName(corpus, known[0]!.term)) || unknown.every((c) => isVerbForm(c.term)));
  const allowance = known.length >= 3 ? 2 : known.length === 2 || anchored ? 1 : 0;
  return unknown.length <= allowance ? known : concepts;
}

/** Share of concept weight found in one passage, read from its stored term ids (no re-stemming). */
export function passageCoverage(corpus: Corpus, p: number, concepts: Concept[]): number {
  const read = passageTermIds(corpus, p);
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    total += concept.weight;
    if (holdsAny(read, concept.ids)) found += concept.weight;
  }
  return total ? found / total : 0;
}

/** The (stem, boost) pairs sent to lunr: the question's own words by rarity, then synonyms, within the budget. */
export function queryTerms(corpus: Corpus, concepts: Concept[]): Array<{ stem: string; boost: number }> {
  const budget = POSTING_BUDGET;
  const own: Array<{ stem: string; boost: number; df: number }> = [];
  const synonyms: typeof own = [];
  const seen = new Set<string>();
  for (const concept of concepts) {
    const mine = stemWord(concept.term);
    for (const stem of concept.stems) {
      const df = documentFrequency(corpus, stem);
      if (!df || seen.has(stem)) continue;
      seen.add(stem);
      (stem === mine ? own : synonyms).push({ stem, boost: stem === mine ? 1 : 0.4, df });
    }
  }
  const byRarity = (a: { df: number }, b: { df: number }) => a.df - b.df;
  const picked: Array<{ stem: string; boost: number }> = [];
  let spent = 0;
  for (const term of [...own.sort(byRarity), ...synonyms.sort(byRarity)]) {
    if (picked.length && spent + term.df > budget) continue;
    // Even the rarest word may be everywhere: then it is searched in its newest passages only.
    picked.push(term.df > budget ? { stem: limitedTerm(term.stem, budget), boost: term.boost } : term);
    spent += Math.min(term.df, budget);
  }
  return picked;
}

/** Searches passages as lunr's query builder would (never the query-string parser), re-ranked by coverage, best first. */
export function searchPassages(corpus: Corpus, concepts: Concept[], limit = 40): Hit[] {
  const terms = queryTerms(corpus, concepts);
  if (!terms.length) return [];
  storeCounters.searches++;
  // lunr's Index.query for these terms, computed directly on the compact index (test/core/store/score-terms.test.ts)
  const results = scoreTerms(corpus.data.lunr, corpus.termIds, corpus.docs, terms, CANDIDATES);
  return results.slice(0, CANDIDATES).map((r) => {
    const p = r.doc;
    const coverage = passageCoverage(corpus, p, concepts);
    return { p, score: r.score * (0.5 + coverage), coverage };
  }).sort((a, b) => b.score - a.score).slice(0, limit);
}
