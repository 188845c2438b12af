import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../../src/core/annotate/figures.ts';

const pick = (sentence: string, published = '2025-12-24') =>
  extractFigures(sentence, published).map(({ kind, value, qualifier, scope, claimant, unit }) => ({ kind, value, qualifier, scope, claimant, unit }));

describe('extractFigures on sentences from each seed', () => {
  it('reads numbers written in words, with qualifier and scope (seed 001)', () => {
    const figures = pick('The clashes have exacted a heavy toll: at least eighty civilians and soldiers have been reported killed, more than half a million people displaced in Cambodia, and significant evacuations of Thai citizens from frontline provinces.');
    expect(figures).toEqual([
      { kind: 'killed', value: 80, qualifier: 'at least', scope: 'civilians and soldiers', claimant: null, unit: null },
      { kind: 'displaced', value: 500_000, qualifier: 'more than', scope: 'people in Cambodia', claimant: null, unit: null },
    ]);
  });

  it('attributes figures to the claimant and separates kinds in one list (seed 003)', () => {
    const figures = pick('On Monday, the Cambodian Ministry of Interior said the conflict has resulted in 20 civilian deaths, 79 injuries, and 525,000 people displaced.', '2025-12-23');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([['killed', 20], ['injured', 79], ['displaced', 525_000]]);
    expect(new Set(figures.map((f) => f.claimant))).toEqual(new Set(['Cambodian Ministry of Interior']));
  });

  it('reads "nearly one million" (seed 004)', () => {
    const figures = pick('The conflict has resulted in at least 41 deaths and nearly one million people displaced since early this month.', '2025-12-22');
    expect(figures).toEqual([
      expect.objectContaining({ kind: 'killed', value: 41, qualifier: 'at least' }),
      expect.objectContaining({ kind: 'displaced', value: 1_000_000, qualifier: 'nearly', scope: 'people' }),
    ]);
  });

  it('reads detentions, durations and distances (seeds 002, 000)', () => {
    expect(pick('The agreement is expected to include provisions for the release of 18 Cambodian soldiers currently detained in Thailand.', '2025-10-24'))
      .toEqual([expect.objectContaining({ kind: 'detained', value: 18, scope: 'Cambodian soldiers in Thailand' })]);
    expect(pick('The July conflict, which lasted five days and caused significant displacement along the border, was the most serious confrontation.', '2025-10-24'))
      .toEqual([expect.objectContaining({ kind: 'duration', value: 5, unit: 'days', scope: 'July conflict' })]);
    expect(pick('Held at a border checkpoint near the southern end of the 817-kilometer boundary, the meetings began.'))
      .toEqual([expect.objectContaining({ kind: 'distance', value: 817, unit: 'km', scope: 'boundary' })]);
  });

  it('ignores years, dates and numbers that count nothing', () => {
    expect(pick('This is the most severe clash since the organization was established in 1967.')).toEqual([]);
    expect(pick('The three-day meeting began on December 24, focusing on 3 mechanisms.')).toEqual([expect.objectContaining({ kind: 'duration', value: 3, scope: 'meeting' })]);
    expect(pick('Fighting resumed on 3 fronts, leading to further military actions.')).toEqual([]);
    expect(pick('A Cambodian soldier was killed, leading to further military actions.')).toEqual([expect.objectContaining({ kind: 'killed', value: 1, scope: 'Cambodian soldier' })]);
  });
});
