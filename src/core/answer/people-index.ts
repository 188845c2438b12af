import type { StoredPerson } from '../store/corpus-index.ts';
import { roleWords, sameName } from '../annotate/people.ts';
import { isCountryWord } from '../annotate/lexicon.ts';
import { countryNameOf } from '../store/annotations.ts';
import { tokenize } from '../annotate/text.ts';
import { runSteps, type Steps } from '../store/steps.ts';

/** A person with the words of their name (tokenised), and their place in the people table. */
export interface NameEntry {
  order: number;
  person: StoredPerson;
  words: string[];
}

/** One role a person holds in the sources, with its words and its place among all roles (person by person). */
export interface RoleEntry {
  /** ties break by it as a scan of the whole table would */
  order: number;
  person: StoredPerson;
  name: string;
  role: { role: string; p: number };
  p: number;
  words: Set<string>;
  /** initials of each run of two to four of its words in order ("la" for "Los Angeles County Fire Chief") */
  initials: Set<string>;
}

/** Whether a role carries a word asked, written out or as its initials ("LA county fire chief"). */
export function holds(role: RoleEntry, word: string): boolean {
  return role.words.has(word) || role.initials.has(word);
}

/** The initials of every run of two to four words ("los angeles county" -> "la", "lac", "ac"). */
function initialsOf(words: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let run = words[i]!.charAt(0);
    for (let j = i + 1; j < Math.min(words.length, i + 4); j++) out.add((run += words[j]!.charAt(0)));
  }
  return out;
}

/**
 * The people table read by word, made in one pass once per table, so a question reads the few people and roles
 * sharing a word with it rather than every one the sources give (thousands of each at 5,000 articles).
 */
export interface PeopleIndex {
  /** people by each (tokenised) word of their name */
  byNameWord: Map<string, NameEntry[]>;
  /** every role by each of its words */
  rolesByWord: Map<string, RoleEntry[]>;
  /**
   * the roles of people with a name ("General" alone is a title, no one's name) by each of their words: the two newest
   * mentions of each person with each wording (see keepNewestTwo)
   */
  holdersByWord: Map<string, RoleEntry[]>;
  /** the same roles by each lower-case word of the holder's name, one entry per name and role wording */
  holdersByNameWord: Map<string, RoleEntry[]>;
  /** the same roles by the holder's name's lower-case words, sorted and joined ("donald trump"), as above */
  holdersByName: Map<string, RoleEntry[]>;
  /** every role by the initials of each run of its words ("la"): with rolesByWord, the roles that hold() a word */
  rolesByInitials: Map<string, RoleEntry[]>;
  /** every role, in table order */
  roles: RoleEntry[];
}

/** A name's key in holdersByName: its lower-case words, sorted, so word order does not matter (as for sameName). */
const nameKey = (words: Iterable<string>) => [...words].sort().join(' ');

const TITLE_ONLY = /^(general|director|minister|president|chief|officer|spokesperson)$/;
const indexes = new WeakMap<StoredPerson[], PeopleIndex>();

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export function peopleIndex(people: StoredPerson[]): PeopleIndex {
  return indexes.get(people) ?? runSteps(peopleIndexSteps(people));
}

/** peopleIndex in steps (steps.ts), a step every thousand people: a server makes it while it answers. */
export function* peopleIndexSteps(people: StoredPerson[]): Steps<PeopleIndex> {
  let index = indexes.get(people);
  if (index) return index;
  index = { byNameWord: new Map(), rolesByWord: new Map(), holdersByWord: new Map(), holdersByNameWord: new Map(), holdersByName: new Map(), rolesByInitials: new Map(), roles: [] };
  let order = 0;
  // by person and role wording: the two newest mentions (holdersByWord) and the first (the name lists)
  const newest = new Map<string, RoleEntry[]>();
  for (let at = 0; at < people.length; at++) {
    if (at % 1024 === 1023) yield;
    const person = people[at]!;
    const words = tokenize(person.name);
    const entry = { order: at, person, words };
    for (const word of new Set(words)) push(index!.byNameWord, word, entry);
    const titleOnly = person.name.split(/\s+/).length < 2 && roleWords(person.name).every((w) => TITLE_ONLY.test(w));
    const nameWords = new Set(person.name.toLowerCase().split(/\s+/));
    for (const role of person.roles) {
      const words = roleWords(role.role);
      const held: RoleEntry = { order: order++, person, name: person.name, role, p: role.p, words: new Set(words), initials: initialsOf(words) };
      index!.roles.push(held);
      for (const word of held.words) push(index!.rolesByWord, word, held);
      for (const initials of held.initials) if (!held.words.has(initials)) push(index!.rolesByInitials, initials, held);
      if (titleOnly) continue;
      const wording = `${person.name}\u0000${words.join(' ')}`;
      // by holder's name: one entry per name and role wording (someone in the news daily holds thousands of
      // mentions of the same few roles, and what the name lists serve, roleFit, reads only the role's words)
      if (!newest.has(wording)) {
        for (const word of nameWords) push(index!.holdersByNameWord, word, held);
        push(index!.holdersByName, nameKey(nameWords), held);
      }
      keepNewestTwo(newest, wording, held);
    }
  }
  yield;
  for (const held of [...newest.values()].flat().sort((a, b) => a.order - b.order)) for (const word of held.words) push(index.holdersByWord, word, held);
  // a question made one meanwhile (a server answering while it prepares): keep the one it already read
  const made = indexes.get(people);
  if (made) return made;
  indexes.set(people, index);
  return index;
}

/**
 * Keeps the two newest (lowest passage number: passages are stored newest first) of one person's mentions with one
 * role wording: roleHolders reads at most two mentions of a name, and which pass its filters depends on the wording
 * only, so the older ones are never read. Someone in the news daily holds thousands of mentions of the same roles.
 */
function keepNewestTwo(newest: Map<string, RoleEntry[]>, key: string, held: RoleEntry): void {
  const kept = newest.get(key);
  if (!kept) newest.set(key, [held]);
  else if (kept.length < 2) kept.push(held);
  else {
    const older = kept[0]!.p > kept[1]!.p || (kept[0]!.p === kept[1]!.p && kept[0]!.order > kept[1]!.order) ? 0 : 1;
    if (held.p < kept[older]!.p) kept[older] = held;
  }
}

/**
 * The roles of the people sameName() counts as `name` (a longer or shorter form of it): the holders whose name holds
 * every word of it, read from the list of its rarest word, and those whose name is a part of it, read by each part's
 * key. A common given name ("Somchai") is held by hundreds; no list of one word of the name is read whole unless it
 * is the rarest.
 */
export function holdersNamed(index: PeopleIndex, name: string): RoleEntry[] {
  const words = [...new Set(name.toLowerCase().split(/\s+/).filter(Boolean))];
  if (!words.length) return [];
  const found = new Set<RoleEntry>();
  const lists = words.map((w) => index.holdersByNameWord.get(w) ?? []);
  const add = (list: RoleEntry[]) => { for (const held of list) if (sameName(held.name, name)) found.add(held); };
  if (words.length > 6) add(lists.flat());
  else {
    add(lists.reduce((a, b) => (b.length < a.length ? b : a)));
    // names are a few words: every non-empty part of them (up to 2^6 - 1 keys)
    for (let mask = 1; mask < 1 << words.length; mask++) add(index.holdersByName.get(nameKey(words.filter((_, i) => mask & (1 << i)))) ?? []);
  }
  return [...found].sort((a, b) => a.order - b.order);
}

/**
 * The roles that may hold() a word: by the word or by initials. An office needs most of its words held, so only the
 * lists of its rarest words are read (see findPersonByRole).
 */
export function rolesHolding(index: PeopleIndex, word: string): RoleEntry[] {
  const byWord = index.rolesByWord.get(word) ?? [];
  const byInitials = index.rolesByInitials.get(word);
  return byInitials ? [...byWord, ...byInitials] : byWord;
}

/**
 * People whose surname (the last word of their name) a text holds, in table order, read from the index by name
 * word, not the whole table.
 */
export function peopleNamedIn(people: StoredPerson[], text: string): StoredPerson[] {
  const words = new Set(tokenize(text));
  const found = new Set<NameEntry>();
  for (const word of words) for (const entry of peopleIndex(people).byNameWord.get(word) ?? []) if (words.has(entry.words.at(-1) ?? '')) found.add(entry);
  return [...found].sort((a, b) => a.order - b.order).map((entry) => entry.person).filter((person) => text.includes(person.name.split(' ').at(-1)!));
}

/** People the sources name as `name` or a longer or shorter form of it (sameName), in table order. */
export function peopleWithName(people: StoredPerson[], name: string): StoredPerson[] {
  const found = new Set<NameEntry>();
  for (const word of tokenize(name)) for (const entry of peopleIndex(people).byNameWord.get(word) ?? []) found.add(entry);
  return [...found].sort((a, b) => a.order - b.order).map((entry) => entry.person).filter((person) => sameName(person.name, name));
}

/** An office asked about ("Thai defence minister"): the countries it names, its other words, and its title's head. */
export interface OfficeAsked {
  countries: Set<string>;
  wanted: string[];
  head: string;
  countryOf: (word: string) => string | null;
}

/** Reads an office from its words (roleWords), the corpus's country table telling which are countries; null if none is left. */
export function officeAsked(countryTable: string[][], words: string[]): OfficeAsked | null {
  const countryOf = (w: string) => countryNameOf(countryTable, w) ?? (isCountryWord(w) ? w : null);
  const countries = new Set(words.map(countryOf).filter((c): c is string => c !== null));
  const wanted = words.filter((w) => countryOf(w) === null);
  return wanted.length ? { countries, wanted, head: wanted.at(-1)!, countryOf } : null;
}

/** The countries a role's words name, per role (a role entry belongs to one corpus, whose country table is fixed). */
const heldByRole = new WeakMap<RoleEntry, string[]>();

function countriesHeld(office: OfficeAsked, role: RoleEntry): string[] {
  let held = heldByRole.get(role);
  if (!held) heldByRole.set(role, (held = [...role.words].map(office.countryOf).filter((c): c is string => c !== null)));
  return held;
}

/**
 * How a role the sources give fits the office asked: the share of its words the role carries, whether the role names
 * the country asked, and whether it is another office: the title's head ("minister") without the word saying which
 * ("defence"), or another country's.
 */
export function officeFit(office: OfficeAsked, role: RoleEntry): { share: number; own: boolean; otherOffice: boolean } {
  const share = office.wanted.filter((w) => holds(role, w)).length / office.wanted.length;
  const heldCountries = countriesHeld(office, role);
  const own = heldCountries.some((c) => office.countries.has(c));
  const elsewhere = office.countries.size > 0 && heldCountries.length > 0 && !own;
  return { share, own, otherOffice: share > 0 && (elsewhere || (share < 1 && role.words.has(office.head))) };
}
