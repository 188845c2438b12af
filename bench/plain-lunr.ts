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

/** `index.search` on the question's words; an empty query searches nothing (lunr would match every document). */
export function searchPlain(index: lunr.Index, question: string): lunr.Index.Result[] {
  const query = plainQuery(question);
  return query ? index.search(query) : [];
}
