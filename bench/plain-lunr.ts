import lunr from 'lunr';
import type { Article } from '../src/core/schema.ts';

/** The baseline: plain lunr, one document per article (title and body), default pipeline. */
export function buildPlainIndex(articles: Article[]): lunr.Index {
  return lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('body');
    for (const article of articles) {
      this.add({ id: article.id, title: article.title, body: [article.standfirst ?? '', ...article.paragraphs].join('\n\n') });
    }
  });
}

/** The question's words only (letters and digits), so lunr's query parser cannot throw on chat text. */
export function plainQuery(question: string): string {
  return (question.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** sitrep's postings budget (src/core/store/retrieve.ts), applied to the baseline too: the same postings rules. */
const POSTING_BUDGET = 3000;

/**
 * lunr's query on the question's words under sitrep's postings rules: words by rarity while their postings fit the
 * budget; a word over the budget only when nothing else is picked (lunr cannot read the head of a posting, so it
 * reads all of it, as sitrep's first word reads its newest postings). An empty query searches nothing.
 */
export function searchPlain(index: lunr.Index, question: string): lunr.Index.Result[] {
  const words = plainQuery(question).toLowerCase().split(' ').filter(Boolean);
  const inverted = (index as unknown as { invertedIndex: Record<string, Record<string, object>> }).invertedIndex;
  const pipeline = (index as unknown as { pipeline: lunr.Pipeline }).pipeline;
  const stems = [...new Set(words.flatMap((w) => pipeline.runString(w)))].flatMap((stem) => {
    const posting = inverted[stem];
    if (!posting) return [];
    const df = Object.keys(posting.title ?? {}).length + Object.keys(posting.body ?? {}).length;
    return [{ stem, df }];
  }).sort((a, b) => a.df - b.df);
  const picked: string[] = [];
  let spent = 0;
  for (const { stem, df } of stems) {
    if (picked.length && spent + df > POSTING_BUDGET) continue;
    picked.push(stem);
    spent += df;
  }
  if (!picked.length) return [];
  return index.query((q) => {
    for (const stem of picked) q.term(stem, { usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
  });
}
