import { articleOf, continuations, pickPassages, quoteLine, supportLine, type ComposeContext, type Composed } from './compose.ts';
import type { Corpus, StoredPerson } from '../store/corpus-index.ts';
import { formatShortDate } from '../annotate/dates.ts';
import { roleWords } from '../annotate/people.ts';
import { buildConcepts, passageCoverage, searchPassages } from '../store/retrieve.ts';
import { STOPWORDS, tokenize } from '../annotate/text.ts';
import { holds, officeAsked, officeFit, peopleIndex, rolesHolding, type RoleEntry } from './people-index.ts';
import { countryFormsOf } from '../store/annotations.ts';

const ROLE_NOISE = new Set(['who', 'is', 'was', 'the', 'current', 'currently', 'now', 'new', 'of', 'what', 'did', 'say', 'said', 'says', 'does', 'do']);

/** People whose name the text contains: the whole name, or the surname alone ("Tea Seiha", "Trump"). */
export function findPeopleByName(people: StoredPerson[], text: string): StoredPerson[] {
  const words = new Set(tokenize(text).filter((w) => !STOPWORDS.has(w)));
  // Only people with a word of the question in their name can match: read them from the index, in table order.
  const index = peopleIndex(people).byNameWord;
  const candidates = [...new Set([...words].flatMap((w) => index.get(w) ?? []))].sort((a, b) => a.order - b.order);
  return candidates
    .map(({ person, words: nameWords }) => ({ person, nameWords, all: nameWords.every((w) => words.has(w)), surname: words.has(nameWords.at(-1) ?? '') }))
    .filter((m) => m.all || m.surname)
    .sort((a, b) => Number(b.all) - Number(a.all) || b.nameWords.length - a.nameWords.length)
    .map((m) => m.person);
}

/**
 * The person whose role best matches the words ("Thai defence minister" -> Natthaphon Narkphanit). A role with the
 * title asked ("minister") but not the word saying which ("foreign") is another office, and a role naming another
 * country is someone else's: neither is an answer. Of the rest, the role holding the country asked comes first.
 */
export function findPersonByRole(ctx: ComposeContext, text: string): { person: StoredPerson; role: { role: string; p: number } } | null {
  const office = officeAsked(ctx.corpus.data.countries, roleWords(text).filter((w) => !ROLE_NOISE.has(w)));
  if (!office) return null;
  const { wanted } = office;
  let best: { person: StoredPerson; role: { role: string; p: number }; score: number; own: boolean; extra: number; date: string } | null = null;
  // An answer holds at least `needed` of the words asked (see the threshold below), so it misses at most
  // wanted.length - needed of them and is in one of the lists of the (wanted.length - needed + 1) rarest words: only
  // those are read, not the thousands of roles holding "minister". The best of them is the best of all roles.
  const threshold = wanted.length >= 3 ? 0.66 : 0.99;
  const needed = Math.ceil(threshold * wanted.length - 1e-9);
  const holding = (w: string) => newestRolesHolding(ctx.corpus, w);
  const lists = wanted.map(holding).sort((a, b) => a.length - b.length);
  // A role holding every word asked scores 1, which no other role reaches, and one naming the country asked comes
  // before one that does not: when such roles fit, the best is among them. So the roles naming the country (read by
  // the country's words) that hold every word are read first, then the roles of the rarest word that hold every
  // word, and only when none fits those holding enough of the words (thousands hold "foreign" and "minister").
  const fits = (list: RoleEntry[], own: boolean) => [...new Set(list)].filter((entry) => {
    if (!wanted.every((w) => holds(entry, w))) return false;
    const fit = officeFit(office, entry);
    return !fit.otherOffice && (!own || fit.own);
  });
  const countryWords = [...office.countries].flatMap((c) => countryFormsOf(ctx.corpus.data.countries, c.toLowerCase()) ?? [c.toLowerCase()]).filter((f) => !/\s/.test(f));
  const owned = office.countries.size ? fits(countryWords.flatMap(holding), true) : [];
  const full = owned.length ? owned : fits(lists[0] ?? [], false);
  const entries = full.length ? full.sort((a, b) => a.order - b.order) : [...new Set(lists.slice(0, wanted.length - needed + 1).flat())].sort((a, b) => a.order - b.order);
  for (const entry of entries) {
    const { share: score, own, otherOffice } = officeFit(office, entry);
    if (otherOffice) continue;
    const extra = entry.words.size - wanted.filter((w) => holds(entry, w)).length - Number(own);
    // better score first, then the country asked, then fewer words beyond the office; the newest breaks a tie
    const order = best ? score - best.score || Number(own) - Number(best.own) || best.extra - extra : 1;
    if (order < 0) continue;
    // the date is read only here: reading it lays out the role's article, and a common role word ("minister") is
    // held by thousands of roles
    const date = articleOf(ctx.corpus, entry.role.p).published;
    if (order > 0 || date > best!.date) best = { person: entry.person, role: entry.role, score, own, extra, date };
  }
  if (!best || best.score < threshold) return null;
  return { person: best.person, role: best.role };
}

const newestRoles = new WeakMap<Corpus, { newest: Set<RoleEntry>; byWord: Map<string, RoleEntry[]> }>();

/**
 * The roles that may hold() a word (rolesHolding), but of each person's mentions with one wording only the one
 * findPersonByRole could choose: the newest (the first in table order of those of the newest date). Its filters and
 * scores read the wording alone, and of equal scores it keeps the newest, the first in table order on a tie, so this
 * one is the only mention of its group that can be the answer (and a group is whole in each word's list). Someone in
 * the news daily holds thousands of mentions of the same role ("Cambodian Defence Minister"), and a question read
 * every one of them: at 50,000 articles a question naming a country and an office read tens of thousands. The
 * newest of each group is found in one pass over the roles, once per corpus; each word's list once per word.
 */
export function newestRolesHolding(corpus: Corpus, word: string): RoleEntry[] {
  const roles = newestRolesOf(corpus);
  let list = roles.byWord.get(word);
  if (!list) roles.byWord.set(word, (list = rolesHolding(peopleIndex(corpus.data.people), word).filter((entry) => roles.newest.has(entry))));
  return list;
}

function newestRolesOf(corpus: Corpus): { newest: Set<RoleEntry>; byWord: Map<string, RoleEntry[]> } {
  let roles = newestRoles.get(corpus);
  if (roles) return roles;
  const kept = new Map<StoredPerson, Map<string, { entry: RoleEntry; date: string }>>();
  for (const entry of peopleIndex(corpus.data.people).roles) {
    let wordings = kept.get(entry.person);
    if (!wordings) kept.set(entry.person, (wordings = new Map()));
    const wording = `${[...entry.words].join(' ')}|${[...entry.initials].join(' ')}`;
    const date = articleOf(corpus, entry.role.p).published;
    const held = wordings.get(wording);
    // roles come in table order: a later one replaces the kept one only when it is newer
    if (!held || date > held.date) wordings.set(wording, { entry, date });
  }
  const newest = new Set<RoleEntry>();
  for (const wordings of kept.values()) for (const { entry } of wordings.values()) newest.add(entry);
  newestRoles.set(corpus, (roles = { newest, byWord: new Map() }));
  return roles;
}

/** Finds the newest role mentions ahead of the first question (see prepareCorpus); each word's list is made when asked. */
export function prepareNewestRoles(corpus: Corpus): void {
  newestRolesOf(corpus);
}

function distinctRoles(ctx: ComposeContext, person: StoredPerson) {
  const seen = new Set<string>();
  // Someone in the news every day holds hundreds of mentions: the newest few give their roles.
  const roles = [...person.roles].sort((a, b) => articleOf(ctx.corpus, b.p).published.localeCompare(articleOf(ctx.corpus, a.p).published) || b.role.length - a.role.length).slice(0, 40);
  return roles.filter((r) => {
    const key = roleWords(r.role).sort().join(' ');
    if ([...seen].some((s) => s.includes(key))) return false;
    seen.add(key);
    return true;
  });
}

/** Passages that mention the person by name, besides the ones already used. */
function mentionsOf(ctx: ComposeContext, person: StoredPerson, used: Set<number>, count: number): number[] {
  const concepts = buildConcepts(ctx.corpus, tokenize(person.name));
  const hits = searchPassages(ctx.corpus, concepts, 10).filter((h) => h.coverage > 0.99);
  return pickPassages(ctx, hits, count, used);
}

/** "Tea Seiha is Cambodia's Deputy Prime Minister and Defense Minister [1]." plus where the sources mention them. */
export function describePerson(ctx: ComposeContext, person: StoredPerson, lead?: { role: string; p: number }): Composed {
  const roles = distinctRoles(ctx, person);
  const first = lead ?? roles[0]!;
  const lines = [`${person.name} is ${/^(the|a|an)\s/i.test(first.role) ? '' : 'described as '}${first.role} ${ctx.book.cite(first.p)}.`];
  const others = roles.filter((r) => r !== first && roleWords(r.role).join(' ') !== roleWords(first.role).join(' ')).slice(0, 2);
  for (const r of others) lines.push(`Also described as ${r.role} ${ctx.book.cite(r.p)} (${formatShortDate(articleOf(ctx.corpus, r.p).published)}).`);
  const used = new Set<number>([first.p, ...others.map((r) => r.p)]);
  const support = [first.p, ...continuations(ctx, first.p, /^["']?(He|She|They)\b|^"/, 1)];
  const extra = mentionsOf(ctx, person, new Set([...used, ...support]), 2);
  for (const p of [...support, ...extra]) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}

/** What a named person (or the holder of a named role) said: their sentences and the quotes that follow them. */
const SAY_WORD = /^(say|says|said|saying|tell|told|think|thinks|thought|about|on|of)$/i;

export function answerStatementBy(ctx: ComposeContext, person: StoredPerson): Composed {
  const roleP = person.roles.map((r) => r.p);
  const mentionHits = searchPassages(ctx.corpus, buildConcepts(ctx.corpus, tokenize(person.name).slice(-1)), 20);
  const said = /\b(said|says|told|wrote|stated|announced|added|noted|warned|emphasi[sz]ed|urged)\b|"/;
  // "What did Ferro say about the deal?": what they said of the question's other words first, then the newest.
  const own = new Set(tokenize(person.name));
  const topic = ctx.concepts.filter((c) => !own.has(c.term.toLowerCase()) && !SAY_WORD.test(c.term));
  const onTopic = (p: number) => (topic.length ? passageCoverage(ctx.corpus, p, topic) : 0);
  // Ranked by topic from the stored term lists first; the texts are read (laid out) only until three statements are
  // found: someone in the news daily is mentioned thousands of times, and reading each text laid out every article.
  const ranked = [...new Set([...roleP, ...mentionHits.filter((h) => h.coverage > 0.99).map((h) => h.p)])]
    .map((p) => ({ p, fit: onTopic(p) }))
    .sort((a, b) => b.fit - a.fit || a.p - b.p);
  const base: number[] = [];
  for (const { p } of ranked) {
    if (base.length === 3) break;
    if (said.test(ctx.corpus.data.passages[p]![2])) base.push(p);
  }
  const passages: number[] = [];
  for (const p of base) {
    passages.push(p);
    passages.push(...continuations(ctx, p, /^["']?(He|She)\b|^"/, 2));
  }
  const unique = [...new Set(passages)].slice(0, 5);
  if (!unique.length) return describePerson(ctx, person);
  const role = distinctRoles(ctx, person)[0];
  // The first line carries what they said, not only who they are.
  const lines = [`${person.name}${role ? ` (${role.role})` : ''}: ${quoteLine(ctx, unique[0]!)} ${ctx.book.cite(unique[0]!)}`];
  for (const p of unique.slice(1)) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}
