import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { prepareArticle } from '../../../src/core/ingest/ingest.ts';
import type { Article } from '../../../src/core/schema.ts';
import { fixedClock } from '../../helpers/seed-corpus.ts';

// A story that has nothing to do with the bundled one: nothing in the engine may depend on it.
const FIRST = `Floods Kill Dozens in Northern Province as Rivers Burst Banks

Rescue teams search for survivors after days of heavy rain.

LAGOS, March 3 (AFP) - Floods in northern Kano state have killed at least 34 people and displaced more than 12,000 since Sunday, the National Emergency Management Agency (NEMA) said on Tuesday.

NEMA spokesman Ezekiel Manzo said rescue teams had reached 14 villages but that roads to several others were cut off.

The federal government will send 200 tonnes of food aid on Thursday, Humanitarian Affairs Minister Nentawe Yilwatda told reporters in Abuja.
`;
const SECOND = `Death Toll From Kano Floods Rises to 61

ABUJA, March 5 (Reuters) - The death toll from floods in Kano state has risen to 61, with 23 people still missing, state governor Abba Yusuf said on Thursday.

The Red Cross said nearly 30,000 people had fled their homes and were sheltering in 18 camps. Its country director, Musa Ibrahim, warned of cholera outbreaks.

Governor Yusuf said a donor conference would be held in Kano on March 12 to raise funds for reconstruction.
`;

const first = prepareArticle(FIRST, 'first.txt', { published: '2026-03-03' }, [], '2026-03-10');
const second = prepareArticle(SECOND, 'second.txt', { published: '2026-03-05' }, [first], '2026-03-10');
const corpus = loadCorpus(JSON.parse(JSON.stringify(buildIndex([first, second] as Article[], new Date('2026-03-10T00:00:00Z')))));
const ask = (q: string) => answerQuestion(q, { corpus, clock: fixedClock('2026-03-10T08:00:00Z') });

describe('another story: floods', () => {
  it('gives the newest toll first and the older one beside it', () => {
    const answer = ask('latest death toll');
    expect(answer.figures.map((f) => [f.value, f.asOf])).toEqual([[61, '2026-03-05'], [34, '2026-03-03']]);
    expect(answer.answer.split('\n')[0]).toBe('Killed: 61 killed, according to Abba Yusuf [1] (as of 5 March 2026).');
  });

  it('reads missing people and displacement, not counts of camps or villages', () => {
    expect(ask('How many people are missing?').figures[0]).toMatchObject({ kind: 'missing', value: 23, scope: 'people' });
    const displaced = ask('How many people have been displaced?').figures.map((f) => f.value);
    expect(displaced).toEqual([30_000, 12_000]);
  });

  it('learns roles and dates, and refuses what it does not cover', () => {
    expect(ask('Who is the humanitarian affairs minister?').answer).toMatch(/^Nentawe Yilwatda/);
    expect(ask('When is the donor conference?').answer.split('\n')[0]).toBe('Scheduled for 12 March 2026 [1].');
    expect(ask('Where will the donor conference be held?').answer.split('\n')[0]).toBe('in Kano [1].');
    expect(ask('What is the weather in Lagos?').answered).toBe(false);
    expect(ask('Who won the 2022 World Cup?').answer).toMatch(/I follow 2 articles from 3 March 2026 to 5 March 2026/);
  });
});
