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

/** The question with each acronym the corpus spells out followed by its long form: "DGMO" -> "DGMO (Director General ...)". */
export function expandAcronyms(text: string, acronyms: Array<[string, string]>): string {
  let out = text;
  for (const [acronym, long] of acronyms) {
    const re = new RegExp(`\\b${acronym.replace(/&/g, '\\&')}s?\\b`, 'gi');
    if (re.test(out) && !out.toLowerCase().includes(long.toLowerCase())) out = out.replace(re, (m) => `${m} (${long})`);
  }
  return out;
}
