import { canonicalCountry, isCountryWord } from './lexicon.ts';

/** A person named in a sentence, with the role the sentence gives them. */
export interface PersonMention {
  name: string;
  role: string | null;
}

const ROLE_HEAD = '(?:Minister|minister|Ministers|President|president|prime minister|foreign minister|defen[cs]e minister|premier|secretary|ambassador|governor|spokesman for|Vice President|Premier|Chancellor|Secretary|Secretary-General|Spokesman|Spokeswoman|Spokesperson|spokesman|spokeswoman|spokesperson|Envoy|Ambassador|Director|Chief|Commander|Chairman|Chairwoman|Chair|Governor|Mayor|Senator|King|Queen|Prince|Princess|General|Admiral|Colonel|Lieutenant|Captain|Major|Director-General|Leader|leader|lecturer|professor|Professor|analyst|researcher|official|commander|envoy|chief|director|head|Head|Speaker|Representative|Coordinator|Rapporteur|Commissioner|Adviser|Advisor|adviser|advisor)';
const HONORIFIC = '(?:(?:Rear|Vice|Lieutenant|Lt\\.|Major|Maj\\.|Brigadier|Air Chief|Air|Gen\\.|General|Admiral|Adm\\.|Colonel|Col\\.|Captain|Capt\\.|Dr\\.|Dr|Mr\\.|Mrs\\.|Ms\\.|Prof\\.|Sir|Dame|Police|Senior)\\s+)*';
const NAME_WORD = "[A-Z][a-z'\\u00C0-\\u024F]+(?:-[A-Z]?[a-z'\\u00C0-\\u024F]+)?";
const NAME = `${NAME_WORD}(?:\\s+(?:bin\\s+|binti\\s+|van\\s+|de\\s+|al-)?${NAME_WORD}){0,3}`;
const ROLE_WORD = "(?:[A-Z][\\w'.&-]*|of|for|and|the|on|foreign|defen[cs]e|interior|prime|deputy|ministry|army|armed|forces|affairs|government|police|national|security|state|general|senior|former|acting|special|chief|military|navy|border)";

const ROLE_THEN_NAME = new RegExp(`((?:${ROLE_WORD}\\s+){0,8}?${ROLE_HEAD})\\s+${HONORIFIC}(${NAME})`, 'g');
const NAME_THEN_ROLE = new RegExp(`(?:^|[,;(]\\s*|\\b(?:and|by|with)\\s+)${HONORIFIC}(${NAME}),\\s+((?:a|an|the)\\s+)?((?:[\\w'.&-]+\\s+){0,3}?${ROLE_HEAD}\\b[^,;]{0,90}),`, 'g');
const ROLE_COMMA_NAME = new RegExp(`((?:${ROLE_WORD}\\s+){0,8}?${ROLE_HEAD}(?:\\s+(?:of|for|at)\\s+[A-Z][\\w'&-]*(?:\\s+(?:[A-Z][\\w'&-]*|of|and|the))*)?),\\s+${HONORIFIC}(${NAME}),`, 'g');

const NOT_NAMES = new Set([
  'The', 'This', 'That', 'These', 'Those', 'He', 'She', 'They', 'It', 'We', 'On', 'In', 'At', 'After', 'Before',
  'However', 'But', 'And', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'ASEAN',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Ministry', 'Minister', 'Affairs', 'Province', 'Committee', 'Council', 'Office', 'Government', 'State', 'States',
]);

const HEAD_RE = new RegExp(`\\b${ROLE_HEAD}\\b`);

function cleanRole(role: string): string {
  let out = role
    .replace(/^(?:On|In|At|After|Before|However|But|And|Then|Meanwhile|Also|Both|While|When|With|Under)\s+(?:\w+day\s*,?\s*)?/, '')
    .replace(/^(?:(?:of|for|and|the|on|The)\s+)+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "Malaysia and United States President": the part before "and" holds no role, so it is not part of this one.
  const and = out.indexOf(' and ');
  if (and > 0 && !HEAD_RE.test(out.slice(0, and))) out = out.slice(and + 5);
  return out;
}

/** Words of institutions: "General Border Committee" holds no person called "Border". */
const INSTITUTION = /^(Committee|Council|Ministry|Assembly|Agency|Institute|University|Centre|Center|Office|Department|Army|Forces|Commission|Court|Party|Union|Organi[sz]ation|Association|Bank|Fund|Group|Force|Secretariat|Summit|Accord|Agreement|Province|State|Region)$/;

function cleanName(raw: string): string | null {
  const name = raw.replace(/'s$/, '');
  if (name.split(/\s+/).some((w) => INSTITUTION.test(w))) return null;
  const words = name.split(/\s+/).filter((w) => !NOT_NAMES.has(w));
  if (!words.length || words.some((w) => isCountryWord(w))) return null;
  if (words.length !== name.split(/\s+/).length) {
    const firstBad = name.split(/\s+/).findIndex((w) => NOT_NAMES.has(w));
    if (firstBad <= 0) return null;
    return name.split(/\s+/).slice(0, firstBad).join(' ');
  }
  return words.join(' ');
}

/** Finds people with their roles: "Thai Defence Minister Natthaphon", "Deng Xijun, China's special envoy,". */
export function extractPeople(sentence: string): PersonMention[] {
  const found = new Map<string, PersonMention>();
  const add = (rawName: string, rawRole: string | null) => {
    const name = cleanName(rawName.trim());
    if (!name) return;
    const role = rawRole ? cleanRole(rawRole) : null;
    if (role !== null && role.split(/\s+/).length > 16) return;
    const existing = found.get(name);
    if (!existing || (existing.role === null && role)) found.set(name, { name, role });
  };
  for (const m of sentence.matchAll(ROLE_COMMA_NAME)) add(m[2]!, m[1]!);
  for (const m of sentence.matchAll(NAME_THEN_ROLE)) add(m[1]!, m[3]!);
  for (const m of sentence.matchAll(ROLE_THEN_NAME)) {
    // "Foreign Minister Prak Sokhonn of Cambodia": the country after the name belongs to the role.
    const of = /^\s+of\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)/.exec(sentence.slice((m.index ?? 0) + m[0].length));
    add(m[2]!, of && isCountryWord(of[1]!.split(' ')[0]!) ? `${m[1]} of ${of[1]}` : m[1]!);
  }
  return [...found.values()].filter((p) => p.role === null || !/^[a-z]+$/.test(p.role) || p.role.length > 3);
}

/** Lowercase words of a role or question, with countries named one way ("Cambodia's" -> "cambodia"). */
export function roleWords(text: string): string[] {
  return (text.toLowerCase().replace(/defence/g, 'defense').match(/[\p{L}\p{N}.']+/gu) ?? [])
    .map((w) => canonicalCountry(w.replace(/'s$/, '').replace(/\.$/, '')))
    // the one who leads a body is its leader, head or chief, whichever word a source uses
    .map((w) => (w === 'leader' || w === 'chief' ? 'head' : w))
    .filter((w) => !['of', 'for', 'and', 'the', 'a', 'an', 'at', 'in', 'on'].includes(w));
}

/** Whether two names refer to the same person: one's words contain the other's ("Trump", "Donald Trump"). */
export function sameName(a: string, b: string): boolean {
  const wa = a.toLowerCase().split(/\s+/);
  const wb = b.toLowerCase().split(/\s+/);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}
