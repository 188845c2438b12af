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

  it('keeps a busy day\'s best DAY_KEPT live-blog entries, first sentences first, and titles it by the blog with most entries', () => {
    // two live blogs of 5 March: "a" with 110 entries, "b" (stored after it) with 130; each entry two sentences
    const blog = (id: string, entries: number): Article => ({
      id: `2026-03-05-live-${id}`, title: `LIVE: Flood ${id}`, source: null, url: null, published: '2026-03-05', standfirst: null,
      paragraphs: [`LIVE: Flood ${id}`, 'Thursday 5 March 2026. All times local. Latest first.', ...Array.from({ length: entries }, (_, i) => [
        `${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} – Update ${id}${i}`,
        `Crews in ${TOWNS[i % 5]} moved ${i + 2} families to higher ground. The water kept rising near the ${TOWNS[(i + 1) % 5]} road.`,
      ]).flat()],
    });
    const blogs = loadCorpus(JSON.parse(JSON.stringify(buildIndex([blog('a', 110), blog('b', 130)], new Date('2026-03-06T00:00:00Z')))));
    const day = passagesByDay(blogs).get('2026-03-05')!;
    expect(day.allEntries).toHaveLength(480);
    expect(day.entries).toHaveLength(DAY_KEPT);
    // every kept entry is the first sentence under its time: the lower-numbered 200 of the 240 first sentences
    const firsts = blogs.articlePassages.flatMap((ps) => ps.filter((p) => /^Crews in/.test(blogs.data.passages[p]![2])));
    expect(firsts).toHaveLength(240);
    expect(day.entries).toEqual(firsts.slice(0, DAY_KEPT));
    // the titles come from every entry of the day: blog b has more, though most of its entries are past the kept ones
    const answer = answerQuestion('What happened on 5 March?', { corpus: blogs, clock: fixedClock('2026-03-06T12:00:00Z') });
    expect(answer.answer.split('\n')[0]).toMatch(/^5 March 2026: 08:00 Update b0; 08:01 Update b1; .*08:07 Update b7 \[\d\]\.$/);
  });
});
