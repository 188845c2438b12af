import { describe, expect, it } from 'vitest';
import { answerQuestion, DAY_KEPT, passagesByDay } from '../../../src/core/answer/answer.ts';
import type { Article } from '../../../src/core/schema.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { fixedClock } from '../../helpers/seed-corpus.ts';

// A busy day of a story of our own: 130 reports of 9 March 2026, each three paragraphs of one sentence, so the day
// holds 260 lead sentences (the first two of a report) and 130 others, more than the DAY_KEPT a question reads.
const TOWNS = ['Arden', 'Belmoor', 'Calder', 'Dunmore', 'Eskby'];
const articles: Article[] = Array.from({ length: 130 }, (_, i) => ({
  id: `2026-03-09-report-${i}`,
  title: `Flood report ${i}`,
  source: null,
  url: null,
  published: '2026-03-09',
  standfirst: null,
  paragraphs: [
    `Rescue crews in ${TOWNS[i % 5]} pulled ${i + 3} people from flooded homes, officials said.`,
    `The river at ${TOWNS[(i + 1) % 5]} rose ${i % 7 + 2} metres above its usual level overnight.`,
    `Engineers will inspect the ${TOWNS[(i + 2) % 5]} bridge later this month.`,
  ],
}));
// report 99 is stored last (ids in order): its second sentence is a lead like 260 others, past the day's kept best
// (the lower passage numbers), and only a question's own words can bring it in
articles[99]!.paragraphs[1] = 'A levee near Calder gave way in the evening and water reached the town hall.';
const corpus = loadCorpus(JSON.parse(JSON.stringify(buildIndex(articles, new Date('2026-03-10T00:00:00Z')))));

describe('passages by day', () => {
  it('keeps a busy day\'s best DAY_KEPT passages by what the day says of them, ties by passage number', () => {
    const day = passagesByDay(corpus).get('2026-03-09')!;
    expect(day.ranked).toHaveLength(DAY_KEPT);
    // every lead sentence (first two of its report) outranks every third sentence; among equals the lower number
    const leads = corpus.articlePassages.flatMap((ps) => ps.slice(0, 2)).sort((a, b) => a - b);
    expect(day.ranked).toEqual(leads.slice(0, DAY_KEPT));
    expect(day.entries).toEqual([]);
  });

  it('still finds what a question\'s own words point to on that day, beyond the kept ones', () => {
    const levee = corpus.articlePassages[corpus.data.articles.findIndex((a) => a.id === '2026-03-09-report-99')]![1]!;
    expect(corpus.data.passages[levee]![2]).toMatch(/^A levee/);
    expect(passagesByDay(corpus).get('2026-03-09')!.ranked).not.toContain(levee);
    const answer = answerQuestion('What happened to the levee at Calder on 9 March?', { corpus, clock: fixedClock('2026-03-10T12:00:00Z') });
    expect(answer.answered).toBe(true);
    expect(answer.answer.split('\n')[0]).toMatch(/^A levee near Calder gave way/);
  });
});
