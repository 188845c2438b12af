import lunr from 'lunr';
import type { Corpus } from './corpus-index.ts';
import { countryForms, SYNONYM_GROUPS } from './lexicon.ts';
import { stemWord } from './spelling.ts';
import { tokenize } from './text.ts';

/** A question word with the other words that count as it. */
export interface Concept {
  term: string;
  stems: Set<string>;
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

let synonymStems: Map<string, Set<string>> | null = null;

/** stem -> stems of its synonym groups, built once. */
function synonymsByStem(): Map<string, Set<string>> {
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

function documentFrequency(corpus: Corpus, stem: string): number {
  const posting = (corpus.index as unknown as { invertedIndex: Record<string, Record<string, Record<string, unknown>>> }).invertedIndex[stem];
  if (!posting) return 0;
  return Object.keys(posting.text ?? {}).length;
}

/** Turns question terms into concepts: each term with its synonyms and country forms, weighted by rarity. */
export function buildConcepts(corpus: Corpus, terms: string[]): Concept[] {
  const total = corpus.data.passages.length || 1;
  const maxWeight = Math.log(1 + total);
  return terms.map((term) => {
    const own = stemWord(term);
    const stems = new Set<string>([own, ...(synonymsByStem().get(own) ?? []), ...countryForms(term).map(stemWord)]);
    const ownDf = documentFrequency(corpus, own);
    let bestDf = ownDf;
    if (!bestDf) for (const stem of stems) bestDf = Math.max(bestDf, documentFrequency(corpus, stem));
    return { term, stems, weight: bestDf ? Math.log(1 + total / bestDf) : maxWeight, known: bestDf > 0 };
  });
}

/** Share of the question's weight that the corpus knows at all: low means the question is off the corpus's topic. */
export function corpusCoverage(concepts: Concept[]): number {
  const total = concepts.reduce((sum, c) => sum + c.weight, 0);
  if (!total) return 0;
  return concepts.filter((c) => c.known).reduce((sum, c) => sum + c.weight, 0) / total;
}

const stemCache = new Map<number, Set<string>>();

/** Stems of a passage's words (cached per passage of the current corpus). */
export function passageStems(corpus: Corpus, p: number): Set<string> {
  const key = p;
  const cached = corpus === lastCorpus ? stemCache.get(key) : undefined;
  if (cached) return cached;
  if (corpus !== lastCorpus) {
    stemCache.clear();
    lastCorpus = corpus;
  }
  const stems = new Set(tokenize(corpus.data.passages[p]![2]).map(stemWord));
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(key, stems);
  return stems;
}
let lastCorpus: Corpus | null = null;

/** Share of concept weight found in one passage. */
export function passageCoverage(corpus: Corpus, p: number, concepts: Concept[]): number {
  const stems = passageStems(corpus, p);
  const total = concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  let found = 0;
  for (const concept of concepts) {
    for (const stem of concept.stems) {
      if (stems.has(stem)) {
        found += concept.weight;
        break;
      }
    }
  }
  return found / total;
}

/** Searches passages for the concepts with lunr's query builder (never the query-string parser), best first. */
export function searchPassages(corpus: Corpus, concepts: Concept[], limit = 40): Hit[] {
  if (!concepts.length) return [];
  const results = corpus.index.query((q) => {
    for (const concept of concepts) {
      const own = stemWord(concept.term);
      q.term(own, { usePipeline: false, boost: 1, presence: lunr.Query.presence.OPTIONAL });
      for (const stem of concept.stems) {
        if (stem !== own) q.term(stem, { usePipeline: false, boost: 0.4, presence: lunr.Query.presence.OPTIONAL });
      }
    }
  });
  return results.slice(0, limit * 3).map((r) => {
    const p = Number(r.ref);
    const coverage = passageCoverage(corpus, p, concepts);
    return { p, score: r.score * (0.5 + coverage), coverage };
  }).sort((a, b) => b.score - a.score).slice(0, limit);
}
