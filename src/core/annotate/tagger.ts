/** A token of a sentence with its part of speech (Universal tags: PROPN, NOUN, VERB, NUM, ...) and lemma. */
export interface Token {
  value: string;
  pos: string;
  lemma: string;
  start: number;
  end: number;
}

/** Splits a sentence into tagged tokens; the annotator reads names, counted nouns and verbs from the tags. */
export type Tagger = (sentence: string) => Token[];

const FUNCTION_WORDS: Record<string, string> = Object.fromEntries([
  ...'the a an this that these those its their his her our my your some any each every no'.split(' ').map((w) => [w, 'DET']),
  ...'of in on at by for from to with into over under near after before during since between across about against through'.split(' ').map((w) => [w, 'ADP']),
  ...'and or but nor'.split(' ').map((w) => [w, 'CCONJ']),
  ...'is are was were be been being has have had do does did will would shall should can could may might must'.split(' ').map((w) => [w, 'AUX']),
  ...'he she it they we you i who which whom whose what there here'.split(' ').map((w) => [w, 'PRON']),
  ...'not very also still just only about nearly almost around some more than less'.split(' ').map((w) => [w, 'ADV']),
]);

/**
 * A tagger of rules, for runtimes that cannot carry an NLP model (a Worker building a segment from a followed feed):
 * capitalised words past a sentence's start are proper nouns, digits are numbers, function words are what they are,
 * words ending in -ed or -ing are verbs and other words nouns. Coarser than wink-nlp's model, and said so where used.
 */
export const ruleTagger: Tagger = (sentence) => {
  const out: Token[] = [];
  for (const m of sentence.matchAll(/\p{L}[\p{L}'.-]*\p{L}|\p{L}|\d[\d,.:]*\d|\d|[^\s\p{L}\d]/gu)) {
    const value = m[0];
    const start = m.index ?? 0;
    const lower = value.toLowerCase();
    let pos = FUNCTION_WORDS[lower] ?? 'NOUN';
    if (/^\d/.test(value)) pos = 'NUM';
    else if (!/\p{L}/u.test(value)) pos = 'PUNCT';
    else if (/^\p{Lu}/u.test(value) && out.length > 0 && !FUNCTION_WORDS[lower]) pos = 'PROPN';
    else if (!FUNCTION_WORDS[lower] && /(ed|ing)$/.test(lower)) pos = 'VERB';
    out.push({ value, pos, lemma: lower.replace(/(?<=[a-z]{3})(ies)$/, 'y').replace(/(?<=[a-z]{3})s$/, ''), start, end: start + value.length });
  }
  return out;
};
