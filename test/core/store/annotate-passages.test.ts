import { describe, expect, it } from 'vitest';
import { passageAnnotator } from '../../../src/core/store/annotate-passages.ts';
import { winkTagger } from '../../../src/core/annotate/wink-tagger.ts';
import { countryOf, isCapital } from '../../../src/core/annotate/geo.ts';

const tools = { tagger: winkTagger, countryOf, isCapital };

function annotate(texts: string[]) {
  const annotator = passageAnnotator(tools);
  for (const text of texts) annotator.add(text);
  return annotator.finish(texts.map(() => ({ section: null, time: null })));
}

describe('passageAnnotator (passages annotated as added, names settled at the end)', () => {
  const passages = [
    'Residents said Luna closed the road near Kabul.',
    'Gunmen stormed a checkpoint at 5 pm, killing 12 soldiers.',
    'Sheriff Robert Luna said the gunmen fled toward Pakistani territory.',
  ];

  it('types an earlier passage\'s names by evidence from passages added after it', () => {
    const luna = (a: ReturnType<typeof annotate>) => a.annotations[0]!.n!.find(([start, end]) => passages[0]!.slice(start, end) === 'Luna')?.[2];
    expect(luna(annotate(passages.slice(0, 2)))).toBe('n');
    // "Sheriff Robert Luna" comes later and makes the "Luna" before it a person
    expect(luna(annotate(passages))).toBe('p');
  });

  it('drops a sentence-initial capital once any later passage writes the word in lower case', () => {
    expect(annotate(passages.slice(0, 2)).annotations[1]!.n).toEqual([[0, 6, 'n']]);
    const all = annotate(passages);
    expect(all.annotations[1]).toEqual({ q: [[45, 47, 12, 'soldier']], tm: [[31, 35, '17:00']] });
    expect(all.countries).toEqual([['Pakistan', 'pakistan', 'pakistani']]);
  });
});
