import countries from 'world-countries';

/** A country as news text names it: its common name, its people's adjective and its capital. */
export interface CountryNames {
  name: string;
  demonym: string | null;
  capital: string | null;
}

let byWord: Map<string, CountryNames> | null = null;

/**
 * Countries of the world from the world-countries data set, keyed by lowercase name, adjective ("pakistani") and
 * capital. Built once, at index-build time only: the answering runtime reads what the index stored.
 */
function table(): Map<string, CountryNames> {
  if (byWord) return byWord;
  byWord = new Map();
  // A people's adjective some territories share with their country ("Indian": India and the British Indian Ocean
  // Territory; "Norwegian": Norway and Svalbard) is the independent country's, the later listed between equals as
  // before; a country's own name is never taken.
  const independent = new Set<CountryNames>();
  const claim = (word: string, entry: CountryNames) => {
    const held = byWord!.get(word);
    if (!held || (held.name.toLowerCase() !== word && (independent.has(entry) || !independent.has(held)))) byWord!.set(word, entry);
  };
  for (const c of countries) {
    const entry: CountryNames = { name: c.name.common, demonym: c.demonyms?.eng?.m ?? null, capital: c.capital?.[0] ?? null };
    if (c.independent) independent.add(entry);
    byWord.set(entry.name.toLowerCase(), entry);
  }
  for (const entry of [...byWord.values()]) {
    if (!entry.demonym) continue;
    claim(entry.demonym.toLowerCase(), entry);
    claim(`${entry.demonym.toLowerCase()}s`, entry);
  }
  for (const [alias, name] of [['us', 'United States'], ['u.s.', 'United States'], ['usa', 'United States'], ['america', 'United States'], ['uk', 'United Kingdom'], ['britain', 'United Kingdom'], ['british', 'United Kingdom'], ['turkey', 'Türkiye'], ['turkiye', 'Türkiye'], ['burma', 'Myanmar']] as const) {
    const entry = [...byWord.values()].find((c) => c.name === name);
    if (entry && !byWord.has(alias)) byWord.set(alias, entry);
  }
  return byWord;
}

/** The country a word or phrase names ("Pakistani", "India", "Türkiye"), or null. */
export function countryOf(text: string): CountryNames | null {
  return table().get(text.toLowerCase().replace(/'s$/, '').trim()) ?? null;
}

/** Whether a phrase is a capital city of some country ("New Delhi", "Kingston"). */
export function isCapital(text: string): boolean {
  capitals ??= new Set([...table().values()].flatMap((c) => (c.capital ? [c.capital.toLowerCase()] : [])));
  return capitals.has(text.toLowerCase());
}

let capitals: Set<string> | null = null;
