import lunr from 'lunr';

const OUR_WORDS = /(four|hour|your|tour|pour|flour|sour|dour|devour|scour|contour|detour|amour)s?$/;

/** British and American spellings meet: defence/defense, kilometre/kilometer, stabilise/stabilize, labour/labor. */
export function canonicalSpelling(word: string): string {
  if (word.length < 5) return word;
  return word
    .replace(/ence$/, (m) => (/(defen|offen|licen|preten)ce$/.test(word) ? 'ense' : m))
    .replace(/tre(s?)$/, 'ter$1')
    .replace(/isation(s?)$/, 'ization$1')
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing)$/, 'iz$1')
    .replace(/(?<=[a-z]{2}[^aeiou])our(s|ed|ing)?$/, (m) => (OUR_WORDS.test(word) ? m : m.replace('our', 'or')))
    .replace(/ogue$/, 'og')
    .replace(/mme$/, 'm');
}

const spellingStep: lunr.PipelineFunction = (token) => token.update((s) => canonicalSpelling(s));
lunr.Pipeline.registerFunction(spellingStep, 'sitrepSpelling');

/** The pipeline step, registered with lunr so a serialised index can be loaded again. */
export const spellingPipelineStep = spellingStep;

const stems = new Map<string, string>();

/** A word as the index stores it: canonical spelling, then the lunr (Porter) stem (memoised: words repeat). */
export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = lunr.stemmer(new lunr.Token(canonicalSpelling(word.toLowerCase()), {})).toString();
    if (stems.size > 100_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}
