import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Tagger, Token } from './tagger.ts';

// wink-nlp with its light English model: tokens, parts of speech and lemmas at tens of thousands of tokens a second.
// Loaded on first use, at index-build time on Node only; the answering runtime reads the stored annotations.
let nlp: ReturnType<typeof winkNLP> | null = null;

/** The tagger of Node builds: wink-nlp's parts of speech and lemmas, with each token's place in the sentence. */
export const winkTagger: Tagger = (sentence) => {
  nlp ??= winkNLP(model, ['pos']);
  const doc = nlp.readDoc(sentence);
  const its = nlp.its;
  const list = doc.tokens();
  // wink's typings do not cover every `its` helper with `out`; each returns one string per token.
  const read = list.out.bind(list) as (f: unknown) => string[];
  const values = read(its.value);
  const spaces = read(its.precedingSpaces);
  const pos = read(its.pos);
  const lemmas = read(its.lemma);
  const out: Token[] = [];
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i]!.length;
    const at = sentence.indexOf(values[i]!, offset);
    const start = at >= 0 && at - offset < 3 ? at : offset;
    out.push({ value: values[i]!, pos: pos[i]!, lemma: lemmas[i]!, start, end: start + values[i]!.length });
    offset = start + values[i]!.length;
  }
  return out;
};
