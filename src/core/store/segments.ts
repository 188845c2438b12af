import { SitrepError } from '../ingest/article-file.ts';
import { sameName } from '../annotate/people.ts';
import type { Article } from '../schema.ts';
import { INDEX_FORMAT, type IndexFile, type StoredEvent, type StoredFigure, type StoredPerson } from './corpus-index.ts';
import { countPassages, passagesOf } from './passages.ts';
import { mergeCompactLunrSteps } from './lunr-compact.ts';
import { countNames, withChecksum } from './index-check.ts';
import { runSteps, type Steps } from './steps.ts';
import { decodeAnnotation } from './annotations.ts';

/**
 * The fields of an index file this merge knows how to combine. When the index format gains a field, add it here and
 * to `mergeIndexFiles`: until then merging refuses such files (and test/core/store/segments.test.ts says so).
 */
export const MERGED_FIELDS = ['format', 'builtAt', 'articles', 'texts', 'figures', 'people', 'events', 'annotations', 'names', 'countries', 'acronyms', 'lunr', 'checksum'] as const;

/** The segment an article belongs to: the month it was published, so a question about a month reads few segments. */
export function segmentMonth(article: Pick<Article, 'published'>): string {
  return article.published.slice(0, 7);
}

/** Number of passages (non-empty lines) of each stored article text. */
function passageCounts(file: IndexFile): number[] {
  return file.texts.map(countPassages);
}

function checkMergeable(file: IndexFile, n: number): void {
  const unknown = Object.keys(file).filter((key) => !(MERGED_FIELDS as readonly string[]).includes(key));
  if (unknown.length) {
    throw new SitrepError('invalid_index', `segment ${n} has fields the segment merge does not know (${unknown.join(', ')}): extend mergeIndexFiles in src/core/store/segments.ts`);
  }
  if (file.format !== INDEX_FORMAT) {
    throw new SitrepError('invalid_index', `segment ${n} has index format ${String(file.format)}, not ${INDEX_FORMAT}; run \`sitrep build\``);
  }
}

/**
 * Merges index files over disjoint sets of articles into the index `buildIndex` would make of all of them: articles
 * newest first, passages renumbered, lunr statistics corpus-wide, so ranking on the merge equals a full rebuild.
 * Two files holding the same article id are refused.
 */
export function mergeIndexFiles(files: IndexFile[], builtAt?: string): IndexFile {
  return runSteps(mergeIndexFilesSteps(files, builtAt));
}

/** mergeIndexFiles in steps (see steps.ts), for a server that merges while it goes on answering. */
export function* mergeIndexFilesSteps(files: IndexFile[], builtAt?: string): Steps<IndexFile> {
  files.forEach(checkMergeable);
  if (files.length === 1 && !builtAt) return files[0]!;
  const order: Array<{ s: number; a: number }> = [];
  files.forEach((file, s) => file.articles.forEach((_, a) => order.push({ s, a })));
  const meta = (o: { s: number; a: number }) => files[o.s]!.articles[o.a]!;
  order.sort((x, y) => meta(y).published.localeCompare(meta(x).published) || meta(x).id.localeCompare(meta(y).id));
  for (let i = 1; i < order.length; i++) {
    if (meta(order[i]!).id === meta(order[i - 1]!).id) throw new SitrepError('invalid_index', `article "${meta(order[i]!).id}" is in two segments; run \`sitrep build\``);
  }
  // Each file's passage numbers -> merged passage numbers, and each file's article numbers -> merged ones.
  const counts = files.map(passageCounts);
  const starts = counts.map((c) => c.reduce<number[]>((acc, n, i) => (acc.push(i ? acc[i - 1]! + c[i - 1]! : 0), acc), []));
  const passageMap = files.map((_, s) => new Array<number>(counts[s]!.reduce((x, y) => x + y, 0)));
  let next = 0;
  for (const { s, a } of order) {
    for (let k = 0; k < counts[s]![a]!; k++) passageMap[s]![starts[s]![a]! + k] = next++;
  }
  const remap = <T extends { p: number }>(key: 'figures' | 'events') => files
    .flatMap((file, s) => (file[key] as unknown as T[]).map((item) => ({ ...item, p: passageMap[s]![item.p]! })))
    .sort((x, y) => x.p - y.p);
  const articles = order.map(meta);
  const texts = order.map(({ s, a }) => files[s]!.texts[a]!);
  const annotations = mergeAnnotations(files, passageMap, next);
  yield;
  const figures = remap<StoredFigure>('figures');
  const events = remap<StoredEvent>('events');
  yield;
  const people = yield* mergeStoredPeople(files.map((file, s) => file.people.map((person) => ({
    name: person.name, roles: person.roles.map((r) => ({ role: r.role, p: passageMap[s]![r.p]! })),
  }))));
  yield;
  // counted again over the merged annotations, as a full build counts them
  const names = yield* mergedNames(articles, texts, annotations);
  const lunr = yield* mergeCompactLunrSteps(files.map((file, s) => ({ compact: file.lunr, docMap: passageMap[s]! })), next);
  return withChecksum({
    format: INDEX_FORMAT,
    builtAt: builtAt ?? files.map((f) => f.builtAt).sort().at(-1) ?? new Date(0).toISOString(),
    articles,
    texts,
    figures,
    people,
    events,
    annotations,
    names,
    countries: mergeCountries(files.map((f) => f.countries)),
    acronyms: [...new Map(files.flatMap((f) => f.acronyms)).entries()],
    lunr,
  });
}

/**
 * The merged corpus's name table: what nameTable(passagesOf(...), every annotation decoded) gives, counted an article
 * at a time (its passages laid out, its annotations decoded, then dropped) with a step every few hundred articles.
 */
function* mergedNames(articles: IndexFile['articles'], texts: string[], annotations: string[]): Steps<Array<[string, number]>> {
  const counts = new Map<string, number>();
  let p = 0;
  for (let a = 0; a < texts.length; a++) {
    if (a % 256 === 255) yield;
    for (const [, , text] of passagesOf({ articles: [articles[a]!], texts: [texts[a]!] })) countNames(counts, text, decodeAnnotation(annotations[p++]!));
  }
  return [...counts];
}

/**
 * Each passage's annotation in its merged place. A name's type was settled by the evidence of its own segment, so a
 * merge can type a name differently from a full build that saw every mention at once; `sitrep build` settles it again.
 */
function mergeAnnotations(files: IndexFile[], passageMap: number[][], total: number): IndexFile['annotations'] {
  const out: IndexFile['annotations'] = new Array(total);
  files.forEach((file, s) => file.annotations.forEach((a, p) => { out[passageMap[s]![p]!] = a; }));
  return out;
}

/** The countries of several files, each once (by its display name), with all the forms any file saw. */
function mergeCountries(groups: string[][][]): string[][] {
  const byName = new Map<string, Set<string>>();
  for (const forms of groups.flat()) {
    const [name, ...rest] = forms;
    if (!name) continue;
    const set = byName.get(name) ?? new Set<string>();
    for (const form of rest) set.add(form);
    byName.set(name, set);
  }
  return [...byName].map(([name, forms]) => [name, ...forms]);
}

/**
 * Joins the people of several files, a person under their fullest name, as the index build joins mentions.
 * Segments keep only people with a role, so a fuller name known only from role-less mentions elsewhere is not seen.
 */
function* mergeStoredPeople(groups: StoredPerson[][]): Steps<StoredPerson[]> {
  const firstP = (p: StoredPerson) => Math.min(...p.roles.map((r) => r.p));
  const all = groups.flat().sort((a, b) => b.name.split(' ').length - a.name.split(' ').length || firstP(a) - firstP(b));
  yield;
  const people: StoredPerson[] = [];
  const byWord = new Map<string, StoredPerson[]>();
  for (let i = 0; i < all.length; i++) {
    if (i % 1024 === 1023) yield;
    const candidate = all[i]!;
    const words = candidate.name.toLowerCase().split(/\s+/);
    let person = (byWord.get(words[0]!) ?? []).find((known) => sameName(known.name, candidate.name));
    if (!person) {
      person = { name: candidate.name, roles: [] };
      people.push(person);
      for (const word of words) {
        const known = byWord.get(word);
        if (known) known.push(person);
        else byWord.set(word, [person]);
      }
    }
    for (const role of candidate.roles) {
      if (!person.roles.some((r) => r.role === role.role && r.p === role.p)) person.roles.push(role);
    }
  }
  for (const person of people) person.roles.sort((a, b) => a.p - b.p);
  return people;
}
