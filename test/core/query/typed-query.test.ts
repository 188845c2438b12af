import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/core/query/typed-query.ts';
import { synonymsByStem } from '../../../src/core/store/retrieve.ts';
import { stemWord } from '../../../src/core/annotate/spelling.ts';

describe('the counted noun and money in a number question', () => {
  it('ends the counted noun phrase where a verb follows it, and keeps an adjective before it', () => {
    expect(parseQuery('How many people spent the night in tents?').counted).toBe('people');
    expect(parseQuery('How many volunteers joined the search?').counted).toBe('volunteers');
    expect(parseQuery('How many displaced people are there?').counted).toBe('people');
    expect(parseQuery('How many Cambodian soldiers were released?').counted).toBe('soldiers');
  });

  it('reads money only from words of money, or "how much" with spending', () => {
    expect(parseQuery('How many people spent the night in tents?').money).toBe(false);
    expect(parseQuery('How many families were paid compensation?').money).toBe(false);
    expect(parseQuery('How much was spent on the rebuilding?').money).toBe(true);
    expect(parseQuery('How many dollars did the fund raise?').money).toBe(true);
    expect(parseQuery('What did the repairs cost?').answerType === 'number' ? parseQuery('What did the repairs cost?').money : true).toBe(true);
  });

  it('asks for a number with "how deep", "how wide", "how tall", and finds the measure the sources name', () => {
    for (const q of ['How deep was the quake?', 'How wide is the breach?', 'How tall is the wave?']) expect(parseQuery(q).answerType, q).toBe('number');
    const synonyms = synonymsByStem();
    expect(synonyms.get(stemWord('deep'))?.has(stemWord('depth'))).toBe(true);
    expect(synonyms.get(stemWord('wide'))?.has(stemWord('width'))).toBe(true);
    expect(synonyms.get(stemWord('quake'))?.has(stemWord('earthquake'))).toBe(true);
  });
});

describe('an office asked with a verb', () => {
  it('reads "who leads / heads / runs X" as who holds the office', () => {
    expect(parseQuery('Who leads the union?').text).toBe('Who is the union leader?');
    expect(parseQuery('who heads the port authority').text).toBe('who is the port authority head');
    expect(parseQuery('Who leads the union?').answerType).toBe('role');
    // not when a clause follows
    expect(parseQuery('Who leads the talks that started on Monday?').text).toBe('Who leads the talks that started on Monday?');
  });
});
