import { describe, expect, it } from 'vitest';
import { extractPeople, sameName } from '../../../src/core/annotate/people.ts';

describe('extractPeople', () => {
  it.each([
    ['Thai Defence Ministry spokesman Rear Admiral Surasant Kongsiri said the committee would meet.', 'Surasant Kongsiri', 'Thai Defence Ministry spokesman'],
    ["Cambodia's Deputy Prime Minister and Defense Minister Tea Seiha echoed similar optimism.", 'Tea Seiha', "Cambodia's Deputy Prime Minister and Defense Minister"],
    ["On Monday, China's Special Envoy for Asian Affairs, Deng Xijun, also met officials.", 'Deng Xijun', "China's Special Envoy for Asian Affairs"],
    ['Dr. Pongkwan Sawasdipakdi, a lecturer at Thammasat University in Thailand, said in an interview that talks were hard.', 'Pongkwan Sawasdipakdi', 'lecturer at Thammasat University in Thailand'],
    ['The truce was brokered with the involvement of Malaysia and United States President Donald Trump.', 'Donald Trump', 'United States President'],
  ])('finds the person and role in %s', (sentence, name, role) => {
    expect(extractPeople(sentence)).toContainEqual({ name, role });
  });

  it('does not take countries or weekdays for names', () => {
    expect(extractPeople('Thailand and Cambodia met on Monday in Kuala Lumpur.')).toEqual([]);
  });

  it('links a surname to the full name', () => {
    expect(sameName('Trump', 'Donald Trump')).toBe(true);
    expect(sameName('Natthaphon', 'Natthaphon Narkphanit')).toBe(true);
    expect(sameName('Anutin', 'Donald Trump')).toBe(false);
  });
});

describe('people in other outlets\' styles', () => {
  it.each([
    ["Hun Manet, Cambodia's prime minister, said the army would hold its positions.", 'Hun Manet', "Cambodia's prime minister"],
    ['Foreign Minister Prak Sokhonn of Cambodia met his Thai counterpart.', 'Prak Sokhonn', 'Foreign Minister of Cambodia'],
    ['UN Secretary-General Antonio Guterres called for restraint.', 'Antonio Guterres', 'UN Secretary-General'],
  ])('finds the person and role in %s', (sentence, name, role) => {
    expect(extractPeople(sentence)).toContainEqual({ name, role });
  });
});

describe('what is not a person', () => {
  it('takes no person from an institution name or a possessive', () => {
    expect(extractPeople('The three-day meeting of the General Border Committee began on December 24.')).toEqual([]);
    expect(extractPeople("The U.S. hoped to sign a declaration during President Trump's visit.")).toEqual([{ name: 'Trump', role: 'President' }]);
  });
});
