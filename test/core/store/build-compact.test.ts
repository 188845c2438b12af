import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { indexPipeline } from '../../../src/core/store/build-index.ts';
import { buildCompact } from '../../../src/core/store/build-compact.ts';
import { compactBuilder } from '../../../src/core/store/lunr-compact.ts';
import { spellingPipelineStep } from '../../../src/core/annotate/spelling.ts';
import { seedCorpus as loadSeedCorpus } from '../../helpers/seed-corpus.ts';

/** The index lunr's Builder makes of these texts, compacted: what buildCompact must equal. */
function viaBuilder(texts: string[]) {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.stopWordFilter, spellingPipelineStep, lunr.stemmer);
  builder.ref('id');
  builder.field('text');
  builder.metadataWhitelist = [];
  texts.forEach((text, i) => builder.add({ id: String(i), text }));
  builder.build();
  return compactBuilder(builder, 'text', texts.length);
}

describe('buildCompact (the index built without lunr\'s Builder)', () => {
  it('writes the structures lunr\'s Builder writes, term numbering included', () => {
    const corpus = loadSeedCorpus();
    const texts = corpus.data.passages.map(([, , text]) => text);
    texts.push('', 'the and of', 'Re-elected co-chair  --  well-known 2,000 x-ray', 'Defence defense DEFENCE', 'constructor toString valueOf __proto__ hasOwnProperty');
    const compact = buildCompact(texts, 'text', indexPipeline());
    expect(compact).toEqual(viaBuilder(texts));
    // words that are also names of Object's members stay words
    expect(compact.terms.every((t) => typeof t === 'string')).toBe(true);
    expect(compact.terms).toEqual(expect.arrayContaining(['constructor', '__proto__']));
  });
});
