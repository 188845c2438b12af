/** Plain-text normalisation shared by ingestion, indexing and question analysis. */

const TYPOGRAPHIC: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/\s*[\u2013\u2014\u2015]\s*/g, ' - '],
  [/[\u2010\u2011\u2012\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
];

/** Straight quotes and dashes, single spaces, no control characters. */
export function normalizeText(text: string): string {
  let out = text.normalize('NFC');
  for (const [pattern, replacement] of TYPOGRAPHIC) out = out.replace(pattern, replacement);
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return out.replace(/[ \t]+/g, ' ').trim();
}

const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'u.n', 'e.u', 'dr', 'mr', 'mrs', 'ms', 'prof', 'gen', 'lt', 'col', 'adm', 'sgt', 'capt', 'maj',
  'st', 'jr', 'sr', 'no', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'gov', 'sen', 'rep', 'inc', 'ltd', 'co', 'corp', 'approx', 'e.g', 'i.e', 'a.m', 'p.m', 'mt',
]);

/** Splits a paragraph into sentences, keeping abbreviations such as "U.S." and "Dr." inside one sentence. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?]+["')\]]*)\s+(?=["'(\[]?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(paragraph); m; m = boundary.exec(paragraph)) {
    const end = m.index + m[1]!.length;
    const before = paragraph.slice(start, m.index);
    const lastWord = (before.match(/([A-Za-z.]+)$/)?.[1] ?? '').toLowerCase();
    if (m[1] === '.' && (ABBREVIATIONS.has(lastWord) || /^[a-z]$/.test(lastWord) || /(^|\.)[a-z]\.[a-z]$/.test(lastWord))) {
      continue;
    }
    const sentence = paragraph.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Joins prefixed compounds ("de-mining" -> "demining") so both spellings meet in the index. */
export function joinCompounds(text: string): string {
  return text.replace(/\b(de|re|co|pre|non|anti|cross|counter)-([a-z])/gi, '$1$2');
}

/** Country initialisms spelled out, so "US" is not the pronoun "us" and "U.S." meets "United States". */
export function expandInitialisms(text: string): string {
  return text
    .replace(/\bU\.S\.(?:A\.)?|\bUSA?\b/g, 'United States')
    .replace(/\bU\.K\.|\bUK\b/g, 'United Kingdom')
    .replace(/\bU\.N\.|\bUN\b/g, 'United Nations');
}

/** Lowercase word tokens (letters and digits of any script), with compounds joined and possessives dropped. */
export function tokenize(text: string): string[] {
  const cleaned = joinCompounds(expandInitialisms(normalizeText(text)))
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  return cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export const STOPWORDS = new Set(
  ('a an and are as at be been being but by did do does doing for from had has have having he her him his how i if in ' +
    'into is it its me my of on or our she so than that the their them then there these they this those to too ' +
    'us was we were what when where which while who whom whose why will with would you your can could should ' +
    'about any all also am just now over some such very up out get got tell say me please know there here')
    .split(' '),
);

/** Counts words in a string, for limits and heuristics. */
export function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}
