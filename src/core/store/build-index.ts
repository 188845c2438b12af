import lunr from 'lunr';
import { findDateMentions, isFutureTense } from '../annotate/dates.ts';
import { extractFigures, findClaimant } from '../annotate/figures.ts';
import { extractPeople, sameName } from '../annotate/people.ts';
import { findNumbers, type NumberSpan } from '../annotate/numbers.ts';
import { spellingPipelineStep } from '../annotate/spelling.ts';
import { tokenize } from '../annotate/text.ts';
import { bylineText, modelArticle } from '../ingest/article-model.ts';
import type { Article } from '../schema.ts';
import { passageAnnotator, type AnnotationTools, type PassageAnnotator } from './annotate-passages.ts';
import { findAcronyms } from '../annotate/acronyms.ts';
import { INDEX_FORMAT, type IndexFile, type Passage, type StoredEvent, type StoredFigure, type StoredPerson } from './corpus-index.ts';
import { passagesOf } from './passages.ts';
import { buildCompact } from './build-compact.ts';
import { encodeAnnotation, type PassageContext } from './annotations.ts';
import { nameTable, withChecksum } from './index-check.ts';

// Build time only. The tagger and country data come in as tools: Node passes wink-nlp and world-countries
// (build-index-node.ts), a Worker the rule tagger, so its bundle carries no NLP model.

/** Words as the index sees them, for lunr's tokenizer (which splits on spaces). */
export function indexText(text: string): string {
  return tokenize(text).join(' ');
}

const PRONOUN_START = /^(?:["']?(?:He|She|They|It|We|His|Her|Their|The (?:statement|ministry|minister|spokesman|envoy|official|group|bloc|agency|report)))\b/;

/** Text indexed for a passage: its words, plus the proper names of the sentence before when it opens with "He"/"The ministry". */
function passageIndexText(text: string, previous: string | undefined): string {
  if (!previous || !PRONOUN_START.test(text)) return indexText(text);
  const names = previous.match(/\b[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+)*/gu) ?? [];
  return `${indexText(text)} ${indexText(names.join(' '))}`;
}

/** Builds the passage-level index over articles, newest article first, annotating with the tools given. */
export function buildIndexWith(articles: Article[], builtAt: Date, tools: AnnotationTools): IndexFile {
  const sorted = [...articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
  const passages: Passage[] = [];
  const figures: StoredFigure[] = [];
  const events: StoredEvent[] = [];
  const mentions: Array<{ name: string; role: string | null; p: number }> = [];
  const contexts: Array<{ section: string | null; time: string | null; day: string | null; lead: string | null }> = [];
  // Bylines with a title ("Briefing by Government Spokesperson Shosh Bedrosian") name someone and their role: the
  // person is learnt, and the article's first sentence is found by the name.
  const bylines = new Map<number, string>();
  const annotator = passageAnnotator(tools);
  // Sentences wait to be annotated a thousand or so at a time: the tagger runs faster in a run of its own than
  // taking turns with the figure, date and people finders, and the batch is small enough to die young.
  const pending: Array<[string, NumberSpan[]]> = [];
  const annotatePending = () => {
    for (const [text, numbers] of pending) annotator.add(text, numbers);
    pending.length = 0;
  };
  sorted.forEach((article, a) => {
    let lastClaimant: string | null = null;
    const model = modelArticle(article);
    const firstPassage = passages.length;
    for (const line of model.furniture) {
      const byline = bylineText(line);
      const people = byline && model.body.length ? extractPeople(byline).filter((person) => person.role) : [];
      for (const person of people) mentions.push({ ...person, p: firstPassage });
      if (people.length) bylines.set(firstPassage, [bylines.get(firstPassage), byline].filter(Boolean).join(' '));
    }
    for (const { para, text: sentence, section, time, day, lead } of model.body) {
      const p = passages.length;
      passages.push([a, para, sentence]);
      // A live blog's day line dates its entries, and their "on Wednesday" counts back from that day.
      const anchor = day ?? article.published;
      // Found once a sentence for the annotations, the figures and the events alike.
      const numbers = findNumbers(sentence);
      const dates = findDateMentions(sentence, anchor);
      pending.push([sentence, numbers]);
      contexts.push({ section, time, day: day && day !== article.published ? day : null, lead });
      const claimant = findClaimant(sentence);
      for (const figure of extractFigures(sentence, anchor, { dates, numbers, claimant })) {
        const resolved = figure.claimant ?? (/\b(the|this) (ministry|statement|report)\b/i.test(sentence) ? lastClaimant : null);
        figures.push({ ...figure, claimant: resolved, p });
      }
      if (claimant) lastClaimant = claimant;
      for (const mention of dates) {
        events.push({ p, date: mention.date, month: mention.month, text: mention.text, future: isFutureTense(sentence), explicit: mention.explicit });
      }
      for (const person of extractPeople(sentence)) mentions.push({ ...person, p });
    }
    if (pending.length >= 1000) annotatePending();
  });
  annotatePending();
  const metas = sorted.map(({ id, title, source, url, published, standfirst }) => ({ id, title, source, url, published, standfirst: standfirst ?? null }));
  const texts = groupByArticle(passages, sorted.length).map(textOf);
  // Paragraph numbers as loading will lay them out again from the texts (headings and furniture are not passages).
  passagesOf({ articles: metas, texts }).forEach((passage, i) => { passages[i] = passage; });
  const { annotations, names, countries } = settleAnnotations(annotator, contexts, passages);
  const people = mergePeople(mentions);
  mentions.length = 0; // not needed past here, and the index build below is long
  const acronyms = [...new Map(passages.flatMap(([, , text]) => findAcronyms(text))).entries()];
  // Each passage's indexed text is made as the index reaches it: a million of them held at once only fed the collector.
  const lunr = buildCompact(indexTexts(passages, contexts, bylines), 'text', indexPipeline());
  return withChecksum({
    format: INDEX_FORMAT,
    builtAt: builtAt.toISOString(),
    articles: metas,
    texts,
    figures,
    people,
    events,
    annotations,
    names,
    countries,
    acronyms,
    lunr,
  });
}

/** The annotations as stored and the name table, without keeping every passage's annotation object past the call. */
function settleAnnotations(annotator: PassageAnnotator, contexts: PassageContext[], passages: Passage[]): { annotations: string[]; names: Array<[string, number]>; countries: string[][] } {
  const { annotations, countries } = annotator.finish(contexts);
  return { annotations: annotations.map(encodeAnnotation), names: nameTable(passages, annotations), countries };
}

/** Each passage's indexed text, in passage order. */
function* indexTexts(passages: Passage[], contexts: PassageContext[], bylines: Map<number, string>): Generator<string> {
  for (let i = 0; i < passages.length; i++) {
    const [a, , text] = passages[i]!;
    const prev = passages[i - 1];
    // A sentence is found by its section's heading too ("Death toll" over "Sixteen people have been confirmed dead").
    // A list item is found by its lead-in too ("The Governor also announced the following actions:"), the first
    // sentence by a byline with a title.
    const { section, lead } = contexts[i]!;
    const context = [section, lead, bylines.get(i)].filter(Boolean).map((t) => ` ${indexText(t!)}`).join('');
    yield passageIndexText(text, prev && prev[0] === a ? prev[2] : undefined) + context;
  }
}

/** The index's pipeline: lunr's stop words, British and American spellings as one, lunr's stemmer. */
export function indexPipeline(): lunr.Pipeline {
  const pipeline = new lunr.Pipeline();
  pipeline.add(lunr.stopWordFilter, spellingPipelineStep, lunr.stemmer);
  return pipeline;
}

function groupByArticle(passages: Passage[], count: number): Passage[][] {
  const groups: Passage[][] = Array.from({ length: count }, () => []);
  for (const passage of passages) groups[passage[0]]!.push(passage);
  return groups;
}

/** An article's sentences, one per line, with a blank line between paragraphs. */
function textOf(passages: Passage[]): string {
  return passages.map(([, para, text], i) => (i > 0 && passages[i - 1]![1] !== para ? `\n${text}` : text)).join('\n');
}

/** Groups mentions of one person under their fullest name ("Trump" joins "Donald Trump"). */
function mergePeople(mentions: Array<{ name: string; role: string | null; p: number }>): StoredPerson[] {
  const people: StoredPerson[] = [];
  // People by each word of their name, so a mention is compared only with people who share a word with it.
  const byWord = new Map<string, StoredPerson[]>();
  // Each person's roles as "role\np" keys: a person the sources name often has thousands of roles to check against.
  const rolesOf = new Map<StoredPerson, Set<string>>();
  const wordCounts = new Map(mentions.map((m) => [m.name, m.name.split(' ').length]));
  const byLength = [...mentions].sort((a, b) => wordCounts.get(b.name)! - wordCounts.get(a.name)!);
  for (const mention of byLength) {
    const words = mention.name.toLowerCase().split(/\s+/);
    let person = (byWord.get(words[0]!) ?? []).find((candidate) => sameName(candidate.name, mention.name));
    if (!person) {
      person = { name: mention.name, roles: [] };
      people.push(person);
      rolesOf.set(person, new Set());
      for (const word of words) {
        const list = byWord.get(word);
        if (list) list.push(person);
        else byWord.set(word, [person]);
      }
    }
    const seen = rolesOf.get(person)!;
    if (mention.role && !seen.has(`${mention.role}\n${mention.p}`)) {
      seen.add(`${mention.role}\n${mention.p}`);
      person.roles.push({ role: mention.role, p: mention.p });
    }
  }
  return people.filter((p) => p.roles.length > 0);
}
