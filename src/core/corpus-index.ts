import lunr from 'lunr';
import { z } from 'zod';
import { findDateMentions, isFutureTense } from './dates.ts';
import { extractFigures, findClaimant, type SentenceFigure } from './figures.ts';
import { extractPeople, sameName } from './people.ts';
import { ArticleMetaSchema, type Article, type ArticleMeta } from './schema.ts';
import { spellingPipelineStep } from './spelling.ts';
import { splitSentences, tokenize } from './text.ts';
import { SitrepError } from './article-file.ts';

export const INDEX_FORMAT = 1;

/** A sentence of an article: [article index, paragraph index (-1 for the standfirst), text]. */
export type Passage = [number, number, string];

export interface StoredFigure extends SentenceFigure {
  /** passage index */
  p: number;
}
export interface StoredPerson {
  name: string;
  roles: Array<{ role: string; p: number }>;
}
export interface StoredEvent {
  p: number;
  date: string | null;
  month: string | null;
  text: string;
  future: boolean;
  explicit: boolean;
}

/** The one file a runtime loads: the lunr index plus everything answering needs, so no article is re-parsed. */
export interface IndexData {
  format: number;
  builtAt: string;
  articles: ArticleMeta[];
  passages: Passage[];
  figures: StoredFigure[];
  people: StoredPerson[];
  events: StoredEvent[];
  lunr: object;
}

const IndexDataSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  builtAt: z.string(),
  articles: z.array(ArticleMetaSchema),
  passages: z.array(z.tuple([z.number(), z.number(), z.string()])),
  figures: z.array(z.object({ p: z.number() }).passthrough()),
  people: z.array(z.object({ name: z.string(), roles: z.array(z.object({ role: z.string(), p: z.number() })) })),
  events: z.array(z.object({ p: z.number() }).passthrough()),
  lunr: z.object({ version: z.string(), fields: z.array(z.string()) }).passthrough(),
});

/** Words as the index sees them, for lunr's tokenizer (which splits on spaces). */
export function indexText(text: string): string {
  return tokenize(text).join(' ');
}

const PRONOUN_START = /^(?:["']?(?:He|She|They|It|We|His|Her|Their|The (?:statement|ministry|minister|spokesman|envoy|official|group|bloc|agency|report)))\b/;

/** Builds the passage-level index over articles, newest article first. */
export function buildIndex(articles: Article[], builtAt: Date): IndexData {
  const sorted = [...articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
  const passages: Passage[] = [];
  const figures: StoredFigure[] = [];
  const events: StoredEvent[] = [];
  const mentions: Array<{ name: string; role: string | null; p: number }> = [];
  sorted.forEach((article, a) => {
    const paragraphs: Array<[number, string]> = article.standfirst ? [[-1, article.standfirst]] : [];
    article.paragraphs.forEach((text, i) => paragraphs.push([i, text]));
    let lastClaimant: string | null = null;
    for (const [para, text] of paragraphs) {
      for (const sentence of splitSentences(text)) {
        const p = passages.length;
        passages.push([a, para, sentence]);
        const claimant = findClaimant(sentence);
        for (const figure of extractFigures(sentence, article.published)) {
          const resolved = figure.claimant ?? (/\b(the|this) (ministry|statement|report)\b/i.test(sentence) ? lastClaimant : null);
          figures.push({ ...figure, claimant: resolved, p });
        }
        if (claimant) lastClaimant = claimant;
        for (const mention of findDateMentions(sentence, article.published)) {
          events.push({ p, date: mention.date, month: mention.month, text: mention.text, future: isFutureTense(sentence), explicit: mention.explicit });
        }
        for (const person of extractPeople(sentence)) mentions.push({ ...person, p });
      }
    }
  });
  const index = lunr(function () {
    this.pipeline.before(lunr.stemmer, spellingPipelineStep);
    this.searchPipeline.before(lunr.stemmer, spellingPipelineStep);
    this.pipeline.remove(lunr.trimmer);
    this.ref('id');
    this.field('text');
    this.field('ctx', { boost: 0.3 });
    this.metadataWhitelist = [];
    passages.forEach(([a, , text], i) => {
      const prev = passages[i - 1];
      const ctx = prev && prev[0] === a && PRONOUN_START.test(text) ? indexText(prev[2]) : '';
      this.add({ id: String(i), text: indexText(text), ctx });
    });
  });
  return {
    format: INDEX_FORMAT,
    builtAt: builtAt.toISOString(),
    articles: sorted.map(({ id, title, source, url, published, standfirst }) => ({ id, title, source, url, published, standfirst: standfirst ?? null })),
    passages,
    figures,
    people: mergePeople(mentions),
    events,
    lunr: index.toJSON(),
  };
}

/** Groups mentions of one person under their fullest name ("Trump" joins "Donald Trump"). */
function mergePeople(mentions: Array<{ name: string; role: string | null; p: number }>): StoredPerson[] {
  const people: StoredPerson[] = [];
  const byLength = [...mentions].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const mention of byLength) {
    let person = people.find((candidate) => sameName(candidate.name, mention.name));
    if (!person) {
      person = { name: mention.name, roles: [] };
      people.push(person);
    }
    if (mention.role && !person.roles.some((r) => r.role === mention.role && r.p === mention.p)) {
      person.roles.push({ role: mention.role, p: mention.p });
    }
  }
  return people.filter((p) => p.roles.length > 0);
}

/** A loaded index, ready to answer from. */
export interface Corpus {
  data: IndexData;
  index: lunr.Index;
  /** passage indices of each article, in order */
  articlePassages: number[][];
  figuresByPassage: Map<number, StoredFigure[]>;
  eventsByPassage: Map<number, StoredEvent[]>;
}

/** Loads a built index (parsed JSON); throws SitrepError when it is not one of ours. */
export function loadCorpus(json: unknown): Corpus {
  const parsed = IndexDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SitrepError('invalid_index', `index file is not a sitrep index (${issue?.path.join('.')}: ${issue?.message}); run \`sitrep build\``);
  }
  const data = json as IndexData;
  const index = lunr.Index.load(data.lunr);
  const articlePassages: number[][] = data.articles.map(() => []);
  data.passages.forEach(([a], i) => articlePassages[a]?.push(i));
  const group = <T extends { p: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) map.set(item.p, [...(map.get(item.p) ?? []), item]);
    return map;
  };
  return { data, index, articlePassages, figuresByPassage: group(data.figures), eventsByPassage: group(data.events) };
}
