/** Numbers written in digits or words ("525,000", "eighty", "half a million", "1.5 million"), found with their spans. */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

export interface NumberSpan {
  value: number;
  start: number;
  end: number;
  text: string;
  /** written as a digit string of four figures with no separator, e.g. a year */
  yearLike: boolean;
}

const WORD = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)';
const NUMBER_RE = new RegExp(
  [
    `\\bhalf an? (?:million|billion)\\b`,
    `\\ba (?:dozen|hundred|thousand|million|billion)\\b`,
    // "a Chinese citizen", "a soldier": one person, counted only before a word for a person.
    `\\ban?(?=\\s+(?:[A-Z][\\w-]+\\s+)?(?:person|civilian|soldier|citizen|national|man|woman|child|villager|resident|worker|journalist|monk|officer|policeman|farmer|student)\\b)`,
    `\\b\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?:\\s+(?:hundred|thousand|million|billion))?\\b`,
    `\\b\\d+(?:\\.\\d+)?(?:\\s+(?:hundred|thousand|million|billion))?\\b`,
    `\\b${WORD}(?:[\\s-]+(?:and\\s+)?${WORD})*\\b`,
  ].join('|'),
  'gi',
);

function wordsToNumber(text: string): number | null {
  const words = text.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((w) => w && w !== 'and');
  let total = 0;
  let current = 0;
  for (const word of words) {
    if (word === 'a') current = current || 1;
    else if (word === 'half') current = 0.5;
    else if (word === 'dozen') current = (current || 1) * 12;
    else if (word in UNITS) current += UNITS[word]!;
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (word in SCALES) {
      total += (current || 1) * SCALES[word]!;
      current = 0;
    } else if (/^\d/.test(word)) current += Number(word.replace(/,/g, ''));
    else return null;
  }
  return total + current;
}

/** Every number in a text, in order. */
export function findNumbers(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const raw = m[0];
    const value = wordsToNumber(raw);
    if (value === null || Number.isNaN(value)) continue;
    const start = m.index ?? 0;
    spans.push({ value, start, end: start + raw.length, text: raw, yearLike: /^\d{4}$/.test(raw) });
  }
  return spans;
}

// Made on first use: building an Intl.NumberFormat costs about 12 ms, which every CLI start would pay.
let numberFormat: Intl.NumberFormat | undefined;

/** 525000 -> "525,000"; 0.5 -> "0.5". */
export function formatNumber(value: number): string {
  return (numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })).format(value);
}

