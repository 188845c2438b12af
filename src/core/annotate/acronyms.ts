/**
 * Acronyms the sources spell out: "Director General of Military Operations (DGMO)", "The Resistance Front (TRF)".
 * Read at build time from the text itself, so any story's acronyms are learnt; questions use them expanded.
 */
export function findAcronyms(sentence: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of sentence.matchAll(/\((\p{Lu}[\p{Lu}\p{Ll}&]{1,7}?)s?\)/gu)) {
    const acronym = m[1]!;
    const capitals = acronym.replace(/[^\p{Lu}]/gu, '');
    if (capitals.length < 2) continue;
    const words = sentence.slice(0, m.index).trim().split(/\s+/);
    const taken: string[] = [];
    let letters = '';
    // Walk back over the words before the bracket until their capitals spell the acronym.
    for (let i = words.length - 1; i >= 0 && taken.length < 10; i--) {
      const word = words[i]!.replace(/[,;:]$/, '');
      taken.unshift(word);
      if (/^\p{Lu}/u.test(word)) letters = word[0]! + letters;
      else if (!/^(of|for|the|and|on|de|du|des|la|le|al|el|in)$/i.test(word)) break;
      if (letters === capitals) {
        out.push([acronym, taken.join(' ').replace(/^(the|The)\s+/, '')]);
        break;
      }
      if (letters.length > capitals.length) break;
    }
  }
  return out;
}

/**
 * The acronyms of a list by the lower-case word a question would hold them as, kept per list (a corpus's list is
 * fixed once loaded): an acronym of letters and digits matches `\bDGMOs?\b` only where a run of ASCII word
 * characters is "dgmo" or "dgmos", so a question's runs are all there is to look up. Acronyms of other characters
 * ("R&D") are few; each is tried on every question as before.
 */
interface AcronymLookup {
  byWord: Map<string, number[]>;
  others: number[];
}

const lookups = new WeakMap<Array<[string, string]>, AcronymLookup>();

function acronymLookup(acronyms: Array<[string, string]>): AcronymLookup {
  let lookup = lookups.get(acronyms);
  if (lookup) return lookup;
  lookup = { byWord: new Map(), others: [] };
  acronyms.forEach(([acronym], i) => {
    if (!/^[A-Za-z0-9]+$/.test(acronym)) return void lookup!.others.push(i);
    const word = acronym.toLowerCase();
    const list = lookup!.byWord.get(word);
    if (list) list.push(i);
    else lookup!.byWord.set(word, [i]);
  });
  lookups.set(acronyms, lookup);
  return lookup;
}

/** The acronyms (by their place in the list) a text may hold: those its word runs name, and the few that no run can. */
function acronymsIn(text: string, lookup: AcronymLookup): number[] {
  const found = new Set(lookup.others);
  for (const run of text.toLowerCase().match(/\w+/g) ?? []) {
    for (const i of lookup.byWord.get(run) ?? []) found.add(i);
    if (run.endsWith('s')) for (const i of lookup.byWord.get(run.slice(0, -1)) ?? []) found.add(i);
  }
  return [...found];
}

/**
 * The question with each acronym the corpus spells out followed by its long form: "DGMO" -> "DGMO (Director General ...)".
 * The acronyms are tried in the corpus's order, as each was when every one was tried on every question (a long form
 * written in may hold a later acronym), but only those the question's words may name: a corpus spells out more
 * with every story it follows, and a question names one or two.
 */
export function expandAcronyms(text: string, acronyms: Array<[string, string]>): string {
  const lookup = acronymLookup(acronyms);
  const pending = acronymsIn(text, lookup).sort((a, b) => a - b);
  let out = text;
  for (let k = 0; k < pending.length; k++) {
    const [acronym, long] = acronyms[pending[k]!]!;
    const re = new RegExp(`\\b${acronym.replace(/&/g, '\\&')}s?\\b`, 'gi');
    if (!re.test(out) || out.toLowerCase().includes(long.toLowerCase())) continue;
    out = out.replace(re, (m) => `${m} (${long})`);
    // acronyms the long form names, later in the list, are tried in their turn
    const later = acronymsIn(long, lookup).filter((i) => i > pending[k]! && !pending.includes(i));
    if (later.length) pending.splice(k + 1, pending.length, ...[...pending.slice(k + 1), ...later].sort((a, b) => a - b));
  }
  return out;
}
